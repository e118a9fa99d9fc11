package boltstore

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/testenv"
)

func TestAccountRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	a := sampleAccount("Alice")
	if err := s.CreateAccount(a, event("created")); err != nil {
		t.Fatal(err)
	}
	got, err := s.Account(a.ID)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Fatalf("Account = %+v, %v; want %+v", got, err, a)
	}
	for _, name := range []string{"Alice", "alice", "ALICE", "  alice "} {
		got, err := s.AccountByUsername(name)
		if err != nil || got.ID != a.ID {
			t.Errorf("AccountByUsername(%q) = %v, %v; want %v", name, got.ID, err, a.ID)
		}
	}

	err = s.UpdateAccount(a.ID, func(a *core.Account) error {
		a.TwoFactor = false
		a.Devices = nil
		a.LastTimeStep++
		return nil
	}, event("updated"))
	if err != nil {
		t.Fatal(err)
	}
	want := a
	want.TwoFactor, want.Devices, want.LastTimeStep = false, nil, a.LastTimeStep+1
	if got, err := s.Account(a.ID); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("after update Account = %+v, %v; want %+v", got, err, want)
	}
	if ev, err := s.Events(a.ID, 0); err != nil || len(ev) != 2 || ev[0].Name != "updated" {
		t.Fatalf("Events = %+v, %v; want updated, created", ev, err)
	}
}

func TestAccountValuesOutliveTransaction(t *testing.T) {
	s, _ := openTemp(t)
	a := sampleAccount("alice")
	if err := s.CreateAccount(a); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Account(a.ID)
	// Writing again remaps pages; a value still pointing into the old map would change or fault.
	s.db.NoSync = true
	for i := range 200 {
		if err := s.CreateAccount(sampleAccount(fmt.Sprintf("filler%03d", i))); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got.WrappedKey, a.WrappedKey) || got.Username != "alice" {
		t.Fatalf("value changed after later writes: %+v", got)
	}
}

func TestCreateAccountUsernameTaken(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.CreateAccount(sampleAccount("Alice")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		taken bool
	}{
		{"Alice", true},
		{"alice", true},
		{"ALICE", true},
		{" alice ", true},
		{"alice2", false},
		{"bob", false},
	}
	for _, tt := range tests {
		err := s.CreateAccount(sampleAccount(tt.name), event("created"))
		if tt.taken != core.IsKind(err, core.KindUsernameTaken) || !tt.taken && err != nil {
			t.Errorf("CreateAccount(%q) = %v, want taken %v", tt.name, err, tt.taken)
		}
	}
	// A refused create writes nothing: the first Alice is still the one found.
	got, _ := s.AccountByUsername("alice")
	if got.Username != "Alice" {
		t.Errorf("AccountByUsername(alice).Username = %q, want Alice", got.Username)
	}
}

func TestCreateAccountRefusesBadRecords(t *testing.T) {
	s, _ := openTemp(t)
	a := sampleAccount("alice")
	if err := s.CreateAccount(a); err != nil {
		t.Fatal(err)
	}
	sameID := sampleAccount("bob")
	sameID.ID = a.ID
	noID := sampleAccount("carol")
	noID.ID = ""
	for name, acc := range map[string]core.Account{"same ID": sameID, "no ID": noID, "no name": sampleAccount("  ")} {
		if err := s.CreateAccount(acc); !core.IsKind(err, core.KindInternal) {
			t.Errorf("%s: CreateAccount = %v, want KindInternal", name, err)
		}
	}
	if _, err := s.AccountByUsername("bob"); !core.IsKind(err, core.KindNotFound) {
		t.Errorf("bob after refused create: %v, want not found", err)
	}
}

func TestNotFound(t *testing.T) {
	s, _ := openTemp(t)
	tests := map[string]func() error{
		"Account":           func() error { _, err := s.Account("nope"); return err },
		"AccountByUsername": func() error { _, err := s.AccountByUsername("nobody"); return err },
		"UpdateAccount": func() error {
			return s.UpdateAccount("nope", func(*core.Account) error { return nil })
		},
		"AppendEvents": func() error { return s.AppendEvents("nope", event("x")) },
		"Events":       func() error { _, err := s.Events("nope", 0); return err },
	}
	for name, call := range tests {
		if err := call(); !core.IsKind(err, core.KindNotFound) {
			t.Errorf("%s = %v, want KindNotFound", name, err)
		}
	}
}

