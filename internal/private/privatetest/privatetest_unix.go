//go:build !windows

package privatetest

import (
	"io/fs"
	"os"
	"testing"
)

// WantPrivate fails t unless path has exactly mode unixMode.
func WantPrivate(t testing.TB, path string, unixMode fs.FileMode) {
	t.Helper()
	wantMode(t, path, unixMode)
}

// WantLoose fails t unless path has exactly mode unixMode, which lets others in.
func WantLoose(t testing.TB, path string, unixMode fs.FileMode) {
	t.Helper()
	wantMode(t, path, unixMode)
}

// Loosen gives path mode unixMode, which lets others in.
func Loosen(t testing.TB, path string, unixMode fs.FileMode) {
	t.Helper()
	if err := os.Chmod(path, unixMode); err != nil {
		t.Fatal(err)
	}
}

func wantMode(t testing.TB, path string, want fs.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("%s has mode %o, want %o", path, got, want)
	}
}
