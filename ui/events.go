package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"
)

// eventLine is one line of activity: what, how, where and when. The data file stores codes
// (core.EventKind and the details its kind carries); the words are the window's.
func eventLine(ev core.Event, now time.Time) string {
	what := string(ev.Kind) // a kind from a newer Twostep: its code is better than nothing
	if say, ok := eventWords[ev.Kind]; ok {
		what = say()
	}
	if detail := eventDetail(ev); detail != "" && detail != ev.Device {
		what += " (" + detail + ")"
	}
	if ev.Device != "" {
		what += " · " + ev.Device
	}
	return what + " · " + when(ev.Time, now)
}

// eventWords says what happened. Each phrase starts a line, so it is written capitalised.
var eventWords = map[core.EventKind]func() string{
	core.EventAccountCreated:  func() string { return lang.X("dashboard.event.account-created", "Account created") },
	core.EventSignIn:          func() string { return lang.X("dashboard.event.signed-in", "Signed in") },
	core.EventSignInFailed:    func() string { return lang.X("dashboard.event.sign-in-failed", "Sign-in failed") },
	core.EventConfirmFailed:   func() string { return lang.X("dashboard.event.confirmation-failed", "Confirmation in Settings failed") },
	core.EventLockedOut:       func() string { return lang.X("dashboard.event.locked-out", "Locked out") },
	core.EventSignOut:         func() string { return lang.X("dashboard.event.signed-out", "Signed out") },
	core.EventTwoFactorOn:     func() string { return lang.X("dashboard.event.two-step-on", "Two-step authentication turned on") },
	core.EventTwoFactorOff:    func() string { return lang.X("dashboard.event.two-step-off", "Two-step authentication turned off") },
	core.EventBackupGenerated: func() string { return lang.X("dashboard.event.backup-codes-generated", "Backup codes generated") },
	core.EventBackupUsed:      func() string { return lang.X("dashboard.event.backup-code-used", "Backup code used") },
	core.EventDeviceTrusted:   func() string { return lang.X("dashboard.event.device-trusted", "Device trusted") },
	core.EventDeviceRevoked:   func() string { return lang.X("dashboard.event.device-revoked", "Device revoked") },
	core.EventPasswordChanged: func() string { return lang.X("dashboard.event.password-changed", "Password changed") },
	core.EventProfileUpdated:  func() string { return lang.X("dashboard.event.profile-updated", "Profile updated") },
	core.EventComputerSetUp: func() string {
		return lang.X("dashboard.event.computer-set-up", "This computer set up again with a backup code")
	},
	core.EventUpgraded: func() string { return lang.X("dashboard.event.protection-upgraded", "Account protection upgraded") },
	core.EventComputerRemoved: func() string {
		return lang.X("dashboard.event.computer-removed", "Computer removed")
	},
	core.EventLocked: func() string { return lang.X("dashboard.event.locked", "Window locked") },
	core.EventAuthenticatorReplaced: func() string {
		return lang.X("dashboard.event.authenticator-replaced", "Authenticator app set up again")
	},
}

// methodWords says how a sign-in was made, or nothing for a method it does not know.
func methodWords(m core.Method) string {
	switch m {
	case core.MethodPassword:
		return lang.X("dashboard.method.password", "password")
	case core.MethodPasswordCode:
		return lang.X("dashboard.method.password-code", "password and verification code")
	case core.MethodBackupCode:
		return lang.X("dashboard.method.password-backup-code", "password and backup code")
	case core.MethodTrustedDevice:
		return lang.X("dashboard.method.trusted-device", "password on a trusted device")
	}
	return ""
}

// wrongWords says what was wrong in a failed attempt, or nothing for a factor it does not know.
func wrongWords(f core.Factor) string {
	switch f {
	case core.FactorPassword:
		return lang.X("dashboard.wrong.password", "wrong password")
	case core.FactorCode:
		return lang.X("dashboard.wrong.code", "wrong verification code")
	case core.FactorBackupCode:
		return lang.X("dashboard.wrong.backup-code", "wrong backup code")
	}
	return ""
}

// eventDetail says, in words, the details an event of its kind carries.
func eventDetail(ev core.Event) string {
	switch ev.Kind {
	case core.EventSignIn:
		return methodWords(ev.Method)
	case core.EventSignInFailed, core.EventConfirmFailed:
		return wrongWords(ev.Wrong)
	case core.EventLockedOut:
		return lang.XN("dashboard.detail.locked-out", "after {{.Count}} failed attempts, for {{.Wait}}",
			ev.Count, map[string]any{"Count": ev.Count, "Wait": words.Duration(ev.Wait)})
	case core.EventBackupUsed:
		return lang.XN("dashboard.detail.codes-left", "{{.Count}} left", ev.Count, map[string]any{"Count": ev.Count})
	case core.EventPasswordChanged:
		return lang.X("dashboard.detail.password-changed", "every trusted device will ask for a code again")
	case core.EventDeviceTrusted, core.EventComputerRemoved:
		return deviceName(ev.Name)
	case core.EventLocked:
		return lockCauseWords(ev.Cause, ev.Wait)
	case core.EventDeviceRevoked:
		switch {
		case ev.All:
			return lang.X("dashboard.detail.all-devices", "all devices")
		case ev.SignedOut:
			return lang.X("dashboard.detail.signed-out-completely", "signed out completely")
		}
		return deviceName(ev.Name)
	}
	return ""
}

// lockCauseWords says why a window locked, as a detail of the activity.
func lockCauseWords(cause app.LockCause, idle time.Duration) string {
	switch cause {
	case app.LockIdle:
		n := int(idle / time.Minute)
		return lang.XN("dashboard.detail.locked-idle", "{{.Count}} minutes without use", n, map[string]any{"Count": n})
	case app.LockScreen:
		return lang.X("dashboard.detail.locked-screen", "the screen was locked")
	case app.LockSleep:
		return lang.X("dashboard.detail.locked-sleep", "the computer went to sleep")
	case app.LockByUser:
		return lang.X("dashboard.detail.locked-user", "by you")
	}
	return ""
}
