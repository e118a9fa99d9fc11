package ui

import (
	"testing"

	"github.com/twostep-app/twostep/internal/testenv"
)

// withoutOverride runs f: on Windows a DACL stops an administrator too.
func withoutOverride(f func()) error {
	f()
	return nil
}

// readOnlyFolder makes dir refuse new files until the test ends, with a DACL (Windows
// ignores a folder's read-only attribute). testenv.DenyWrites says why the test is skipped
// under Wine as root.
func readOnlyFolder(t *testing.T, dir string) {
	t.Helper()
	testenv.DenyWrites(t, dir)
}
