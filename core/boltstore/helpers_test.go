package boltstore

import (
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/testenv"
)

var t0 = time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)

// openTemp opens a fresh store in a temporary folder and closes it when the test ends.
func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(testenv.TempDir(t), "twostep.db")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// sampleAccount fills every field, so a round trip that drops one shows.
func sampleAccount(name string) core.Account {
	return core.Account{
		ID:       core.NewAccountID(),
		Username: name,
		Created:  t0,
		Schema:   core.Schema,
		Keys: core.Keys{Params: "$argon2id$v=19$m=65536,t=3,p=4$a2V5c2FsdA", KeyID: []byte{13}, PasswordBox: []byte{14},
			Boxes: []core.Box{{Holder: core.Holder{Name: "computer d1", Public: []byte{15}}, Ephemeral: []byte{16}, Sealed: []byte{17}}},
			KeysV2: core.KeysV2{Password: []byte{1}, Computers: []core.ComputerWrap{{Device: "d1", KeyID: []byte{2}, Wrap: []byte{3}, Sealed: []byte{12}}},
				Recovery: []byte{4}, RecoveryKey: []byte{5}}},
		Profile:      []byte{4, 5, 6},
		TOTP:         []byte{6, 7},
		TwoFactor:    true,
		LastTimeStep: 58000000,
		BackupCodes: core.BackupCodes{Version: core.Schema,
			Params: "$argon2id$v=19$m=16384,t=1,p=1$c2FsdA", Hashes: [][]byte{{7}, nil, {8}}, Publics: [][]byte{{18}, nil, {19}}, Wraps: [][]byte{{9}, nil, {10}}, Generated: t0,
		},
		LegacyKeyring: true,
		MAC:           []byte{11},
		Legacy: core.Legacy{Password: "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
			KeyParams: "$argon2id$v=19$m=65536,t=3,p=4$a2V5c2FsdA", WrappedKey: []byte{1, 2, 3}},
		Devices:         []core.Device{{ID: "d1", Name: "laptop", Created: t0, LastUsed: t0, Public: []byte{20}, Trusted: true, TokenHash: []byte{9}}},
		PasswordChanged: t0.Add(time.Hour),
	}
}

func event(name string) core.Event {
	return core.Event{Time: t0, Kind: core.EventDeviceTrusted, Device: "laptop", Name: name}
}

// rawView reads a closed data file with bbolt itself, to see what is really on disk.
func rawView(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatalf("raw open: %v", err)
	}
	defer db.Close()
	if err := db.View(fn); err != nil {
		t.Fatal(err)
	}
}

func rawUpdate(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("raw open: %v", err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}
