package boltstore

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/private/privatetest"
	"github.com/twostep-app/twostep/internal/testenv"
)

func TestOpenMakesPrivateFolderAndFile(t *testing.T) {
	dir := filepath.Join(testenv.TempDir(t), "new", "twostep")
	path := filepath.Join(dir, "twostep.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	privatetest.WantPrivate(t, dir, 0o700)
	privatetest.WantPrivate(t, path, 0o600)
}

func TestOpenTightensLooseFileButNotFolder(t *testing.T) {
	dir := testenv.TempDir(t)
	privatetest.Loosen(t, dir, 0o755)
	path := filepath.Join(dir, "twostep.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	privatetest.Loosen(t, path, 0o644)
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	s.Close()
	privatetest.WantPrivate(t, path, 0o600)
	privatetest.WantLoose(t, dir, 0o755) // the person's own folder is theirs to set
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(testenv.TempDir(t), "twostep.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a := sampleAccount("alice")
	key := core.NameThrottleKey(s.InstallKey(), "bob")
	if err := s.CreateAccount(a, event("1")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateThrottle(key, func(th *core.Throttle) { th.Passwords.Fail(t0) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if got, err := s.AccountByUsername("ALICE"); err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("after reopen AccountByUsername = %+v, %v", got, err)
	}
	if got, err := s.Throttle(key); err != nil || got.Passwords.Failures != 1 {
		t.Errorf("after reopen Throttle = %+v, %v", got, err)
	}
	// The sequence carries on, so the new event still sorts as the newest.
	if err := s.AppendEvents(a.ID, event("2")); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Events(a.ID, 0); err != nil || len(got) != 2 || got[0].Name != "2" {
		t.Errorf("after reopen Events = %+v, %v", got, err)
	}
}

func TestOpenWhileOpenIsAlreadyRunning(t *testing.T) {
	t.Parallel() // it waits out the lock timeout
	s, path := openTemp(t)
	start := time.Now()
	s2, err := Open(path)
	elapsed := time.Since(start)
	if err == nil {
		s2.Close()
		t.Fatal("second Open succeeded while the first still holds the file")
	}
	testenv.WantKind(t, err, core.KindAlreadyRunning)
	if !errors.Is(err, berrors.ErrTimeout) {
		t.Errorf("cause %v not kept in Err", err)
	}
	if elapsed > 3*time.Second {
		t.Errorf("second Open took %v, want under 3s", elapsed)
	}
	t.Logf("second Open gave up after %v", elapsed)

	// Once the first lets go, the file opens.
	s.Close()
	s2, err = Open(path)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	s2.Close()
}

func TestOpenCorrupt(t *testing.T) {
	tests := map[string][]byte{
		"short text":           []byte("hello, I am not a database"),
		"one page of zeros":    make([]byte, 4096),
		"one page of garbage":  bytes.Repeat([]byte{0xA5}, 4096),
		"many pages of garble": bytes.Repeat([]byte("twostep"), 10000),
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(testenv.TempDir(t), "twostep.db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			assertCorrupt(t, path)
		})
	}
}

func TestOpenBadChecksum(t *testing.T) {
	path := closedDB(t)
	// Flip a byte in the body of both meta pages (the page size is 4096 here).
	corruptAt(t, path, 64, 4096+64)
	_, err := Open(path)
	testenv.WantKind(t, err, core.KindDataCorrupt)
	if !errors.Is(err, berrors.ErrChecksum) && !errors.Is(err, berrors.ErrInvalid) {
		t.Errorf("cause %v is not bbolt's", err)
	}
}

// TestOpenDamagedPages overwrites every page but the two meta pages: the meta checksums
// still pass, and bbolt panics on the first page it reads.
func TestOpenDamagedPages(t *testing.T) {
	path := closedDB(t)
	info, _ := os.Stat(path)
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt(bytes.Repeat([]byte{0xEE}, int(info.Size())-2*4096), 2*4096)
	f.Close()
	assertCorrupt(t, path)
}

// TestDamageWhileOpen damages the pages under an open store: the file is mapped shared, so
// the next read sees it, and must give KindDataCorrupt rather than a crash.
func TestDamageWhileOpen(t *testing.T) {
	s, path := openTemp(t)
	a := sampleAccount("alice")
	if err := s.CreateAccount(a, event("1")); err != nil {
		t.Fatal(err)
	}
	var pages []int
	s.db.View(func(tx *bolt.Tx) error {
		for id := 2; ; id++ {
			p, err := tx.Page(id)
			if err != nil || p == nil {
				return err
			}
			if p.Type == "leaf" || p.Type == "branch" {
				pages = append(pages, id)
			}
		}
	})
	offsets := make([]int64, len(pages))
	for i, id := range pages {
		offsets[i] = int64(id) * 4096
	}
	corruptAt(t, path, offsets...)
	_, err := s.Account(a.ID)
	testenv.WantKind(t, err, core.KindDataCorrupt)
	t.Log(err)
	_, err = s.Events(a.ID, 0)
	testenv.WantKind(t, err, core.KindDataCorrupt)
}

func TestOpenSchema(t *testing.T) {
	tests := []struct {
		stored string
		want   core.Kind
	}{
		{"99", core.KindDataTooNew},
		{"4", core.KindDataTooNew},
		{"0", core.KindDataCorrupt},
		{"one", core.KindDataCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.stored, func(t *testing.T) {
			path := filepath.Join(testenv.TempDir(t), "twostep.db")
			// Only a meta bucket, so a write by the failed Open would show as a new bucket.
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket(bucketMeta)
				if err != nil {
					return err
				}
				return b.Put(keySchema, []byte(tt.stored))
			})
			s, err := Open(path)
			if err == nil {
				s.Close()
			}
			testenv.WantKind(t, err, tt.want)
			rawView(t, path, func(tx *bolt.Tx) error {
				if tx.Bucket(bucketAccounts) != nil {
					t.Error("Open wrote to a file it refused")
				}
				return nil
			})
		})
	}
}

func TestOpenStampsSchema(t *testing.T) {
	path := closedDB(t)
	rawView(t, path, func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySchema); string(v) != "3" {
			t.Errorf("schema = %q, want 3", v)
		}
		return nil
	})
}

