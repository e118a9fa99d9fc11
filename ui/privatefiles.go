package ui

import (
	"bytes"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"

	"github.com/twostep-app/twostep/internal/private"
)

// Fyne's save dialog opens the chosen file itself, before Twostep sees it: its file
// repository does os.Create there, which makes the file readable by others (0666 minus
// the umask) and follows a symlink planted at that name. Backup codes must never sit in
// such a file, not even for a moment another local user could use to keep it open. So
// the "file" repository is wrapped: its writers hold what is written in memory, and only
// Close touches the disk, through private.WriteReplacing.

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
	err := private.WriteReplacing(localPath(w.uri), w.buf.Bytes())
	clear(w.buf.Bytes()) // the codes need not linger in this copy
	return err
}