func TestStorageKeysUseIDNotName(t *testing.T) {
	path := filepath.Join(testenv.TempDir(t), "twostep.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a := sampleAccount("Alice.Smith")
	if err := s.CreateAccount(a, event("created")); err != nil {
		t.Fatal(err)
	}
	s.Close()

	rawView(t, path, func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketAccounts).Get([]byte(a.ID)); v == nil {
			t.Error("accounts has no key equal to the ID")
		}
		if v := tx.Bucket(bucketUsernames).Get([]byte("alice.smith")); string(v) != string(a.ID) {
			t.Errorf("usernames[alice.smith] = %q, want the ID %q", v, a.ID)
		}
		if tx.Bucket(bucketEvents).Bucket([]byte(a.ID)) == nil {
			t.Error("events has no bucket named by the ID")
		}
		// Only the username index may have the name as a key.
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return walkKeys(b, func(k []byte) {
				if string(name) != "usernames" && bytes.Contains(bytes.ToLower(k), []byte("alice")) {
					t.Errorf("bucket %s has a key with the username: %q", name, k)
				}
			})
		})
	})
}

func walkKeys(b *bolt.Bucket, fn func(k []byte)) error {
	return b.ForEach(func(k, v []byte) error {
		fn(k)
		if v == nil {
			return walkKeys(b.Bucket(k), fn)
		}
		return nil
	})
}

func TestUpdateAccountFnErrorWritesNothing(t *testing.T) {
	s, _ := openTemp(t)
	a := sampleAccount("alice")
	if err := s.CreateAccount(a); err != nil {
		t.Fatal(err)
	}
	plain := errors.New("not today")
	kinded := core.Fail(core.KindWrongCode, "")
	for _, want := range []error{plain, kinded} {
		err := s.UpdateAccount(a.ID, func(a *core.Account) error {
			a.TwoFactor = false
			a.Password = "changed"
			return want
		}, event("should not appear"))
		if err != want {
			t.Errorf("UpdateAccount = %#v, want the fn's error itself %#v", err, want)
		}
	}
	if got, _ := s.Account(a.ID); !reflect.DeepEqual(got, a) {
		t.Errorf("record changed: %+v", got)
	}
	if ev, _ := s.Events(a.ID, 0); len(ev) != 0 {
		t.Errorf("events written: %+v", ev)
	}
}

func TestUpdateAccountMayNotChangeIdentity(t *testing.T) {
	s, _ := openTemp(t)
	a := sampleAccount("alice")
	if err := s.CreateAccount(a); err != nil {
		t.Fatal(err)
	}
	tests := map[string]func(*core.Account){
		"ID":          func(a *core.Account) { a.ID = core.NewAccountID() },
		"username":    func(a *core.Account) { a.Username = "mallory" },
		"name's case": func(a *core.Account) { a.Username = "Alice" },
	}
	for name, change := range tests {
		err := s.UpdateAccount(a.ID, func(a *core.Account) error {
			change(a)
			a.TwoFactor = false
			return nil
		})
		if err == nil || !core.IsKind(err, core.KindInternal) {
			t.Errorf("changing the %s: %v, want KindInternal", name, err)
		}
	}
	if got, _ := s.Account(a.ID); !reflect.DeepEqual(got, a) {
		t.Errorf("record changed: %+v", got)
	}
}

func TestUpdateAccountFnPanicIsRaisedNotCorrupt(t *testing.T) {
	s, _ := openTemp(t)
	a := sampleAccount("alice")
	if err := s.CreateAccount(a); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if r := recover(); r != "bug" {
				t.Errorf("recovered %v, want the fn's own panic", r)
			}
		}()
		s.UpdateAccount(a.ID, func(a *core.Account) error {
			a.TwoFactor = false
			panic("bug")
		})
		t.Error("UpdateAccount returned after fn panicked")
	}()
	// The write transaction was rolled back and released.
	if err := s.UpdateAccount(a.ID, func(*core.Account) error { return nil }); err != nil {
		t.Fatalf("store unusable after fn panic: %v", err)
	}
	if got, _ := s.Account(a.ID); !got.TwoFactor {
		t.Error("a panicking fn's change was written")
	}
}

