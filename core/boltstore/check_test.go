package boltstore

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/testenv"
)

// busyDB is a closed data file with an account, a throttle entry and enough activity that the
// account's events live on pages of their own, which opening the file never reads.
func busyDB(t *testing.T) (string, core.Account) {
	t.Helper()
	path := filepath.Join(testenv.TempDir(t), "twostep.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a := sampleAccount("alice")
	testenv.Must(t, s.CreateAccount(a))
	var events []core.Event
	for i := range 300 {
		events = append(events, event(fmt.Sprintf("event number %d with some words in it", i)))
	}
	testenv.Must(t, s.AppendEvents(a.ID, events...))
	_, err = s.UpdateThrottle(core.AccountThrottleKey(a.ID), func(th *core.Throttle) { th.Passwords.Fail(t0) })
	testenv.Must(t, err)
	testenv.Must(t, s.Close())
	return path, a
}

// eventsPage is the first page of the account's events bucket.
func eventsPage(t *testing.T, path string, id core.AccountID) int64 {
	var page int64
	rawView(t, path, func(tx *bolt.Tx) error {
		page = int64(tx.Bucket(bucketEvents).Bucket([]byte(id)).Root())
		return nil
	})
	if page == 0 {
		t.Fatal("the events bucket is inline; add more events")
	}
	return page
}

// --check reports every kind of damage as damage, changes nothing and creates nothing, and
// passes a healthy file. Several of these files open without complaint: only the pages a
// sign-in reads are looked at then.
func TestCheck(t *testing.T) {
	put := func(bucket []byte, key, value []byte) func(*testing.T, string, core.Account) {
		return func(t *testing.T, path string, _ core.Account) {
			rawUpdate(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucket).Put(key, value) })
		}
	}
	tests := []struct {
		name   string
		damage func(*testing.T, string, core.Account)
		want   core.Kind // KindInternal: no error
		opens  bool      // Open does not notice
	}{
		{"healthy", func(*testing.T, string, core.Account) {}, core.KindInternal, true},
		{"an events page garbled", func(t *testing.T, path string, a core.Account) {
			corruptAt(t, path, eventsPage(t, path, a.ID)*4096+16)
		}, core.KindDataCorrupt, true},
		{"an account record that is not JSON", func(t *testing.T, path string, a core.Account) {
			put(bucketAccounts, []byte(a.ID), []byte("{not json"))(t, path, a)
		}, core.KindDataCorrupt, true},
		{"a username whose account is gone", func(t *testing.T, path string, a core.Account) {
			rawUpdate(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketAccounts).Delete([]byte(a.ID)) })
		}, core.KindDataCorrupt, true},
		{"a throttle entry that is not JSON", put(bucketThrottle, []byte("account:x"), []byte("][")), core.KindDataCorrupt, true},
		{"a missing bucket", func(t *testing.T, path string, _ core.Account) {
			rawUpdate(t, path, func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketThrottle) })
		}, core.KindDataCorrupt, true},
		{"an unreadable schema stamp", put(bucketMeta, keySchema, []byte("two")), core.KindDataCorrupt, false},
		{"a newer schema", put(bucketMeta, keySchema, []byte("9")), core.KindDataTooNew, false},
		{"both meta pages", func(t *testing.T, path string, _ core.Account) { corruptAt(t, path, 64, 4096+64) }, core.KindDataCorrupt, false},
		{"cut short", func(t *testing.T, path string, _ core.Account) {
			if err := os.Truncate(path, 3*4096); err != nil {
				t.Fatal(err)
			}
		}, core.KindDataCorrupt, false},
		{"empty", func(t *testing.T, path string, _ core.Account) {
			if err := os.Truncate(path, 0); err != nil {
				t.Fatal(err)
			}
		}, core.KindDataCorrupt, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, a := busyDB(t)
			tt.damage(t, path, a)
			before, _ := os.ReadFile(path)
			err := Check(path)
			if tt.want == core.KindInternal {
				if err != nil {
					t.Fatalf("Check of a healthy file: %v", err)
				}
			} else {
				testenv.WantKind(t, err, tt.want)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Fatal("Check changed the file")
			}
			if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
				t.Fatalf("Check left %d files in the folder", len(entries))
			}
			if tt.opens {
				s, err := Open(path)
				if err != nil {
					t.Fatalf("this damage should be one Open does not notice, but: %v", err)
				}
				s.Close()
			}
		})
	}
}

func TestCheckCreatesNothing(t *testing.T) {
	dir := filepath.Join(testenv.TempDir(t), "not yet")
	err := Check(filepath.Join(dir, "twostep.db"))
	testenv.WantKind(t, err, core.KindNotFound)
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("Check made the folder: %v", err)
	}
}

// A name in the index whose record is gone is damage, not a stranger's name: answered as a
// wrong password, it would also count a failure.
func TestDanglingUsernameIsDamage(t *testing.T) {
	path, a := busyDB(t)
	rawUpdate(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketAccounts).Delete([]byte(a.ID)) })
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.AccountByUsername("alice")
	testenv.WantKind(t, err, core.KindDataCorrupt)
}

// The install key is made once per file, kept across opens, and differs between files.
func TestInstallKey(t *testing.T) {
	s, path := openTemp(t)
	k := bytes.Clone(s.InstallKey())
	if len(k) != 32 {
		t.Fatalf("install key of %d bytes", len(k))
	}
	s.Close()
	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	other, _ := openTemp(t)
	if !bytes.Equal(again.InstallKey(), k) || bytes.Equal(other.InstallKey(), k) {
		t.Fatal("the install key is not kept, or not random")
	}
}
