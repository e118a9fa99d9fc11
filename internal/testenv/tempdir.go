package testenv

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// TempDir is t.TempDir, except on Windows, where the folder is removed at cleanup one entry
// at a time, deepest first, with os.Remove. The Windows tests run under Wine 8, which does not
// implement NtSetInformationFile(FileDispositionInformationEx) and answers
// STATUS_NOT_IMPLEMENTED. Go's os.RemoveAll, which t.TempDir cleans up with, deletes what is
// inside a folder with that call on Windows and does not fall back, so every t.TempDir fails
// its test at cleanup with "unlinkat ...: Invalid function" (an empty one too: t.TempDir
// makes its folder inside another, which RemoveAll then empties). os.Remove deletes with
// DeleteFileW and RemoveDirectoryW, which Wine has. (Windows 10 and later have the call, so
// there RemoveAll works too; removing one by one is only slower.)
func TempDir(t testing.TB) string {
	t.Helper()
	if runtime.GOOS != "windows" {
		return t.TempDir()
	}
	dir, err := os.MkdirTemp("", "twostep-test-")
	if err != nil {
		t.Fatalf("TempDir: %v", err)
	}
	t.Cleanup(func() {
		if err := removeAll(dir); err != nil {
			t.Errorf("TempDir cleanup: %v", err)
		}
	})
	return dir
}

// removeAll removes dir and everything in it, children before their folder. A symlink is
// removed, never followed.
func removeAll(dir string) error {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		paths = append(paths, path)
		return err
	})
	if err != nil {
		return err
	}
	// WalkDir lists a folder before what is in it, so the reverse removes the contents first.
	for _, path := range slices.Backward(paths) {
		if err := os.Remove(path); err != nil {
			return err
		}
	}
	return nil
}