func TestThrottle(t *testing.T) {
	s, _ := openTemp(t)
	key := core.NameThrottleKey(s.InstallKey(), "Alice")
	if got, err := s.Throttle(key); err != nil || got != (core.Throttle{}) {
		t.Fatalf("Throttle of unknown key = %+v, %v; want zero, nil", got, err)
	}
	var want core.Throttle
	for i := range core.FreeFailures {
		want.Passwords.Fail(t0)
		got, err := s.UpdateThrottle(key, func(th *core.Throttle) { th.Passwords.Fail(t0) })
		if err != nil || got != want {
			t.Fatalf("failure %d: UpdateThrottle = %+v, %v; want %+v", i+1, got, err, want)
		}
	}
	if got, err := s.Throttle(key); err != nil || !got.Passwords.LockedUntil.Equal(want.Passwords.LockedUntil) || got.Passwords.Failures != want.Passwords.Failures {
		t.Fatalf("Throttle = %+v, %v; want %+v", got, err, want)
	}
	if n := throttleKeys(t, s); n != 1 {
		t.Fatalf("throttle bucket holds %d keys, want 1", n)
	}

	got, err := s.UpdateThrottle(key, func(th *core.Throttle) { *th = core.Throttle{} })
	if err != nil || got != (core.Throttle{}) {
		t.Fatalf("reset: UpdateThrottle = %+v, %v", got, err)
	}
	if n := throttleKeys(t, s); n != 0 {
		t.Errorf("throttle bucket holds %d keys after reset, want 0", n)
	}
	// A success on a name that never failed stores nothing either.
	if _, err := s.UpdateThrottle(core.NameThrottleKey(s.InstallKey(), "bob"), func(*core.Throttle) {}); err != nil {
		t.Fatal(err)
	}
	if n := throttleKeys(t, s); n != 0 {
		t.Errorf("throttle bucket holds %d keys after a no-op, want 0", n)
	}
}

// A sign-in records its change and clears its failures in one transaction; an error from fn
// writes neither.
func TestUpdateAccountThrottleIsOneTransaction(t *testing.T) {
	s, _ := openTemp(t)
	a := sampleAccount("alice")
	if err := s.CreateAccount(a); err != nil {
		t.Fatal(err)
	}
	key := core.AccountThrottleKey(a.ID)
	for range core.FreeFailures {
		if _, err := s.UpdateThrottle(key, func(th *core.Throttle) { th.Passwords.Fail(t0) }); err != nil {
			t.Fatal(err)
		}
	}
	refused := errors.New("code reused")
	err := s.UpdateAccountThrottle(a.ID, key, func(a *core.Account, th *core.Throttle) error {
		a.LastTimeStep++
		*th = core.Throttle{}
		return refused
	}, event("should not appear"))
	if err != refused {
		t.Fatalf("UpdateAccountThrottle = %v, want fn's error", err)
	}
	if th, _ := s.Throttle(key); th.Passwords.Failures != core.FreeFailures {
		t.Fatalf("failures = %d after a refused fn, want %d", th.Passwords.Failures, core.FreeFailures)
	}
	err = s.UpdateAccountThrottle(a.ID, key, func(a *core.Account, th *core.Throttle) error {
		if th.Passwords.Failures != core.FreeFailures {
			t.Errorf("fn sees %d failures, want %d", th.Passwords.Failures, core.FreeFailures)
		}
		a.LastTimeStep++
		*th = core.Throttle{}
		return nil
	}, event("signed in"))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Account(a.ID)
	if got.LastTimeStep != a.LastTimeStep+1 || throttleKeys(t, s) != 0 {
		t.Fatalf("after the sign-in: last step %d, %d throttle keys", got.LastTimeStep, throttleKeys(t, s))
	}
	if ev, _ := s.Events(a.ID, 0); len(ev) != 1 || ev[0].Name != "signed in" {
		t.Fatalf("events = %+v", ev)
	}
	if err := s.UpdateAccountThrottle(a.ID, "", func(*core.Account, *core.Throttle) error { return nil }); !core.IsKind(err, core.KindInternal) {
		t.Fatalf("no throttle key: %v, want KindInternal", err)
	}
}

func TestIsZeroThrottle(t *testing.T) {
	tests := []struct {
		th   core.Throttle
		want bool
	}{
		{core.Throttle{}, true},
		{core.Throttle{Passwords: core.Counter{LockedUntil: time.Time{}.In(time.FixedZone("CET", 3600))}}, true},
		{core.Throttle{Codes: core.Counter{LockedUntil: time.Time{}.In(time.FixedZone("CET", 3600))}}, true},
		{core.Throttle{Passwords: core.Counter{Failures: 1}}, false},
		{core.Throttle{Passwords: core.Counter{LockedUntil: t0}}, false},
		{core.Throttle{Codes: core.Counter{Failures: 1}}, false},
	}
	for _, tt := range tests {
		if got := isZero(tt.th); got != tt.want {
			t.Errorf("isZero(%+v) = %v, want %v", tt.th, got, tt.want)
		}
	}
}

func throttleKeys(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketThrottle).Stats().KeyN
		return nil
	})
	return n
}
