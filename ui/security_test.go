package ui

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/words"
)

// rowButton is the button reading text in the innermost row that also shows label.
func (e *env) rowButton(label, text string) button {
	e.t.Helper()
	var found button
	visit(e.layer(), func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || !containsText(c, label) {
			return
		}
		if bs := buttonsIn(c, text); len(bs) == 1 {
			found = bs[0] // rows are visited after the lists that hold them
		}
	})
	if found == nil {
		e.t.Fatalf("no %q button next to %q; the window shows %q", text, label, texts(e.layer()))
	}
	return found
}

func containsText(root fyne.CanvasObject, text string) bool {
	for _, s := range texts(root) {
		if s == text {
			return true
		}
	}
	return false
}

// A trusted device skips the code at the next sign-in; "Sign out completely" ends that.
func TestTrustedDevice(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	secret, _ := e.twoFactor(sess)

	e.signIn(alice, testenv.AlicePW)
	e.verify(e.nextCode(secret), true)
	e.wantText("Welcome, alice")
	e.cardShows("Trusted devices", "test-laptop (this device) · last used just now")

	e.menu("Sign out")
	e.signIn(alice, testenv.AlicePW)
	e.wantText("Welcome, alice") // no code asked

	e.menu("Sign out completely…")
	e.wantText("Sign out completely?")
	e.tap("Sign out completely")
	e.wantSignIn()
	e.wantText("You signed out completely. This device will ask for a verification code next time.")
	if d := e.trusted(sess); len(d) != 0 {
		t.Fatalf("after signing out completely the account still trusts %+v", d)
	}
	e.signIn(alice, testenv.AlicePW)
	e.wantText("Two-step verification")
}

// Changing the password in Settings > Security: the button waits for every field and
// matching passwords; afterwards the new password signs in, and asks for a code again.
func TestChangePassword(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	secret, _ := e.twoFactor(sess)
	e.trustThis(alice, testenv.AlicePW, secret)
	e.enter(sess)
	e.settings("Security")

	e.wantEnabled("Change password", false)
	e.fill("Current password", testenv.AlicePW)
	e.fill("New password", testenv.OtherPW)
	e.fill("Confirm new password", testenv.OtherPW+"x")
	e.wantText("The new passwords do not match.")
	e.wantEnabled("Change password", false)
	e.fill("Confirm new password", testenv.OtherPW)
	e.wantNoText("The new passwords do not match.")
	e.wantEnabled("Change password", false) // the code is still missing
	code := e.fill("Verification code or backup code", e.nextCode(secret))
	e.wantEnabled("Change password", true)

	e.tap("Change password")
	e.wantSays("Password changed. Every device, including this one, will ask for a verification code at its next sign-in.")
	for _, name := range []string{"Current password", "New password", "Confirm new password"} {
		if f := e.field(name); f.Text != "" {
			t.Errorf("%s still holds %q", name, f.Text)
		}
	}
	if code.Text != "" {
		t.Error("the used code stays in its field")
	}
	if d := e.trusted(sess); len(d) != 0 {
		t.Fatalf("after the change the account still trusts %+v", d)
	}

	e.menu("Sign out")
	e.signIn(alice, testenv.OtherPW)
	e.wantText("Two-step verification")
}

// With two-step authentication off, changing the password asks for no code, and neither the
// section nor the result speaks of one (it said every device would ask for a code).
func TestChangePasswordWithTwoStepOff(t *testing.T) {
	e := newEnv(t)
	e.enter(e.account(alice, testenv.AlicePW))
	e.settings("Security")
	e.wantText("From your next sign-in, every device asks for the new password.")
	e.fill("Current password", testenv.AlicePW)
	e.fill("New password", testenv.OtherPW)
	e.fill("Confirm new password", testenv.OtherPW)
	e.tap("Change password")
	e.wantSays("Password changed. Sign in with the new one from now on.")
	for _, s := range texts(e.card("Change password")) {
		if strings.Contains(s, "verification code") {
			t.Errorf("with two-step off the password section still says %q", s)
		}
	}
	e.menu("Sign out")
	e.signIn(alice, testenv.OtherPW)
	e.wantText("Welcome, alice")
}

