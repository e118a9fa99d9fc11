package app_test

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/testenv"
)

// A program's data goes in and out for its account alone; a signed-out session, another
// account and a bad purpose or name get nothing, with the kind that says why.
func TestProgramData(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	bob := e.signUp("bob", testenv.OtherPW)
	testenv.Must(t, e.svc.PutData(sess, "notes", "shopping", []byte("oat milk, figs")))
	testenv.Must(t, e.svc.PutData(sess, "notes", "ideas", []byte("a kite")))
	if got, err := e.svc.Data(sess, "notes", "shopping"); err != nil || string(got) != "oat milk, figs" {
		t.Fatalf("Data: %q, %v", got, err)
	}
	if names, err := e.svc.DataNames(sess, "notes"); err != nil || !slices.Equal(names, []string{"ideas", "shopping"}) {
		t.Fatalf("DataNames: %v, %v", names, err)
	}
	if names, err := e.svc.DataNames(bob, "notes"); err != nil || len(names) != 0 {
		t.Fatalf("bob sees %v, %v", names, err)
	}
	if _, err := e.svc.Data(bob, "notes", "shopping"); !core.IsKind(err, core.KindNotFound) {
		t.Fatalf("bob reads alice's entry: %v", err)
	}
	sealed, err := e.svc.Seal(sess, "notes", []byte("a file of the program's"))
	testenv.Must(t, err)
	if _, _, err := e.svc.Open(bob, "notes", sealed); !core.IsKind(err, core.KindDataTampered) {
		t.Fatalf("bob opens alice's sealed bytes: %v", err)
	}
	if _, _, err := e.svc.Open(sess, "photos", sealed); !core.IsKind(err, core.KindDataTampered) {
		t.Fatalf("another purpose opens them: %v", err)
	}
	for _, bad := range [][2]string{{"", "x"}, {"notes", ""}, {"no\ttabs", "x"}} {
		if err := e.svc.PutData(sess, bad[0], bad[1], []byte("x")); !core.IsKind(err, core.KindInvalid) {
			t.Errorf("PutData(%q, %q): %v, want KindInvalid", bad[0], bad[1], err)
		}
	}
	testenv.Must(t, e.svc.DeleteData(sess, "notes", "ideas"))
	if _, err := e.svc.Data(sess, "notes", "ideas"); !core.IsKind(err, core.KindNotFound) {
		t.Fatalf("a deleted entry: %v", err)
	}
	testenv.Must(t, e.svc.SignOut(sess))
	if _, err := e.svc.Data(sess, "notes", "shopping"); !core.IsKind(err, core.KindNotFound) {
		t.Fatalf("a signed-out session reads: %v", err)
	}
	if _, err := e.svc.Seal(sess, "notes", []byte("x")); !core.IsKind(err, core.KindNotFound) {
		t.Fatalf("a signed-out session seals: %v", err)
	}
	raw, err := os.ReadFile(e.path)
	testenv.Must(t, err)
	for _, text := range []string{"oat milk", "a kite", "a file of the program's"} {
		if bytes.Contains(raw, []byte(text)) {
			t.Errorf("the data file holds %q", text)
		}
	}
}

// Bytes a program keeps itself open after a security change and say they are stale; sealed
// again, they are not. The entries Twostep keeps were sealed again with the change.
func TestProgramDataAcrossAKeyChange(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	testenv.Must(t, e.svc.PutData(sess, "notes", "n", []byte("kept")))
	before, err := e.svc.Seal(sess, "notes", []byte("in a file"))
	testenv.Must(t, err)
	secret, _ := e.enable(sess) // a security change: a new account key, and new data keys
	plain, stale, err := e.svc.Open(sess, "notes", before)
	if err != nil || !stale || string(plain) != "in a file" {
		t.Fatalf("sealed before the change: %q, stale %v, %v", plain, stale, err)
	}
	again, err := e.svc.Seal(sess, "notes", plain)
	testenv.Must(t, err)
	if _, stale, err := e.svc.Open(sess, "notes", again); err != nil || stale {
		t.Fatalf("sealed again: stale %v, %v", stale, err)
	}
	// Another sign-in on this computer, and the entry is still there.
	testenv.Must(t, e.svc.SignOut(sess))
	sess = e.signInWithCode(alice, testenv.AlicePW, secret, true)
	if got, err := e.svc.Data(sess, "notes", "n"); err != nil || string(got) != "kept" {
		t.Fatalf("after signing in again: %q, %v", got, err)
	}
	a, err := e.db.Account(sess.ID)
	testenv.Must(t, err)
	if len(a.DataKeys) == 0 {
		t.Fatal("the record holds no data keys")
	}
}
