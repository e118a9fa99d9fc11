//go:build !linux && !windows

package ui

import (
	"os"
	"testing"
)

// withoutOverride runs f. Only the Linux version can take root's power to override file
// permissions away.
func withoutOverride(f func()) error {
	f()
	return nil
}

// readOnlyFolder takes write permission away from dir until the test ends, or skips the
// test as root, whom permissions do not stop.
func readOnlyFolder(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("no read-only folder here")
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
}
