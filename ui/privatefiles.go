package ui

import (
	"bytes"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"

	"github.com/twostep-app/twostep/core/private"
)

// Fyne's save dialog opens the chosen file itself, before Twostep sees it: its file
// repository does os.Create there, which makes the file readable by others (0666 minus
// the umask) and follows a symlink planted at that name. Backup codes must never sit in
// such a file, not even for a moment another local user could use to keep it open. So
// the "file" repository is wrapped: its writers hold what is written in memory, and only
// Close touches the disk, through writeReplacing.

// fileRepository is everything Fyne 2.7's file repository can do. Fyne asks a repository
// for each capability by type assertion, so the wrapper must offer exactly these, no fewer
// (privatefiles_test.go checks this against the repository it wraps).
type fileRepository interface {
	repository.AppendableRepository
	repository.DeleteAllRepository
	repository.HierarchicalRepository
	repository.ListableRepository
	repository.CopyableRepository
	repository.MovableRepository
}

// privateFiles is the driver's file repository with private writers. Appender is passed
// on unchanged: appending keeps an existing file, and Twostep never appends.
type privateFiles struct {
	fileRepository
}

// registerPrivateFiles wraps the file repository the driver registered, once. Register
// calls Destroy on the repository it replaces; Fyne's file repository does nothing there,
// so the wrapper can keep using it.
func registerPrivateFiles() {
	r, err := repository.ForScheme("file")
	if err != nil {
		return // no local files on this driver
	}
	if files, ok := r.(fileRepository); ok {
		if _, done := r.(*privateFiles); !done {
			repository.Register("file", &privateFiles{files})
		}
	}
}

// Writer creates nothing: the file is written when the writer is closed.
func (r *privateFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &privateWriter{uri: u}, nil
}

// privateWriter collects what is written and writes it to its file on Close.
type privateWriter struct {
	uri    fyne.URI
	buf    bytes.Buffer
	closed bool
}

func (w *privateWriter) URI() fyne.URI { return w.uri }

func (w *privateWriter) Write(p []byte) (int, error) {
	if w.closed {
		return 0, os.ErrClosed
	}
	return w.buf.Write(p)
}

func (w *privateWriter) Close() error {
	if w.closed {
		return os.ErrClosed
	}
	w.closed = true
	err := writeReplacing(localPath(w.uri), w.buf.Bytes())
	clear(w.buf.Bytes()) // the codes need not linger in this copy
	return err
}

// writeReplacing puts data at path through a new owner-only file in the same folder,
// renamed over path once complete. Nobody else can open the new file (private from the
// first byte, created exclusively, never through a symlink: see core/private); the rename
// replaces whatever is at path, a symlink included, rather than writing through it; and a
// reader of path sees the old file or the whole new one, never a part. If anything fails,
// the new file goes and path is untouched.
func writeReplacing(path string, data []byte) error {
	f, tmp, err := createPrivate(filepath.Dir(path), filepath.Base(path))
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync() // the content is on disk before the name points at it
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = replace(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// replace renames tmp over path. A folder at path is named as the cause: Windows refuses
// to replace one with "access denied", which would send a person looking for a permission
// they have.
func replace(tmp, path string) error {
	err := rename(tmp, path)
	if err != nil {
		if info, serr := os.Lstat(path); serr == nil && info.IsDir() {
			return &os.LinkError{Op: "rename", Old: tmp, New: path, Err: syscall.EISDIR}
		}
	}
	return err
}

// createPrivate makes a new owner-only file in dir, named after name. The name is not
// secret: O_EXCL and noFollow refuse anything already there, and another name is tried.
func createPrivate(dir, name string) (*os.File, string, error) {
	for range 20 {
		tmp := filepath.Join(dir, "."+name+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := private.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow)
		if !errors.Is(err, fs.ErrExist) {
			return f, tmp, err
		}
	}
	return nil, "", errors.New("no free name for a temporary file in " + dir)
}