// Settings > Security lists the computers of the account: Remove takes another computer off
// (its key opens nothing any more, so it needs a backup code to sign in again), Revoke ends
// this one's trust, Revoke all every computer's, after a question each.
func TestRemoveAndRevokeComputers(t *testing.T) {
	e, sess := twoTrustedComputers(t)
	e.cardShows("Trusted devices", "work-desktop · last used just now")
	e.cardShows("Trusted devices", "test-laptop (this device) · last used just now")
	e.tap("Manage devices")
	e.wantText("Your computers")
	e.wantText("work-desktop")
	e.wantText("test-laptop (this device)")

	e.tapButton(e.rowButton("work-desktop", "Remove…"), "Remove…")
	e.wantText("Remove work-desktop?")
	e.wantText("work-desktop will no longer open your account, not even with your password: signing in there again takes a backup code. Remove a computer you lost, sold or no longer use.")
	e.tap("Remove")
	if e.overlays() != 0 {
		t.Fatal("the question is still open")
	}
	e.wantNoText("work-desktop")
	e.wantText("test-laptop (this device)")
	if d := e.devices(sess); len(d) != 1 || !d[0].ThisDevice || !d[0].Trusted {
		t.Fatalf("after removing work-desktop the account has %+v", d)
	}
	events, err := e.svc.Activity(sess, 1)
	if err != nil || events[0].Kind != core.EventComputerRemoved || events[0].Name != "work-desktop" {
		t.Fatalf("activity after the removal: %+v, %v", events, err)
	}

	e.tapButton(e.rowButton("test-laptop (this device)", "Revoke"), "Revoke")
	e.wantText("This device will ask for a verification code at its next sign-in. You stay signed in for now.")
	e.tap("Revoke")
	if d := e.trusted(sess); len(d) != 0 {
		t.Fatalf("after revoking this device the account trusts %+v", d)
	}
	e.wantText("test-laptop (this device)") // still set up: it keeps its key
	e.wantNoText("Revoke all")              // nothing is trusted

	e.menu("Sign out")
	e.signIn(alice, testenv.AlicePW)
	e.wantText("Two-step verification")
}

// twoTrustedComputers is alice with two-step on, trusted on this computer and on
// work-desktop (set up with a backup code), signed in to the dashboard here.
func twoTrustedComputers(t *testing.T) (*env, *app.Session) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	secret, codes := e.twoFactor(sess)
	e.trustOther(alice, testenv.AlicePW, "work-desktop", codes[0])
	e.trustThis(alice, testenv.AlicePW, secret)
	e.enter(sess)
	return e, sess
}

// Revoke all ends every computer's trust, this one's included, after a question.
func TestRevokeAllComputers(t *testing.T) {
	e, sess := twoTrustedComputers(t)
	e.settings("Security")
	e.tap("Revoke all")
	e.wantText("Revoke all trusted devices?")
	e.tap("Revoke all")
	if d := e.trusted(sess); len(d) != 0 || len(e.devices(sess)) != 2 {
		t.Fatalf("after Revoke all: %+v", e.devices(sess))
	}
	e.wantText("work-desktop")
	e.wantNoText("Trusted: signs in without a code")
	e.menu("Sign out")
	e.signIn(alice, testenv.AlicePW)
	e.wantText("Two-step verification")
}

// Set up again… asks for the password and a code, shows a new QR code and setup key, and
// takes a code from the new entry; the old entry's codes are refused afterwards.
func TestSetUpAuthenticatorAgain(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	old, _ := e.twoFactor(sess)
	e.enter(sess)
	e.settings("Security")
	e.tap("Set up again…")
	e.wantText("Set up your authenticator app again")
	e.fill("Password", testenv.AlicePW)
	e.fill("Verification code or backup code", e.nextCode(old))
	e.tap("Continue")
	e.wantText("1. In the app, choose \"Add a new account\" and scan this new QR code")
	key := findAllText(e.layer(), regexp.MustCompile(`^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$`))
	if len(key) != 1 {
		t.Fatalf("no setup key shown: %q", texts(e.layer()))
	}
	fresh := strings.ReplaceAll(key[0], " ", "")
	if fresh == old {
		t.Fatal("the new setup key is the old one")
	}
	e.fill("123 456", e.code(old))
	e.tap("Confirm")
	e.wantSays(words.Message(core.Fail(core.KindWrongCode, "")))
	e.fill("123 456", e.nextCode(fresh))
	e.tap("Confirm")
	e.wantText("Your authenticator app now makes the codes Twostep asks for. Codes from the old Twostep entry no longer work: delete it from the app.")

	e.menu("Sign out")
	res, err := e.svc.SignIn(alice, testenv.AlicePW)
	if err != nil || res.Challenge == "" {
		t.Fatalf("sign in: %+v, %v", res, err)
	}
	if _, err := e.svc.SubmitCode(res.Challenge, e.nextCode(old), false); !core.IsKind(err, core.KindWrongCode) {
		t.Fatalf("the old entry's code: %v, want it refused as wrong", err)
	}
	if _, err := e.svc.SubmitCode(res.Challenge, e.nextCode(fresh), false); err != nil {
		t.Fatalf("the new entry's code: %v", err)
	}
}

