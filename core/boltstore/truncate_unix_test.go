//go:build !windows

package boltstore

import (
	"os"
	"testing"

	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
)

// TestTruncatedWhileOpen cuts the file short under an open store: reading a page past the
// new end faults, and the fault must come back as KindDataCorrupt, not kill the process.
func TestTruncatedWhileOpen(t *testing.T) {
	s, path := openTemp(t)
	a := sampleAccount("alice")
	if err := s.CreateAccount(a, event("1")); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, 2*4096); err != nil {
		t.Fatal(err)
	}
	_, err := s.Account(a.ID)
	testenv.WantKind(t, err, core.KindDataCorrupt)
	t.Log(err)
}
