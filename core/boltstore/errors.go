package boltstore

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"
	"strings"
	"syscall"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/twostep-app/twostep/core"
)

// classify turns an error from bbolt or the file system into a *core.Error whose kind a
// person can act on, keeping the cause in Err. A *core.Error passes through unchanged.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var ce *core.Error
	if errors.As(err, &ce) {
		return err
	}
	kind := core.KindInternal
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		kind = core.KindAlreadyRunning
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch),
		// bbolt has no sentinel for a file cut shorter than its two meta pages;
		// TestOpenCorrupt notices if a new bbolt changes the text.
		strings.HasPrefix(err.Error(), "file size too small"):
		kind = core.KindDataCorrupt
	// fs.ErrPermission covers EACCES and EPERM; EPERM is what an immutable file gives.
	// A full disk reads the same to a person: nothing can be written until space is freed.
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS),
		errors.Is(err, syscall.ENOSPC), errors.Is(err, berrors.ErrDatabaseReadOnly), cannotWrite(err):
		kind = core.KindDataReadOnly
	}
	return core.Wrap(kind, err)
}

// fnPanic carries a panic out of a caller's fn, so that it is re-raised as the bug it is
// instead of being reported as a damaged file.
type fnPanic struct{ v any }

// callFn runs a caller's fn inside a transaction, marking any panic as the caller's.
func callFn[T any](fn func(*T) error, v *T) error {
	defer func() {
		if r := recover(); r != nil {
			panic(fnPanic{r})
		}
	}()
	return fn(v)
}

// recoverCorrupt, deferred, turns a panic from bbolt into KindDataCorrupt: bbolt panics,
// rather than returning an error, when it meets a damaged page.
func recoverCorrupt(err *error) {
	r := recover()
	if r == nil {
		return
	}
	if p, ok := r.(fnPanic); ok {
		panic(p.v)
	}
	*err = core.Wrap(core.KindDataCorrupt, fmt.Errorf("bbolt panicked: %v", r))
}

// guarded runs f with memory faults turned into panics: a damaged page number can point
// bbolt past the end of the mapped file, and a fault there would otherwise kill the process.
func guarded(f func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer recoverCorrupt(&err)
	return classify(f())
}

func (s *Store) update(fn func(*bolt.Tx) error) error {
	return guarded(func() error { return s.db.Update(fn) })
}

func (s *Store) view(fn func(*bolt.Tx) error) error {
	return guarded(func() error { return s.db.View(fn) })
}
