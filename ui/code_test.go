package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/words"
)

// What the code screen asks for, in English.
const (
	askCode   = "Enter the 6-digit code from your authenticator app."
	askBackup = "Enter one of the backup codes you saved. Each code works once."
)

// The code step of signing in: Verify waits for six digits, a code typed with a space is
// accepted, a code already used (even after signing out) is refused with the engine's
// sentence, and so is a wrong one.
func TestSignInWithCode(t *testing.T) {
	e := newEnv(t)
	secret, _ := e.twoFactor(e.account(alice, testenv.AlicePW))

	e.signIn(alice, testenv.AlicePW)
	e.wantText("Two-step verification")
	e.wantText("Signing in as alice")
	entry := e.codeEntry()
	if e.w.Canvas().Focused() != entry {
		t.Error("the code field does not have focus")
	}
	for _, in := range []string{"", "12345", "1234567", "12 34x6"} {
		e.typeCode(entry, in)
		e.wantEnabled("Verify", false)
	}
	code := e.nextCode(secret)
	spaced := code[:3] + " " + code[3:]
	e.verify(spaced, false)
	e.wantText("Welcome, alice")

	e.menu("Sign out")
	e.wantText("You signed out.")
	e.signIn(alice, testenv.AlicePW)
	e.verify(spaced, false)
	e.wantSays(words.Message(core.Fail(core.KindCodeReused, "")))
	if e.codeEntry().Text != "" {
		t.Error("the refused code stays in the field")
	}

	e.verify(e.wrongCode(secret), false)
	e.wantSays(words.Message(core.Fail(core.KindWrongCode, "")))

	e.verify(e.nextCode(secret), false)
	e.wantText("Welcome, alice")
}

// Signing in with backup codes: the link switches the code screen to backup codes and
// back; the dashboard says how many are left and, from two left, nudges toward new ones.
func TestSignInWithBackupCode(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	_, codes := e.twoFactor(sess)
	used := 0 // codes used so far, the first ones, in order
	for _, tc := range []struct {
		name  string
		spent int // codes used before this sign-in (the first ones)
		use   int // the code typed
		left  int
		note  string
	}{
		{"nine left", 0, 0, 9, "You signed in with a backup code. 9 backup codes are left."},
		{"two left", 7, 7, 2, "You signed in with a backup code. Only 2 backup codes are left: generate new backup codes now."},
		{"none left", 9, 9, 0, "You used your last backup code. Generate new backup codes now, or you may be locked out if you lose your phone."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.in(t)
			e.spendBackupCodes(alice, testenv.AlicePW, codes[used:tc.spent]...)
			used = tc.spent + 1
			e.signIn(alice, testenv.AlicePW)
			e.wantText(askCode)
			e.tap("Use a backup code instead")
			e.wantText(askBackup)
			e.tap("Use a verification code instead")
			e.wantText(askCode)
			e.tap("Use a backup code instead")
			e.typeCode(e.codeEntry(), "abcde")
			e.wantEnabled("Verify", false)

			e.verify(codes[tc.use], false)
			e.wantText("Welcome, alice")
			e.wantText(tc.note)
			low := tc.left <= 2
			e.cardShows("Backup codes", fmt.Sprintf("%d of 10 left", tc.left))
			gen := buttonsIn(e.page(), "Generate new backup codes")
			if low != (len(gen) == 1) {
				t.Fatalf("with %d codes left the dashboard offers new ones: %v", tc.left, len(gen) == 1)
			}
			if low {
				e.cardShows("Backup codes", "You are running out of backup codes. Generate new ones in Settings > Security.")
				e.tap("Generate new backup codes")
				left := findAll(e.page(), func(l *widget.Label) bool { return l.Text == fmt.Sprintf("%d of 10 backup codes left", tc.left) })
				if len(left) != 1 || left[0].Importance != widget.DangerImportance {
					t.Fatalf("Settings > Security does not warn that %d codes are left: %q", tc.left, texts(e.page()))
				}
				e.button("Regenerate…")
			}
			e.menu("Sign out")
		})
	}
}

// On a computer whose keyring lacks the account's key, only a backup code can sign in: the
// code screen asks for one at once, says why, and offers no verification code. A wrong
// password comes to light only then, and sends the person back to the sign-in page with the
// engine's sentence, the code unspent. The right password and a backup code sign in, set
// this computer up again and, with Trust this device, trust it.
func TestSignInOnComputerWithoutItsKey(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	_, codes := e.twoFactor(sess)
	if err := e.kr.Delete(sess.ID, core.SlotComputerKey); err != nil {
		t.Fatal(err)
	}

	e.signIn(alice, "not-"+testenv.AlicePW) // the password cannot be checked without the key
	e.wantText(computerKeyNote)
	e.wantNoText(askCode)
	for _, other := range []string{"Use a verification code instead", "Use a backup code instead"} {
		if len(buttonsIn(e.page(), other)) != 0 {
			t.Fatalf("the screen offers %q on a computer that cannot take a verification code", other)
		}
	}
	entry := e.codeEntry()
	if entry.PlaceHolder != "XXXXX-XXXXX" {
		t.Errorf("the field asks for %q, want a backup code", entry.PlaceHolder)
	}
	e.typeCode(entry, "123456")
	e.wantEnabled("Verify", false) // a verification code is not a backup code
	e.verify(codes[0], true)
	e.wantSignIn()
	e.wantText("The password is wrong. Sign in again with your password, then the backup code.")
	if st := e.status(sess); st.BackupCodesLeft != core.BackupCodeCount {
		t.Fatalf("the code was spent on a wrong password: %d left", st.BackupCodesLeft)
	}

	e.signIn(alice, testenv.AlicePW)
	e.wantText(computerKeyNote)
	e.verify(codes[0], true)
	e.wantText("Welcome, alice")
	e.wantText(backupNote(core.BackupCodeCount - 1))
	e.cardShows("Trusted devices", "test-laptop (this device) · last used just now")

	e.menu("Sign out")
	e.signIn(alice, testenv.AlicePW)
	e.wantText("Welcome, alice") // set up again and trusted: no code asked
}

// computerKeyNote is the sentence for a computer whose keyring lacks the account's key.
var computerKeyNote = words.Message(core.Fail(core.KindComputerKeyMissing, ""))
