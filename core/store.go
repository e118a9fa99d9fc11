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
	UpdateAccount(id AccountID, fn Change, events ...Event) error
	// UpdateAccountThrottle is UpdateAccount that also applies fn to the throttle state under
	// key, in the same transaction: a sign-in records its code and clears its failures in one
	// write. A zero Throttle is deleted.
	UpdateAccountThrottle(id AccountID, key string, fn func(*Account, *Throttle) error, events ...Event) error
	// Throttle and UpdateThrottle keep failure counts by a key derived from the username.
	Throttle(key string) (Throttle, error)
	UpdateThrottle(key string, fn func(*Throttle)) (Throttle, error)
	AppendEvents(id AccountID, events ...Event) error
	// Events returns up to n of the newest events, newest first.
	Events(id AccountID, n int) ([]Event, error)
	// The data of a program behind the gate (datakeys.go), kept as it was sealed, by account,
	// purpose and name. Data of a missing entry is KindNotFound; deleting one is no error.
	Data(id AccountID, purpose, name string) ([]byte, error)
	DataNames(id AccountID, purpose string) ([]string, error)
	PutData(id AccountID, purpose, name string, sealed []byte) error
	DeleteData(id AccountID, purpose, name string) error
	// ResealData hands every entry of the account to fn in one transaction and stores what
	// it returns in its place (nil: unchanged); an error writes nothing.
	ResealData(id AccountID, fn func(purpose, name string, sealed []byte) ([]byte, error)) error
	// InstallKey is a random secret made once per data file; it keys the throttle buckets of
	// unknown names (NameThrottleKey).
	InstallKey() []byte
}

// Change is what a use case does to an account record, inside the transaction that stores
// it: an error leaves the record as it was.
type Change func(*Account) error

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

// SlotComputerKey is the one entry Twostep keeps per two-step account: this computer's key
// (ComputerKey). It opens nothing without the password.
const SlotComputerKey Slot = "computer"

// SlotComputerKeyV2 is where Twostep 0.2 kept this computer's key, in its own form
// (ComputerKeyV2). It is read to move an account on, and deleted once the account has moved:
// the new key goes into SlotComputerKey first, so a stop in between loses neither.
const SlotComputerKeyV2 Slot = "computer-key"

// The entries Twostep 0.1 kept, each usable alone. They are read once, at the upgrade, and
// deleted.
const (
	SlotDataKey     Slot = "data-key"     // the data key the profile was sealed under
	SlotTOTP        Slot = "totp"         // the confirmed TOTP secret
	SlotTOTPPending Slot = "totp-pending" // a secret shown but not yet confirmed
	SlotDevice      Slot = "device"       // this machine's trusted-device token
)

// LegacySlots are the entries of older Twostep versions, deleted once an account has moved on.
var LegacySlots = []Slot{SlotDataKey, SlotTOTP, SlotTOTPPending, SlotDevice, SlotComputerKeyV2}

// AllSlots are every entry any Twostep has kept for an account: deleting them all leaves
// nothing of the account in the keyring.
var AllSlots = append([]Slot{SlotComputerKey}, LegacySlots...)

// Clock lets tests move time; the app passes time.Now.
type Clock func() time.Time
