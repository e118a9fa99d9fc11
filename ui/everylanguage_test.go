package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/assets"
	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/words"
)

// locales are the languages Twostep ships (a folder each in assets/translations), as a
// desktop names them, English last.
var locales = func() []string {
	var out []string
	for _, l := range assets.Languages()[1:] {
		out = append(out, assets.Locale(l))
	}
	return append(out, assets.Locale("en"))
}()

// Every screen and dialog, in every language Twostep ships: a person whose desktop speaks
// German, French or Spanish reads no English word in the window (names aside), and can do
// everything the English window does by the translated words alone.
func TestEveryScreenInEveryLanguage(t *testing.T) {
	for _, locale := range locales {
		t.Run(locale[:2], func(t *testing.T) {
			speak(t, locale)
			walkStartFailure(t)
			walkSignUpAndTwoStep(t)
			walkSignInAndSecurity(t)
		})
	}
}

// The page shown when Twostep cannot open its data file.
func walkStartFailure(t *testing.T) {
	e := start(t, newClock(), func() (*app.Service, error) { return nil, core.Fail(core.KindAlreadyRunning, "") })
	e.wantText("Twostep cannot start")
	e.look("the start page")
}

// Creating an account, the dashboard, the menu, Settings, turning two-step on, the
// backup codes and the save dialog.
func walkSignUpAndTwoStep(t *testing.T) {
	e := newEnv(t)
	e.look("the sign-in screen")
	e.tap("Create account")
	e.wantText("Create your Twostep account")
	e.look("the create-account screen")
	e.fill("Username", alice)
	e.fill("Password", "password1")
	e.fill("Confirm password", "password2")
	e.look("the create-account screen with a weak password that does not match")
	e.fill("Confirm password", "password1")
	e.tap("Create account")
	e.look("the create-account screen refusing a weak password")
	e.fill("Password", testenv.AlicePW)
	e.fill("Confirm password", testenv.AlicePW)
	e.tap("Create account")
	e.wantText("Welcome, alice")
	e.look("the dashboard, two-step off")

	e.menu("Settings")
	e.look("Settings, Profile")
	e.fill("Email", "not an address")
	e.tap("Save profile")
	e.look("Settings, Profile, refusing an email address")
	e.tapItem("Security")
	e.look("Settings, Security, two-step off")

	e.tap("Enable")
	e.look("the enable dialog")
	secret := e.setupKey() // typed by hand: zbarimg does not run on Windows
	code := e.onlyField()
	e.typeCode(code, e.wrongCode(secret))
	e.tap("Enable")
	e.wantSays(words.Message(core.Fail(core.KindWrongCode, "")))
	e.look("the enable dialog after a wrong code")
	e.typeCode(code, e.code(secret))
	e.tap("Enable")
	e.wantText("Save your backup codes")
	e.look("the backup codes")
	e.tap("Save…")
	e.wantNoEnglish("Fyne's save dialog over the backup codes", append(fyneUntranslated, folderNames()...)...)
	e.wantNothingClipped("Fyne's save dialog over the backup codes")
	e.tap("Cancel")
	e.tap("Done")
	e.look("the question before closing unsaved backup codes")
	e.tap("Close without saving")
	e.look("Settings, Security, two-step on")

	e.tap("Turn off…")
	e.look("the turn-off prompt")
	e.press(e.field("Password"), fyne.KeyEscape)
	e.tap("Regenerate…")
	e.look("the regenerate prompt")
	e.fill("Password", testenv.AlicePW)
	e.fill("Verification code or backup code", e.nextCode(secret))
	e.tap("Regenerate")
	e.wantText("Save your backup codes")
	e.look("the new backup codes")
	e.tap("Done")
	e.tap("Close without saving")
	e.fill("Current password", testenv.AlicePW)
	e.fill("New password", testenv.OtherPW)
	e.fill("Confirm new password", testenv.OtherPW+"x")
	e.look("changing the password, not matching")
	e.fill("Confirm new password", testenv.OtherPW)
	e.fill("Verification code or backup code", e.nextCode(secret))
	e.tap("Change password")
	e.look("the password changed")

	e.tap("Dashboard")
	e.look("the dashboard, two-step on, with recent activity")
}

