package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/twostep-app/twostep/app"
)

// eventLine is one line of activity: what, how, where and when. The data file stores codes
// (app.EventKind and the details its kind carries); the words are the window's.
func eventLine(ev app.Event, now time.Time) string {
	what := eventWords[ev.Kind]
	if what == "" {
		what = string(ev.Kind) // a kind from a newer Twostep: its code is better than nothing
	}
	what = strings.ToUpper(what[:1]) + what[1:]
	if detail := eventDetail(ev); detail != "" && detail != ev.Device {
		what += " (" + detail + ")"
	}
	if ev.Device != "" {
		what += " · " + ev.Device
	}
	return what + " · " + when(ev.Time, now)
}

var eventWords = map[app.EventKind]string{
	app.EventAccountCreated:  "account created",
	app.EventSignIn:          "signed in",
	app.EventSignInFailed:    "sign-in failed",
	app.EventConfirmFailed:   "confirmation in Settings failed",
	app.EventLockedOut:       "locked out",
	app.EventSignOut:         "signed out",
	app.EventTwoFactorOn:     "two-step authentication turned on",
	app.EventTwoFactorOff:    "two-step authentication turned off",
	app.EventBackupGenerated: "backup codes generated",
	app.EventBackupUsed:      "backup code used",
	app.EventDeviceTrusted:   "device trusted",
	app.EventDeviceRevoked:   "device revoked",
	app.EventPasswordChanged: "password changed",
	app.EventProfileUpdated:  "profile updated",
	app.EventComputerSetUp:   "this computer set up again with a backup code",
	app.EventUpgraded:        "account protection upgraded",
}

var methodWords = map[app.Method]string{
	app.MethodPassword:      "password",
	app.MethodPasswordCode:  "password and verification code",
	app.MethodBackupCode:    "password and backup code",
	app.MethodTrustedDevice: "password on a trusted device",
}

var wrongWords = map[app.Factor]string{
	app.FactorPassword:   "wrong password",
	app.FactorCode:       "wrong verification code",
	app.FactorBackupCode: "wrong backup code",
}

// eventDetail says, in words, the details an event of its kind carries.
func eventDetail(ev app.Event) string {
	switch ev.Kind {
	case app.EventSignIn:
		return methodWords[ev.Method]
	case app.EventSignInFailed, app.EventConfirmFailed:
		return wrongWords[ev.Wrong]
	case app.EventLockedOut:
		return fmt.Sprintf("after %d failed attempts, for %s", ev.Count, ev.Wait)
	case app.EventBackupUsed:
		return fmt.Sprintf("%d left", ev.Count)
	case app.EventPasswordChanged:
		return "every trusted device will ask for a code again"
	case app.EventDeviceTrusted:
		return ev.Name
	case app.EventDeviceRevoked:
		switch {
		case ev.All:
			return "all devices"
		case ev.SignedOut:
			return "signed out completely"
		}
		return ev.Name
	}
	return ""
}
