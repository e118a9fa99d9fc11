package core

import "time"

// MaxEvents is how many activity events are kept per account; older ones are dropped.
const MaxEvents = 1000

// EventKind is a stable code for something that happened to an account. It is what the data
// file stores; the window turns it into words, in the reader's language, so rewording or
// translating a line never changes stored data. Twostep 0.2 stored English phrases instead:
// event_legacy.go reads those as these codes.
type EventKind string

const (
	EventAccountCreated        EventKind = "account-created"
	EventSignIn                EventKind = "signed-in"
	EventSignInFailed          EventKind = "sign-in-failed"
	EventConfirmFailed         EventKind = "confirmation-failed" // a wrong password or code for a change in Settings
	EventLockedOut             EventKind = "locked-out"
	EventSignOut               EventKind = "signed-out"
	EventTwoFactorOn           EventKind = "two-step-on"
	EventTwoFactorOff          EventKind = "two-step-off"
	EventBackupGenerated       EventKind = "backup-codes-generated"
	EventBackupUsed            EventKind = "backup-code-used"
	EventDeviceTrusted         EventKind = "device-trusted"
	EventDeviceRevoked         EventKind = "device-revoked"
	EventPasswordChanged       EventKind = "password-changed"
	EventProfileUpdated        EventKind = "profile-updated"
	EventComputerSetUp         EventKind = "computer-set-up" // this computer set up again with a backup code
	EventUpgraded              EventKind = "protection-upgraded"
	EventComputerRemoved       EventKind = "computer-removed"       // another computer removed from the account (Name)
	EventAuthenticatorReplaced EventKind = "authenticator-replaced" // a new TOTP secret, the old one refused
	EventLocked                EventKind = "locked"                 // the window locked (Cause; Wait: the time without use)
)

// Method says how a sign-in was made (EventSignIn).
type Method string

const (
	MethodPassword      Method = "password"
	MethodPasswordCode  Method = "password+code"
	MethodBackupCode    Method = "password+backup-code"
	MethodTrustedDevice Method = "password+trusted-device"
)

// Factor is what was wrong in a failed attempt (EventSignInFailed, EventConfirmFailed).
type Factor string

const (
	FactorPassword   Factor = "password"
	FactorCode       Factor = "code"
	FactorBackupCode Factor = "backup-code"
)

// Event is one line of an account's activity: what happened (Kind), on which computer
// (Device, its name), and the details the kind has, as data rather than words.
type Event struct {
	Time   time.Time `json:"time"`
	Kind   EventKind `json:"kind"`
	Device string    `json:"device"`
	Method Method    `json:"method,omitempty"` // EventSignIn: how
	Wrong  Factor    `json:"wrong,omitempty"`  // EventSignInFailed, EventConfirmFailed: what was wrong
	// EventDeviceTrusted, EventDeviceRevoked: the device's name; for a revocation, or All
	// devices at once, or this one by signing out completely (SignedOut).
	Name      string `json:"name,omitempty"`
	All       bool   `json:"all,omitempty"`
	SignedOut bool   `json:"signedOut,omitempty"`
	// EventBackupUsed: the backup codes left. EventLockedOut: the failures that led to it.
	Count int           `json:"count,omitempty"`
	Wait  time.Duration `json:"wait,omitempty"`  // EventLockedOut: for how long; EventLocked: the time without use
	Cause LockCause     `json:"cause,omitempty"` // EventLocked: why
}
