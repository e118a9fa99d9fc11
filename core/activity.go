package core

import "time"

// MaxEvents is how many activity events are kept per account; older ones are dropped.
const MaxEvents = 1000

// EventKind names something that happened to an account, in the words the dashboard shows.
type EventKind string

const (
	EventAccountCreated  EventKind = "account created"
	EventSignIn          EventKind = "signed in"
	EventSignInFailed    EventKind = "sign-in failed"
	EventConfirmFailed   EventKind = "confirmation in Settings failed" // a wrong password or code for a change
	EventLockedOut       EventKind = "locked out"
	EventSignOut         EventKind = "signed out"
	EventTwoFactorOn     EventKind = "two-step authentication turned on"
	EventTwoFactorOff    EventKind = "two-step authentication turned off"
	EventBackupGenerated EventKind = "backup codes generated"
	EventBackupUsed      EventKind = "backup code used"
	EventDeviceTrusted   EventKind = "device trusted"
	EventDeviceRevoked   EventKind = "device revoked"
	EventPasswordChanged EventKind = "password changed"
	EventProfileUpdated  EventKind = "profile updated"
	EventComputerSetUp   EventKind = "this computer set up again with a backup code"
	EventUpgraded        EventKind = "account protection upgraded"
)

// Sign-in methods, recorded in the Detail of an EventSignIn.
const (
	MethodPassword      = "password"
	MethodPasswordCode  = "password and verification code"
	MethodBackupCode    = "password and backup code"
	MethodTrustedDevice = "password on a trusted device"
)

// Event is one line of an account's activity.
type Event struct {
	Time   time.Time `json:"time"`
	Kind   EventKind `json:"kind"`
	Device string    `json:"device"`
	Detail string    `json:"detail,omitempty"`
}
