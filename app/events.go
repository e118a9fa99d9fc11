package app

import "github.com/twostep-app/twostep/core"

// The activity's codes, for the window to put into words (ui/events.go).
type (
	EventKind = core.EventKind
	Method    = core.Method
	Factor    = core.Factor
)

const (
	EventAccountCreated  = core.EventAccountCreated
	EventSignIn          = core.EventSignIn
	EventSignInFailed    = core.EventSignInFailed
	EventConfirmFailed   = core.EventConfirmFailed
	EventLockedOut       = core.EventLockedOut
	EventSignOut         = core.EventSignOut
	EventTwoFactorOn     = core.EventTwoFactorOn
	EventTwoFactorOff    = core.EventTwoFactorOff
	EventBackupGenerated = core.EventBackupGenerated
	EventBackupUsed      = core.EventBackupUsed
	EventDeviceTrusted   = core.EventDeviceTrusted
	EventDeviceRevoked   = core.EventDeviceRevoked
	EventPasswordChanged = core.EventPasswordChanged
	EventProfileUpdated  = core.EventProfileUpdated
	EventComputerSetUp   = core.EventComputerSetUp
	EventUpgraded        = core.EventUpgraded
	EventComputerRemoved = core.EventComputerRemoved

	EventAuthenticatorReplaced = core.EventAuthenticatorReplaced
	EventLocked                = core.EventLocked

	MethodPassword      = core.MethodPassword
	MethodPasswordCode  = core.MethodPasswordCode
	MethodBackupCode    = core.MethodBackupCode
	MethodTrustedDevice = core.MethodTrustedDevice

	FactorPassword   = core.FactorPassword
	FactorCode       = core.FactorCode
	FactorBackupCode = core.FactorBackupCode
)