// A file of Twostep 0.1 opens, keeps its records as they are (they are upgraded one by one
// at sign-in) and is stamped 3, so that 0.1 and 0.2 refuse it from then on.
func TestOpenStampsSchema1FileAs3(t *testing.T) {
	path := filepath.Join(testenv.TempDir(t), "twostep.db")
	raw, err := os.ReadFile(filepath.Join("..", "..", "app", "testdata", "schema1", "twostep.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatalf("a schema 1 file does not open: %v", err)
	}
	a, err := s.AccountByUsername("alice")
	if err != nil || a.Schema != 0 || a.Password == "" || !a.TwoFactor || len(a.Devices) != 1 || a.BackupCodes.Left() != 9 {
		t.Fatalf("alice as read from 0.1's file: %+v, %v", a, err)
	}
	s.Close()
	rawView(t, path, func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySchema); string(v) != "3" {
			t.Errorf("schema = %q, want 3", v)
		}
		return nil
	})
}

func TestOpenReadOnlyFile(t *testing.T) {
	path := closedDB(t)
	makeReadOnly(t, path, 0o400)
	s, err := Open(path)
	if err == nil {
		s.Close()
	}
	testenv.WantKind(t, err, core.KindDataReadOnly)
}

func TestOpenReadOnlyFolder(t *testing.T) {
	tests := map[string]string{
		"file to create": "twostep.db",
		"folder to make": "sub/twostep.db",
	}
	for name, rel := range tests {
		t.Run(name, func(t *testing.T) {
			dir := testenv.TempDir(t)
			makeReadOnly(t, dir, 0o500)
			s, err := Open(filepath.Join(dir, rel))
			if err == nil {
				s.Close()
			}
			testenv.WantKind(t, err, core.KindDataReadOnly)
		})
	}
}

// closedDB makes a data file with one account in it and closes it.
func closedDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(testenv.TempDir(t), "twostep.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateAccount(sampleAccount("alice"), event("1")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func corruptAt(t *testing.T, path string, offsets ...int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, off := range offsets {
		if _, err := f.WriteAt(bytes.Repeat([]byte{0xEE}, 64), off); err != nil {
			t.Fatal(err)
		}
	}
}

// assertCorrupt checks Open reports KindDataCorrupt, and twice: a failed Open must let go
// of the lock, or the second would say "already running".
func assertCorrupt(t *testing.T, path string) {
	t.Helper()
	for range 2 {
		s, err := Open(path)
		if err == nil {
			s.Close()
		}
		testenv.WantKind(t, err, core.KindDataCorrupt)
		if errors.Unwrap(err) == nil {
			t.Errorf("%v keeps no cause", err)
		}
	}
}
