package boltstore

import (
	"os"
	"testing"

	"github.com/twostep-app/twostep/internal/testenv"
)

// makeReadOnly takes write permission away from path (a file or a folder) with a DACL; mode
// is for Unix. testenv.DenyWrites says why the test is skipped under Wine as root.
func makeReadOnly(t *testing.T, path string, _ os.FileMode) {
	t.Helper()
	testenv.DenyWrites(t, path)
}
