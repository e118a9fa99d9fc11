package core

import "time"

// Store keeps accounts, throttle counters and activity. The bbolt adapter implements it;
// every method is one transaction, so an account is never half-written.
type Store interface {
	// CreateAccount adds a, failing with KindUsernameTaken if the name is in use (case-insensitively).
	CreateAccount(a Account, events ...Event) error
	Account(id AccountID) (Account, error)
	AccountByUsername(name string) (Account, error)
	// UpdateAccount reads the account, applies fn and writes it back with events, all or nothing.
	UpdateAccount(id AccountID, fn func(*Account) error, events ...Event) error
	// Throttle and UpdateThrottle keep failure counts by a key derived from the username.
	Throttle(key string) (Throttle, error)
	UpdateThrottle(key string, fn func(*Throttle)) (Throttle, error)
	AppendEvents(id AccountID, events ...Event) error
	// Events returns up to n of the newest events, newest first.
	Events(id AccountID, n int) ([]Event, error)
}

// Secrets is the OS keyring, keyed by account ID and a slot name.
// Get of a missing entry fails with KindSecretMissing.
type Secrets interface {
	Get(id AccountID, slot Slot) ([]byte, error)
	Set(id AccountID, slot Slot, value []byte) error
	// Delete of a missing entry is not an error.
	Delete(id AccountID, slot Slot) error
}

// Slot names one secret of an account in the keyring.
type Slot string

const (
	SlotDataKey     Slot = "data-key"     // encrypts the profile
	SlotTOTP        Slot = "totp"         // the confirmed TOTP secret
	SlotTOTPPending Slot = "totp-pending" // a secret shown but not yet confirmed
	SlotDevice      Slot = "device"       // this machine's trusted-device token
)

// Clock lets tests move time; the app passes time.Now.
type Clock func() time.Time
