package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/app"
)

// eventLine is one line of activity: what, how, where and when. The data file stores codes
// (app.EventKind and the details its kind carries); the words are the window's.
func eventLine(ev app.Event, now time.Time) string {
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
var eventWords = map[app.EventKind]func() string{
	app.EventAccountCreated:  func() string { return lang.X("dashboard.event.account-created", "Account created") },
	app.EventSignIn:          func() string { return lang.X("dashboard.event.signed-in", "Signed in") },
	app.EventSignInFailed:    func() string { return lang.X("dashboard.event.sign-in-failed", "Sign-in failed") },
	app.EventConfirmFailed:   func() string { return lang.X("dashboard.event.confirmation-failed", "Confirmation in Settings failed") },
	app.EventLockedOut:       func() string { return lang.X("dashboard.event.locked-out", "Locked out") },
	app.EventSignOut:         func() string { return lang.X("dashboard.event.signed-out", "Signed out") },
	app.EventTwoFactorOn:     func() string { return lang.X("dashboard.event.two-step-on", "Two-step authentication turned on") },
	app.EventTwoFactorOff:    func() string { return lang.X("dashboard.event.two-step-off", "Two-step authentication turned off") },
	app.EventBackupGenerated: func() string { return lang.X("dashboard.event.backup-codes-generated", "Backup codes generated") },
	app.EventBackupUsed:      func() string { return lang.X("dashboard.event.backup-code-used", "Backup code used") },
	app.EventDeviceTrusted:   func() string { return lang.X("dashboard.event.device-trusted", "Device trusted") },
	app.EventDeviceRevoked:   func() string { return lang.X("dashboard.event.device-revoked", "Device revoked") },
	app.EventPasswordChanged: func() string { return lang.X("dashboard.event.password-changed", "Password changed") },
	app.EventProfileUpdated:  func() string { return lang.X("dashboard.event.profile-updated", "Profile updated") },
	app.EventComputerSetUp: func() string {
		return lang.X("dashboard.event.computer-set-up", "This computer set up again with a backup code")
	},
	app.EventUpgraded: func() string { return lang.X("dashboard.event.protection-upgraded", "Account protection upgraded") },
	app.EventComputerRemoved: func() string {
		return lang.X("dashboard.event.computer-removed", "Computer removed")
	},
	app.EventLocked: func() string { return lang.X("dashboard.event.locked", "Window locked") },
	app.EventAuthenticatorReplaced: func() string {
		return lang.X("dashboard.event.authenticator-replaced", "Authenticator app set up again")
	},
}

// methodWords says how a sign-in was made, or nothing for a method it does not know.
func methodWords(m app.Method) string {
	switch m {
	case app.MethodPassword:
		return lang.X("dashboard.method.password", "password")
	case app.MethodPasswordCode:
		return lang.X("dashboard.method.password-code", "password and verification code")
	case app.MethodBackupCode:
		return lang.X("dashboard.method.password-backup-code", "password and backup code")
	case app.MethodTrustedDevice:
		return lang.X("dashboard.method.trusted-device", "password on a trusted device")
	}
	return ""
}

// wrongWords says what was wrong in a failed attempt, or nothing for a factor it does not know.
func wrongWords(f app.Factor) string {
	switch f {
	case app.FactorPassword:
		return lang.X("dashboard.wrong.password", "wrong password")
	case app.FactorCode:
		return lang.X("dashboard.wrong.code", "wrong verification code")
	case app.FactorBackupCode:
		return lang.X("dashboard.wrong.backup-code", "wrong backup code")
	}
	return ""
}

// eventDetail says, in words, the details an event of its kind carries.
func eventDetail(ev app.Event) string {
	switch ev.Kind {
	case app.EventSignIn:
		return methodWords(ev.Method)
	case app.EventSignInFailed, app.EventConfirmFailed:
		return wrongWords(ev.Wrong)
	case app.EventLockedOut:
		return lang.XN("dashboard.detail.locked-out", "after {{.Count}} failed attempts, for {{.Wait}}",
			ev.Count, map[string]any{"Count": ev.Count, "Wait": app.Duration(ev.Wait)})
	case app.EventBackupUsed:
		return lang.XN("dashboard.detail.codes-left", "{{.Count}} left", ev.Count, map[string]any{"Count": ev.Count})
	case app.EventPasswordChanged:
		return lang.X("dashboard.detail.password-changed", "every trusted device will ask for a code again")
	case app.EventDeviceTrusted, app.EventComputerRemoved:
		return ev.Name
	case app.EventLocked:
		return lockCauseWords(ev.Cause, ev.Wait)
	case app.EventDeviceRevoked:
		switch {
		case ev.All:
			return lang.X("dashboard.detail.all-devices", "all devices")
		case ev.SignedOut:
			return lang.X("dashboard.detail.signed-out-completely", "signed out completely")
		}
		return ev.Name
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
