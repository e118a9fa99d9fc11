package boltstore

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	berrors "go.etcd.io/bbolt/errors"

	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
)

func TestClassify(t *testing.T) {
	pathErr := func(errno syscall.Errno) error {
		return &fs.PathError{Op: "open", Path: "/x/twostep.db", Err: errno}
	}
	type test struct {
		name string
		err  error
		want core.Kind
	}
	tests := []test{
		{"lock timeout", berrors.ErrTimeout, core.KindAlreadyRunning},
		{"not a database", berrors.ErrInvalid, core.KindDataCorrupt},
		{"bad checksum", berrors.ErrChecksum, core.KindDataCorrupt},
		{"version mismatch", berrors.ErrVersionMismatch, core.KindDataCorrupt},
		{"wrapped checksum", fmt.Errorf("meta0: %w", berrors.ErrChecksum), core.KindDataCorrupt},
		{"shorter than two pages", errors.New("file size too small 4096"), core.KindDataCorrupt},
		{"permission denied", pathErr(syscall.EACCES), core.KindDataReadOnly},
		{"immutable file", pathErr(syscall.EPERM), core.KindDataReadOnly},
		{"read-only file system", pathErr(syscall.EROFS), core.KindDataReadOnly},
		{"EROFS on write", fmt.Errorf("write: %w", syscall.EROFS), core.KindDataReadOnly},
		{"EACCES bare", syscall.EACCES, core.KindDataReadOnly},
		{"bbolt read-only", berrors.ErrDatabaseReadOnly, core.KindDataReadOnly},
		{"disk full", pathErr(syscall.ENOSPC), core.KindDataReadOnly},
		{"not open", berrors.ErrDatabaseNotOpen, core.KindInternal},
		{"anything else", errors.New("boom"), core.KindInternal},
	}
	for _, e := range systemErrnos {
		tests = append(tests, test{e.name, pathErr(e.errno), e.want})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := classify(tt.err)
			var ce *core.Error
			if !errors.As(got, &ce) || ce.Kind != tt.want {
				t.Fatalf("classify(%v) = %#v, want a *core.Error of kind %v", tt.err, got, tt.want)
			}
			if ce.Err != tt.err {
				t.Errorf("cause = %v, want %v", ce.Err, tt.err)
			}
		})
	}
}

func TestClassifyPassesThrough(t *testing.T) {
	if classify(nil) != nil {
		t.Error("classify(nil) != nil")
	}
	own := core.Fail(core.KindUsernameTaken, "")
	if got := classify(own); got != own {
		t.Errorf("classify(*core.Error) = %v, want it unchanged", got)
	}
	wrapped := fmt.Errorf("ctx: %w", own)
	if got := classify(wrapped); got != wrapped {
		t.Errorf("classify(wrapped *core.Error) = %v, want it unchanged", got)
	}
}

func TestGuarded(t *testing.T) {
	err := guarded(func() error { panic("invalid page type: 7: 10") })
	testenv.WantKind(t, err, core.KindDataCorrupt)

	// A real fault in the mapped file is TestTruncatedWhileOpen.

	defer func() {
		if r := recover(); r != "caller's bug" {
			t.Errorf("recovered %v, want the caller's own panic", r)
		}
	}()
	guarded(func() error { return callFn(func(*int) error { panic("caller's bug") }, new(int)) })
	t.Error("guarded swallowed a panic from a caller's fn")
}
