package boltstore

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"golang.org/x/sys/windows"
)

// What TestTruncatedWhileOpen checks on Unix cannot happen on Windows: no one may cut short a
// file of which a view is mapped, so the pages cannot go from under an open store. This
// checks that they cannot, and that the store reads on.
func TestFileCannotBeCutShortWhileOpen(t *testing.T) {
	s, path := openTemp(t)
	a := sampleAccount("alice")
	if err := s.CreateAccount(a, event("1")); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, 2*4096); !errors.Is(err, windows.ERROR_USER_MAPPED_FILE) {
		t.Fatalf("cutting the file short under an open store: %v, want Windows to refuse (a user-mapped section)", err)
	}
	if got, err := s.Account(a.ID); err != nil || !reflect.DeepEqual(got, a) {
		t.Fatalf("Account after the refused cut = %+v, %v", got, err)
	}
}
