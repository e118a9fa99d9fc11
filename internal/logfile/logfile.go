// Package logfile is where the causes of what Twostep tells a person go: standard error and,
// once the data folder is known, an owner-only file there that is moved aside at 1 MiB.
package logfile

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"sync"

	"github.com/twostep-app/twostep/internal/private"
)

// Name is Twostep's log's name in its data folder; Name+".1" is the one before it.
const Name = "twostep.log"

// logCap is the most a log file grows to before it is moved aside for a new one.
const logCap = 1 << 20

// Log is where the causes of internal, keyring and data-file errors go, and the failures of
// clean-ups that run after a change is already stored: standard error, and once the data
// folder is known, a file there. A person reads the sentence for the kind, never the raw
// cause; whoever helps them reads the log. Nothing secret is written: causes are library
// text (D-Bus, bbolt, JSON), never a password, a code, a key or a profile.
type Log struct {
	*slog.Logger
	out *logWriter
}

// New logs to w (standard error; io.Discard in tests).
func New(w io.Writer) *Log {
	out := &logWriter{to: w}
	return &Log{Logger: slog.New(slog.NewTextHandler(out, nil)), out: out}
}

// AttachFile also logs to the file at path (Name in the data folder), made owner-only
// (internal/private says how on Windows). A symlink planted there is refused, not followed.
func (l *Log) AttachFile(path string) error { return l.out.attach(path) }

// Close closes the file, if one was attached.
func (l *Log) Close() error { return l.out.close() }

// logWriter writes each record to standard error and to a file capped at logCap: a file
// that would grow past it is renamed to LogFile.1 (replacing the older one) and begun anew.
type logWriter struct {
	mu   sync.Mutex
	to   io.Writer
	path string
	file *os.File
	size int64
}

func (w *logWriter) attach(path string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.path = path
	return w.open()
}

func (w *logWriter) open() error {
	f, err := private.OpenFile(w.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE)
	if err != nil {
		return err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	w.file, w.size = f, info.Size()
	return private.Restrict(f) // a file made by hand, or before, is made owner-only too
}

func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.to.Write(p)
	if w.file == nil {
		return len(p), nil
	}
	if w.size+int64(len(p)) > logCap {
		w.file.Close()
		w.file = nil
		if err := errors.Join(os.Rename(w.path, w.path+".1"), w.open()); err != nil {
			return len(p), nil // the log is a help, never a reason to fail
		}
	}
	n, _ := w.file.Write(p)
	w.size += int64(n)
	return len(p), nil
}

func (w *logWriter) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.file == nil {
		return nil
	}
	err := w.file.Close()
	w.file = nil
	return err
}
