package boltstore

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/testenv"
)

// plant writes a record into the accounts bucket as an editor would, bypassing the store.
func plant(t *testing.T, path string, a core.Account) {
	t.Helper()
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		v, err := json.Marshal(a)
		if err != nil {
			return err
		}
		return tx.Bucket(bucketAccounts).Put([]byte(a.ID), v)
	})
}

// The records of an older form a file held when this code first opened it are read; once
// one is stored in today's form, a record of an older form under its ID is refused as
// changed outside Twostep, as is one planted in a file that held none.
func TestOnlyListedOlderRecordsAreRead(t *testing.T) {
	path := filepath.Join(testenv.TempDir(t), "twostep.db")
	raw, err := os.ReadFile(filepath.Join("..", "..", "app", "testdata", "schema1", "twostep.db"))
	testenv.Must(t, err)
	testenv.Must(t, os.WriteFile(path, raw, 0o600))
	s, err := Open(path)
	testenv.Must(t, err)
	alice, err := s.AccountByUsername("alice")
	testenv.Must(t, err)
	for _, name := range []string{"bob", "carol"} {
		if _, err := s.AccountByUsername(name); err != nil {
			t.Fatalf("%s, of 0.1's file, is not read: %v", name, err)
		}
	}
	moved := alice
	moved.Schema, moved.Legacy = core.Schema, core.Legacy{}
	testenv.Must(t, s.UpdateAccount(alice.ID, func(a *core.Account) error { *a = moved; return nil }))
	testenv.Must(t, s.Close())

	plant(t, path, alice) // 0.1's record of alice, put back after she moved on
	s, err = Open(path)
	testenv.Must(t, err)
	_, err = s.AccountByUsername("alice")
	testenv.WantKind(t, err, core.KindDataTampered)
	_, err = s.Account(alice.ID)
	testenv.WantKind(t, err, core.KindDataTampered)
	if _, err := s.AccountByUsername("bob"); err != nil {
		t.Fatalf("bob, still in 0.1's form and listed, is refused: %v", err)
	}
	testenv.Must(t, s.Close())

	bob := func() core.Account {
		s, err := Open(path)
		testenv.Must(t, err)
		defer s.Close()
		a, err := s.AccountByUsername("bob")
		testenv.Must(t, err)
		return a
	}()
	bob.Schema = 2 // listed as 0.1's, now claiming 0.2's form
	plant(t, path, bob)
	s, err = Open(path)
	testenv.Must(t, err)
	_, err = s.AccountByUsername("bob")
	testenv.WantKind(t, err, core.KindDataTampered)
	testenv.Must(t, s.Close())
}

func TestOlderRecordPlantedInANewFileIsRefused(t *testing.T) {
	for _, schema := range []int{0, 2} {
		s, path := openTemp(t)
		a := sampleAccount("mallory")
		testenv.Must(t, s.CreateAccount(a))
		testenv.Must(t, s.Close())
		a.Schema = schema
		plant(t, path, a)
		s, err := Open(path)
		testenv.Must(t, err)
		_, err = s.AccountByUsername("mallory")
		testenv.WantKind(t, err, core.KindDataTampered)
		testenv.Must(t, s.Close())
	}
}

// --check reports a planted record of an older form as changed outside Twostep, and a file
// no Twostep 0.3 opened yet as it is.
func TestCheckReportsAPlantedOlderRecord(t *testing.T) {
	s, path := openTemp(t)
	a := sampleAccount("mallory")
	testenv.Must(t, s.CreateAccount(a))
	testenv.Must(t, s.Close())
	testenv.Must(t, Check(path))
	a.Schema = 0
	plant(t, path, a)
	testenv.WantKind(t, Check(path), core.KindDataTampered)

	old := filepath.Join(testenv.TempDir(t), "twostep.db")
	raw, err := os.ReadFile(filepath.Join("..", "..", "app", "testdata", "schema1", "twostep.db"))
	testenv.Must(t, err)
	testenv.Must(t, os.WriteFile(old, raw, 0o600))
	testenv.Must(t, Check(old))
}
