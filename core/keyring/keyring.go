// Package keyring keeps Twostep's secrets in the OS keyring (the Secret Service on Linux,
// Keychain on macOS, Credential Manager on Windows) through go-keyring.
package keyring

import (
	"encoding/base64"
	"fmt"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/twostep-app/twostep/core"
)

// Service is the keyring service name the app stores its secrets under. It was Twostep's
// app ID until 0.2 and is kept as it is: the secrets already stored are filed under it, and
// renaming it would lock every existing account out of its computer key.
const Service = "io.twostep.desktop"

// Keyring is a core.Secrets backed by the OS keyring. It holds no state but the
// service name, so it is safe for concurrent use.
type Keyring struct {
	service string
}

var _ core.Secrets = (*Keyring)(nil)

// New returns an adapter that stores entries under service (normally Service;
// tests use a unique name so they never touch the app's entries).
func New(service string) *Keyring { return &Keyring{service: service} }

// Service is the service name the entries are stored under, for logs and tests.
func (k *Keyring) Service() string { return k.service }

// user is the keyring entry name. Account IDs are hex, so "/" cannot be ambiguous.
func user(id core.AccountID, slot core.Slot) string { return string(id) + "/" + string(slot) }

// Get returns the secret in slot of account id, or KindSecretMissing.
func (k *Keyring) Get(id core.AccountID, slot core.Slot) ([]byte, error) {
	if err := busReady(); err != nil {
		return nil, err
	}
	s, err := gokeyring.Get(k.service, user(id, slot))
	if err != nil {
		return nil, classify(err)
	}
	v, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		// Another program (or a person in Seahorse) changed it: a keyring problem, never the
		// data file's, so no one is told to move the data file aside for it.
		return nil, core.Wrap(core.KindKeyringDamaged, fmt.Errorf("keyring entry %s is not base64: %w", user(id, slot), err))
	}
	return v, nil
}

// Set stores value in slot of account id, replacing what was there. go-keyring
// stores text (the Secret Service item is marked text/plain UTF-8), so arbitrary
// bytes go in as base64.
func (k *Keyring) Set(id core.AccountID, slot core.Slot, value []byte) error {
	if err := busReady(); err != nil {
		return err
	}
	return classify(gokeyring.Set(k.service, user(id, slot), base64.StdEncoding.EncodeToString(value)))
}

// Delete removes the secret in slot of account id; a missing entry is not an error.
func (k *Keyring) Delete(id core.AccountID, slot core.Slot) error {
	if err := busReady(); err != nil {
		return err
	}
	err := classify(gokeyring.Delete(k.service, user(id, slot)))
	if core.IsKind(err, core.KindSecretMissing) {
		return nil
	}
	return err
}

// Check reads an entry that never exists, so the app can tell a person at start that the
// keyring is unusable instead of failing at their first sign-in. The read reaches the bus
// and the Secret Service and unlocks the collection (go-keyring unlocks before it searches),
// which is everything a write needs too; it writes nothing, because gnome-keyring rewrites
// its whole file on every write and a start should not cost that.
func (k *Keyring) Check() error {
	// Account IDs are hex, so "probe" can never be a real account's entry.
	_, err := k.Get("probe", "check")
	if err == nil || core.IsKind(err, core.KindSecretMissing) || core.IsKind(err, core.KindKeyringDamaged) {
		return nil // an entry someone made there still shows the keyring answers
	}
	return err
}

// DeleteAccount removes every entry any Twostep kept for account id (core.AllSlots); missing
// ones are not an error.
func (k *Keyring) DeleteAccount(id core.AccountID) error {
	for _, slot := range core.AllSlots {
		if err := k.Delete(id, slot); err != nil {
			return err
		}
	}
	return nil
}
