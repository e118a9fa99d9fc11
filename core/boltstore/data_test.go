package boltstore

import (
	"errors"
	"slices"
	"testing"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/testenv"
)

// A program's entries are kept by account, purpose and name, copied out of bbolt, listed in
// order and deleted; an account that does not exist takes none.
func TestDataEntries(t *testing.T) {
	s, _ := openTemp(t)
	a, b := sampleAccount("alice"), sampleAccount("bob")
	testenv.Must(t, s.CreateAccount(a))
	testenv.Must(t, s.CreateAccount(b))
	testenv.Must(t, s.PutData(a.ID, "notes", "n2", []byte("two")))
	testenv.Must(t, s.PutData(a.ID, "notes", "n1", []byte("one")))
	testenv.Must(t, s.PutData(a.ID, "photos", "p1", []byte("pic")))
	testenv.Must(t, s.PutData(b.ID, "notes", "n1", []byte("bob's")))
	if got, err := s.Data(a.ID, "notes", "n1"); err != nil || string(got) != "one" {
		t.Fatalf("Data: %q, %v", got, err)
	}
	if names, err := s.DataNames(a.ID, "notes"); err != nil || !slices.Equal(names, []string{"n1", "n2"}) {
		t.Fatalf("DataNames: %v, %v", names, err)
	}
	if names, _ := s.DataNames(a.ID, "nothing"); len(names) != 0 {
		t.Fatalf("a purpose with no data lists %v", names)
	}
	for _, missing := range [][3]string{{string(a.ID), "notes", "n3"}, {string(a.ID), "nothing", "n1"}, {"nobody", "notes", "n1"}} {
		if _, err := s.Data(core.AccountID(missing[0]), missing[1], missing[2]); !core.IsKind(err, core.KindNotFound) {
			t.Errorf("Data%v: %v, want KindNotFound", missing, err)
		}
	}
	if err := s.PutData("nobody", "notes", "n1", []byte("x")); !core.IsKind(err, core.KindNotFound) {
		t.Errorf("PutData for no account: %v", err)
	}
	testenv.Must(t, s.DeleteData(a.ID, "notes", "n1"))
	testenv.Must(t, s.DeleteData(a.ID, "notes", "n1"))
	testenv.Must(t, s.DeleteData(a.ID, "nothing", "n1"))
	if names, _ := s.DataNames(a.ID, "notes"); !slices.Equal(names, []string{"n2"}) {
		t.Fatalf("after Delete: %v", names)
	}
	if got, _ := s.Data(b.ID, "notes", "n1"); string(got) != "bob's" {
		t.Fatalf("bob's entry: %q", got)
	}
}

// ResealData replaces every entry it is given a value for, in one transaction: an error
// part way leaves every entry as it was.
func TestResealDataIsAllOrNothing(t *testing.T) {
	s, _ := openTemp(t)
	a := sampleAccount("alice")
	testenv.Must(t, s.CreateAccount(a))
	for _, n := range []string{"a", "b", "c"} {
		testenv.Must(t, s.PutData(a.ID, "notes", n, []byte("old "+n)))
	}
	testenv.Must(t, s.PutData(a.ID, "photos", "p", []byte("old p")))
	stop := errors.New("stop")
	err := s.ResealData(a.ID, func(purpose, name string, v []byte) ([]byte, error) {
		if name == "c" {
			return nil, stop
		}
		return []byte("new " + name), nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("ResealData: %v", err)
	}
	if got, _ := s.Data(a.ID, "notes", "a"); string(got) != "old a" {
		t.Fatalf("a failed reseal wrote %q", got)
	}
	seen := 0
	testenv.Must(t, s.ResealData(a.ID, func(purpose, name string, v []byte) ([]byte, error) {
		seen++
		if name == "b" {
			return nil, nil // left as it is
		}
		return append([]byte("new "), v...), nil
	}))
	want := map[string]string{"a": "new old a", "b": "old b", "c": "new old c", "p": "new old p"}
	for name, w := range want {
		purpose := "notes"
		if name == "p" {
			purpose = "photos"
		}
		if got, _ := s.Data(a.ID, purpose, name); string(got) != w {
			t.Errorf("%s: %q, want %q", name, got, w)
		}
	}
	if seen != 4 {
		t.Errorf("fn saw %d entries, want 4", seen)
	}
}