// Signing in with a code, failing, the lockout countdown, trusted devices and signing out.
func walkSignInAndSecurity(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	secret, codes := e.twoFactorUnseen(sess) // the dashboard then asks for new backup codes
	e.trustOther(alice, testenv.AlicePW, "work-desktop", codes[0])

	e.signIn(alice, "not-"+testenv.AlicePW)
	e.look("the sign-in screen after a wrong password")
	e.signIn(alice, testenv.AlicePW)
	e.look("the code screen")
	e.verify(e.wrongCode(secret), true)
	e.look("the code screen after a wrong code")
	e.tap("Use a backup code instead")
	e.look("the code screen asking for a backup code")
	e.tap("Use a verification code instead")
	e.verify(e.nextCode(secret), true)
	e.wantText("Welcome, alice")
	e.look("the dashboard after a sign-in with a code")
	e.tap("See activity")
	e.look("the activity after failures and a sign-in")
	e.tap("Close")

	e.menu("Settings")
	e.tapItem("Security")
	e.look("Settings, Security, two computers, both trusted")
	e.tapButton(e.rowButton(deviceTitle(app.DeviceInfo{Name: "test-laptop", ThisDevice: true}), "Revoke"), "Revoke")
	e.look("the question before revoking this device")
	e.tap("Revoke")
	e.tap("Revoke all")
	e.look("the question before revoking every device")
	e.tap("Revoke all")
	e.look("Settings, Security, no trusted devices")
	e.tapButton(e.rowButton("work-desktop", "Remove…"), "Remove…")
	e.look("the question before removing another computer")
	e.tap("Remove")
	e.wantNoText("work-desktop")
	e.look("Settings, Security, one computer")

	e.tap("Set up again…")
	e.look("the prompt before setting the authenticator up again")
	e.fill("Password", testenv.AlicePW)
	e.fill("Verification code or backup code", e.nextCode(secret))
	e.tap("Continue")
	e.wantText("Set up your authenticator app again")
	e.look("setting the authenticator up again")
	fresh := e.setupKey()
	code := e.onlyField()
	e.typeCode(code, e.code(secret))
	e.tap("Confirm")
	e.wantSays(words.Message(core.Fail(core.KindWrongCode, "")))
	e.look("setting the authenticator up again, with the old entry's code")
	e.typeCode(code, e.nextCode(fresh))
	e.tap("Confirm")
	e.wantText("Your authenticator app now makes the codes Twostep asks for. Codes from the old Twostep entry no longer work: delete it from the app.")
	e.look("Settings, Security, the authenticator set up again")

	e.shortcut(fyne.KeyL)
	e.wantText("Locked")
	e.look("the lock screen")
	e.fill("Password", testenv.AlicePW)
	e.tap("Unlock")
	e.settle()
	e.verify(e.nextCode(fresh), false)
	e.wantText("Lock after this long without use")
	e.look("Settings, Security, back after unlocking")

	e.menu("Sign out completely…")
	e.look("the question before signing out completely")
	e.tap("Sign out completely")
	e.look("the sign-in screen after signing out completely")

	// Four failures are counted already: the next one starts the countdown.
	if _, err := e.db.UpdateThrottle(core.AccountThrottleKey(sess.ID), func(th *core.Throttle) { th.Passwords.Failures = core.FreeFailures - 1 }); err != nil {
		t.Fatal(err)
	}
	e.signIn(alice, "not-"+testenv.AlicePW)
	e.look("the lockout countdown")
	e.advance(time.Minute)
}

// look checks a screen: no English left (in another language), nothing cut off at the
// window's size or at its smallest.
func (e *env) look(where string) {
	e.t.Helper()
	e.wantNoEnglish(where)
	e.wantNothingClipped(where)
}

// setupKey is the secret the enable dialog shows as text, for apps that cannot scan.
func (e *env) setupKey() string {
	e.t.Helper()
	keys := findAllText(e.layer(), regexp.MustCompile(`^[A-Z2-7]{4}( [A-Z2-7]{4})+$`))
	if len(keys) != 1 {
		e.t.Fatalf("want one setup key in the dialog, found %q", keys)
	}
	return strings.ReplaceAll(keys[0], " ", "")
}
