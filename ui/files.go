package ui

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
)

// fileSaveDialog and fileOpenDialog show Fyne's file dialogs. While one is open, Escape
// dismisses it (as a cancel) rather than the dialog underneath.
func (u *UI) fileSaveDialog(name string, done func(fyne.URIWriteCloser, error)) {
	var pop func()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) { pop(); done(w, err) }, u.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".txt"}))
	u.showFileDialog(d, &pop)
}

func (u *UI) fileOpenDialog(done func(fyne.URIReadCloser, error)) {
	var pop func()
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) { pop(); done(r, err) }, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}))
	u.showFileDialog(d, &pop)
}

func (u *UI) showFileDialog(d *dialog.FileDialog, pop *func()) {
	*pop = u.pushEscape(d.Dismiss)
	d.Resize(u.dialogSize())
	d.Show()
}

// dialogSize fits a file dialog inside the window with a margin.
func (u *UI) dialogSize() fyne.Size {
	s := u.win.Canvas().Size()
	return fyne.NewSize(max(s.Width-80, 400), max(s.Height-80, 300))
}

// writePrivate writes text through w and closes it. A local file's writer comes from
// privateFiles (privatefiles.go): nothing reaches the disk before Close, and then only
// as an owner-only file.
func writePrivate(w fyne.URIWriteCloser, text string) (string, error) {
	where := w.URI().String()
	if w.URI().Scheme() == "file" {
		where = localPath(w.URI())
	}
	if _, err := w.Write([]byte(text)); err != nil {
		w.Close()
		return where, err
	}
	return where, w.Close()
}

// localPath is the path of a file URI as this system writes it. A URI's path has forward
// slashes everywhere, and a person on Windows reads C:\Users\..., not C:/Users/....
func localPath(u fyne.URI) string { return filepath.FromSlash(u.Path()) }

// fileProblem says why a file could not be written, in words a person can act on: the end
// of a sentence that begins "The codes could not be saved there:".
func fileProblem(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return lang.X("security.file-problem.permission", "you do not have permission to write there.")
	case errors.Is(err, syscall.ENOSPC), diskFull(err):
		return lang.X("security.file-problem.disk-full", "the disk is full.")
	case errors.Is(err, syscall.EROFS), writeProtected(err):
		return lang.X("security.file-problem.read-only", "that place is read-only.")
	default:
		return lang.X("security.file-problem.other", "the file could not be written.")
	}
}
