package app

import (
	"errors"
	"fmt"
	"time"

	"github.com/twostep-app/twostep/core"
)

// messages are the sentences a person reads for each kind of error. They say what happened
// and what to do; none carries D-Bus, bbolt or argon2 text.
var messages = map[core.Kind]string{
	core.KindInternal:           "Something went wrong inside Twostep. Try again; if it keeps happening, restart Twostep.",
	core.KindInvalid:            "That is not valid.",
	core.KindMalformedCode:      "Enter the 6-digit code from your authenticator app.",
	core.KindWrongCredentials:   "The username or password is wrong.",
	core.KindWrongCode:          "That code is wrong. Check that you use the Twostep entry in your authenticator app, and try the code it shows now.",
	core.KindCodeReused:         "That code was already used. Wait for your authenticator app to show a new one (a new code appears every 30 seconds).",
	core.KindUsernameTaken:      "That username is taken. Choose another one.",
	core.KindNotFound:           "That no longer exists. Go back and try again.",
	core.KindChallengeExpired:   "The sign-in took too long. Enter your username and password again.",
	core.KindTwoFactorRequired:  "Enter a verification code from your authenticator app, or a backup code.",
	core.KindTwoFactorAlreadyOn: "Two-step authentication is already on.",
	core.KindTwoFactorOff:       "Two-step authentication is off, so there is nothing to do.",
	core.KindSecretMissing:      "A secret Twostep keeps in your keyring is missing.",
	core.KindKeyringNoBus:       "Twostep cannot reach your keyring: no desktop session bus is running. Sign in to a desktop session (or start one with dbus-run-session) and try again.",
	core.KindKeyringNoService:   "Twostep cannot reach your keyring: no keyring service is running. Start GNOME Keyring, or enable the Secret Service in KeePassXC, and try again.",
	core.KindKeyringLocked:      "Your keyring is locked. Unlock it (GNOME Keyring, or your KeePassXC database) and try again.",
	core.KindAlreadyRunning:     "Twostep is already running. Switch to its window, or close it and try again.",
	core.KindDataCorrupt:        "Twostep's data file is damaged and cannot be read. Restore it from a backup, or move it aside to start afresh.",
	core.KindDataReadOnly:       "Twostep cannot write its data file. Check that the disk is not full or read-only and that you own the data folder.",
	core.KindDataTooNew:         "Twostep's data file was written by a newer version of Twostep. Install that version to open it.",
	core.KindDataTampered:       "This account's record in Twostep's data file was changed outside Twostep, so Twostep will not sign in to it. Restore the data file from a backup.",
	core.KindCodesCapped:        "Too many wrong codes were typed in a row. Sign in with one of your backup codes; verification codes work again after a successful sign-in.",
	core.KindKeyringDamaged:     "An entry Twostep keeps in your keyring was changed by another program and cannot be read. Twostep replaces it at your next sign-in with a backup code.",
	core.KindComputerKeyMissing: "This computer does not hold the key to your account (a new computer, an erased keyring, or a data file restored from a backup). Sign in with one of your backup codes: Twostep then sets this computer up again.",
}

// Message is the one sentence (or two) a person reads for err.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var e *core.Error
	if !errors.As(err, &e) {
		return messages[core.KindInternal]
	}
	switch e.Kind {
	case core.KindLockedOut:
		msg := fmt.Sprintf("Too many failed attempts. Try again in %s.", Wait(e.Wait))
		if e.Err != nil && core.KindOf(e.Err) != core.KindInternal {
			msg = Message(e.Err) + " " + msg
		}
		return msg
	case core.KindClockDrift:
		return driftMessage(e.Drift)
	case core.KindCodesCapped:
		if e.Err != nil && core.KindOf(e.Err) != core.KindInternal {
			return Message(e.Err) + " " + messages[e.Kind] // the code that reached the cap, then the cap
		}
	}
	// A sentence written for a person where it happened says more than the kind's: it is
	// the one shown (Errorf's Detail is only ever such a sentence).
	if e.Detail != "" {
		return e.Detail
	}
	return messages[e.Kind]
}

func driftMessage(d time.Duration) string {
	way := "ahead"
	if d < 0 {
		way, d = "behind", -d
	}
	minutes := int((d + 30*time.Second) / time.Minute)
	if minutes < 1 {
		minutes = 1
	}
	unit := "minutes"
	if minutes == 1 {
		unit = "minute"
	}
	return fmt.Sprintf("That code is not valid now. Your phone's clock looks about %d %s %s: turn on automatic date and time on the phone, then try a new code.", minutes, unit, way)
}

// Wait says a duration the way a person reads it: "45 seconds", "2 minutes", "1 hour".
func Wait(d time.Duration) string {
	switch s := int(d.Round(time.Second) / time.Second); {
	case s <= 1:
		return "1 second"
	case s < 60:
		return fmt.Sprintf("%d seconds", s)
	case s < 3600:
		m := (s + 59) / 60
		if m == 1 {
			return "1 minute"
		}
		return fmt.Sprintf("%d minutes", m)
	default:
		return "1 hour"
	}
}
