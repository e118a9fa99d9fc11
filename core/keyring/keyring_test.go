package keyring_test

import (
	"bytes"
	"errors"
	"testing"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/keyring/keyringtest"
)

var slots = append([]core.Slot{core.SlotComputerKey}, core.LegacySlots...)

func TestRoundTripEachSlot(t *testing.T) {
	k := keyringtest.Require(t)
	id := core.NewAccountID()
	for _, slot := range slots {
		want := []byte("secret for " + string(slot))
		if err := k.Set(id, slot, want); err != nil {
			t.Fatalf("Set %s: %v", slot, err)
		}
	}
	for _, slot := range slots {
		got, err := k.Get(id, slot)
		if err != nil || string(got) != "secret for "+string(slot) {
			t.Fatalf("Get %s = %q, %v", slot, got, err)
		}
	}
	for _, slot := range slots {
		if err := k.Delete(id, slot); err != nil {
			t.Fatalf("Delete %s: %v", slot, err)
		}
		if _, err := k.Get(id, slot); !core.IsKind(err, core.KindSecretMissing) {
			t.Fatalf("Get %s after Delete: %v, want secret missing", slot, err)
		}
	}
}

func TestAccountsDoNotShareSecrets(t *testing.T) {
	k := keyringtest.Require(t)
	alice, bob := core.NewAccountID(), core.NewAccountID()
	mustSet(t, k, alice, core.SlotTOTP, []byte("alice"))
	if _, err := k.Get(bob, core.SlotTOTP); !core.IsKind(err, core.KindSecretMissing) {
		t.Fatalf("bob sees a secret before he has one: %v", err)
	}
	mustSet(t, k, bob, core.SlotTOTP, []byte("bob"))
	if err := k.Delete(bob, core.SlotTOTP); err != nil {
		t.Fatal(err)
	}
	if got := mustGet(t, k, alice, core.SlotTOTP); string(got) != "alice" {
		t.Fatalf("alice's secret = %q after bob's was set and deleted", got)
	}
}

func TestServicesDoNotShareSecrets(t *testing.T) {
	a, b := keyringtest.Require(t), keyringtest.Require(t)
	id := core.NewAccountID()
	mustSet(t, a, id, core.SlotDevice, []byte("a"))
	if _, err := b.Get(id, core.SlotDevice); !core.IsKind(err, core.KindSecretMissing) {
		t.Fatalf("another service sees the secret: %v", err)
	}
}

func TestSetReplaces(t *testing.T) {
	k := keyringtest.Require(t)
	id := core.NewAccountID()
	mustSet(t, k, id, core.SlotDataKey, []byte("old"))
	mustSet(t, k, id, core.SlotDataKey, []byte("new"))
	if got := mustGet(t, k, id, core.SlotDataKey); string(got) != "new" {
		t.Fatalf("after overwrite Get = %q, want new", got)
	}
	// One Delete must leave nothing: an overwrite that added a second entry would show here.
	if err := k.Delete(id, core.SlotDataKey); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get(id, core.SlotDataKey); !core.IsKind(err, core.KindSecretMissing) {
		t.Fatalf("Get after one Delete: %v, want secret missing", err)
	}
}

func TestGetMissing(t *testing.T) {
	k := keyringtest.Require(t)
	_, err := k.Get(core.NewAccountID(), core.SlotTOTP)
	if !core.IsKind(err, core.KindSecretMissing) {
		t.Fatalf("Get missing: %v, want secret missing", err)
	}
}

func TestDeleteMissing(t *testing.T) {
	k := keyringtest.Require(t)
	if err := k.Delete(core.NewAccountID(), core.SlotDevice); err != nil {
		t.Fatalf("Delete missing: %v, want nil", err)
	}
}

func TestValuesSurviveByteForByte(t *testing.T) {
	k := keyringtest.Require(t)
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	for name, want := range map[string][]byte{"all 256 byte values": all, "empty": {}} {
		id := core.NewAccountID()
		mustSet(t, k, id, core.SlotDataKey, want)
		if got := mustGet(t, k, id, core.SlotDataKey); !bytes.Equal(got, want) {
			t.Errorf("%s: got %x, want %x", name, got, want)
		}
	}
}

func mustSet(t *testing.T, k core.Secrets, id core.AccountID, slot core.Slot, v []byte) {
	t.Helper()
	if err := k.Set(id, slot, v); err != nil {
		t.Fatalf("Set %s: %v", slot, err)
	}
}

func mustGet(t *testing.T, k core.Secrets, id core.AccountID, slot core.Slot) []byte {
	t.Helper()
	v, err := k.Get(id, slot)
	if err != nil {
		t.Fatalf("Get %s: %v", slot, err)
	}
	return v
}

func TestGetCorruptValue(t *testing.T) {
	k := keyringtest.Require(t)
	id := core.NewAccountID()
	// Written past the adapter, as another program (or a person in Seahorse) might.
	if err := gokeyring.Set(k.Service(), string(id)+"/"+string(core.SlotTOTP), "not base64!"); err != nil {
		t.Fatal(err)
	}
	_, err := k.Get(id, core.SlotTOTP)
	var e *core.Error
	if !errors.As(err, &e) || e.Kind != core.KindKeyringDamaged || e.Err == nil {
		t.Fatalf("Get of a non-base64 entry: %v, want a damaged keyring entry with its cause", err)
	}
	// It is the keyring's problem, never the data file's: Check still finds the keyring usable.
	if err := gokeyring.Set(k.Service(), "probe/check", "not base64!"); err != nil {
		t.Fatal(err)
	}
	if err := k.Check(); err != nil {
		t.Fatalf("Check with a damaged probe entry: %v", err)
	}
}
