package ui

import (
	"fmt"
	"io/fs"
	"syscall"
	"testing"
)

// The sentences fileProblem chooses from.
const (
	noPermission = "you do not have permission to write there."
	diskIsFull   = "the disk is full."
	placeIsRO    = "that place is read-only."
	notWritten   = "the file could not be written."
)

type fileProblemCase struct {
	name  string
	errno syscall.Errno
	want  string
}

// Each cause of a failed save gets the sentence a person can act on, from the system's own
// error numbers (diskerrors_windows_test.go adds Windows').
func TestFileProblem(t *testing.T) {
	tests := append([]fileProblemCase{
		{"permission denied", syscall.EACCES, noPermission},
		{"not permitted", syscall.EPERM, noPermission},
		{"disk full", syscall.ENOSPC, diskIsFull},
		{"read-only file system", syscall.EROFS, placeIsRO},
		{"a folder in the way", syscall.EISDIR, notWritten},
	}, systemFileProblems...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := fmt.Errorf("save: %w", &fs.PathError{Op: "open", Path: "codes.txt", Err: tt.errno})
			if got := fileProblem(err); got != tt.want {
				t.Errorf("fileProblem(%v) = %q, want %q", err, got, tt.want)
			}
		})
	}
}