// Turning two-step authentication off asks for the password and a code; a wrong password
// keeps the prompt open with the engine's sentence; Escape cancels; the right pair turns
// it off and the tab says so.
func TestTurnOffTwoFactor(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	secret, _ := e.twoFactor(sess)
	e.enter(sess)
	e.settings("Security")
	e.twoStepIs("Two-Step Authentication", true)

	e.tap("Turn off…")
	e.wantText("Turn off two-step authentication?")
	e.wantEnabled("Turn off", false)
	pw := e.fill("Password", "not-"+testenv.AlicePW)
	e.wantEnabled("Turn off", false)
	code := e.fill("Verification code or backup code", e.nextCode(secret))
	e.wantEnabled("Turn off", true)
	e.tap("Turn off")
	if e.overlays() != 1 {
		t.Fatal("a wrong password closed the prompt")
	}
	e.wantSays(words.Message(core.Fail(core.KindWrongCredentials, "error.password.wrong")))
	if code.Text != "" || pw.Text == "" {
		t.Errorf("after a wrong password the code field holds %q and the password field %q", code.Text, pw.Text)
	}
	if !e.status(sess).TwoFactor {
		t.Fatal("a wrong password turned two-step authentication off")
	}

	e.press(pw, fyne.KeyEscape)
	if e.overlays() != 0 {
		t.Fatal("Escape did not close the prompt")
	}

	e.tap("Turn off…")
	e.fill("Password", testenv.AlicePW)
	e.fill("Verification code or backup code", e.code(secret))
	e.tap("Turn off")
	if e.overlays() != 0 {
		t.Fatalf("the prompt is still open: %q", texts(e.layer()))
	}
	if e.status(sess).TwoFactor {
		t.Fatal("two-step authentication is still on")
	}
	e.twoStepIs("Two-Step Authentication", false)
	e.button("Enable")
}

// Regenerate… asks for the password and a verification code or backup code: a wrong code
// keeps the prompt open with the engine's sentence and makes nothing; the right pair shows
// ten new codes, which count as seen once Done closes them; the tab then counts ten.
func TestRegenerateBackupCodes(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	secret, codes := e.twoFactor(sess)
	e.spendBackupCodes(alice, testenv.AlicePW, codes[:8]...)
	e.enter(sess)
	e.settings("Security")
	e.cardShows("Backup codes", "2 of 10 backup codes left")

	e.tap("Regenerate…")
	e.wantText("New backup codes")
	e.wantText("Enter your password and a verification code or a backup code to make new backup codes. Your current backup codes will stop working.")
	e.wantEnabled("Regenerate", false)
	pw := e.fill("Password", testenv.AlicePW)
	e.wantEnabled("Regenerate", false) // the code is still missing
	code := e.fill("Verification code or backup code", e.wrongCode(secret))
	e.wantEnabled("Regenerate", true)
	e.tap("Regenerate")
	if e.overlays() != 1 {
		t.Fatal("a wrong code closed the prompt")
	}
	e.wantSays(words.Message(core.Fail(core.KindWrongCode, "")))
	if code.Text != "" || pw.Text != testenv.AlicePW {
		t.Errorf("after a wrong code the code field holds %q and the password field %q", code.Text, pw.Text)
	}
	if st := e.status(sess); st.BackupCodesLeft != 2 {
		t.Fatalf("a wrong code made new backup codes: %+v", st)
	}

	e.fill("Verification code or backup code", e.nextCode(secret))
	e.tap("Regenerate")
	e.wantText("Save your backup codes")
	shown := regexp.MustCompile(`^ ?\d+\.  [0-9a-z]{5}-[0-9a-z]{5}$`)
	if n := len(findAllText(e.layer(), shown)); n != core.BackupCodeCount {
		t.Fatalf("the dialog shows %d backup codes, want %d", n, core.BackupCodeCount)
	}
	if st := e.status(sess); st.BackupCodesLeft != core.BackupCodeCount || !st.BackupCodesUnseen {
		t.Fatalf("with the new codes on screen the engine says %+v", st)
	}
	e.tap("Done")
	e.tap("Close without saving")
	if e.overlays() != 0 {
		t.Fatal("the codes dialog is still open")
	}
	if st := e.status(sess); st.BackupCodesUnseen {
		t.Fatal("Done did not record that the new codes were seen")
	}
	e.cardShows("Backup codes", "10 of 10 backup codes left")
	if l := findAll(e.page(), func(l *widget.Label) bool { return l.Text == "10 of 10 backup codes left" }); l[0].Importance == widget.DangerImportance {
		t.Error("ten codes are still shown as a warning")
	}
}
