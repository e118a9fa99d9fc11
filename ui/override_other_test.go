//go:build !linux

package ui

import (
	"os"
	"runtime"
	"testing"
)

// withoutOverride runs f. Only the Linux version can take root's power to override file
// permissions away.
func withoutOverride(f func()) error {
	f()
	return nil
}

// skipWithoutReadOnly skips a test that needs a read-only folder where there is none to
// be had: Windows ignores a folder's read-only flag, and root ignores permissions.
func skipWithoutReadOnly(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("no read-only folder here")
	}
}
