package ui

import (
	"regexp"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/words"
)

// typeCode replaces what a code field holds by typing.
func (e *env) typeCode(f *field, code string) {
	f.SetText("")
	test.Type(f, code)
	e.settle()
}

// Turning two-step authentication on, from the dashboard with the buttons and from
// Settings > Security with the keys: Enable waits for six digits; a wrong code keeps the
// dialog open with the engine's sentence; Cancel or Escape closes it, drops the pending
// secret and leaves 2FA off; the code for the secret read back from the QR code turns 2FA
// on and shows the backup codes, which count as seen once Done closes them.
func TestEnableTwoFactor(t *testing.T) {
	for _, tc := range []struct {
		name    string
		open    func(e *env)
		cancel  func(e *env)
		confirm func(e *env)
		isOn    func(e *env) // what the page says once the backup codes are closed
	}{
		{
			name:    "dashboard, buttons",
			open:    func(e *env) { e.tap("Turn on two-step authentication") },
			cancel:  func(e *env) { e.tap("Cancel") },
			confirm: func(e *env) { e.tap("Enable") },
			isOn: func(e *env) {
				e.twoStepIs("Two-step authentication", true)
				e.cardShows("Backup codes", "10 of 10 left")
				if len(buttonsIn(e.page(), "Turn on two-step authentication")) != 0 {
					e.t.Error("the dashboard still offers to turn two-step authentication on")
				}
			},
		},
		{
			name:    "Security tab, Escape and Enter",
			open:    func(e *env) { e.settings("Security"); e.tap("Enable") },
			cancel:  func(e *env) { e.press(e.onlyField(), fyne.KeyEscape) },
			confirm: func(e *env) { e.press(e.onlyField(), fyne.KeyReturn) },
			isOn: func(e *env) {
				e.twoStepIs("Two-Step Authentication", true)
				e.cardShows("Backup codes", "10 of 10 backup codes left")
				e.button("Turn off…")
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			sess := e.account(alice, testenv.AlicePW)
			e.enter(sess)

			tc.open(e)
			if e.overlays() != 1 {
				t.Fatalf("%d dialogs are open, want the enable dialog", e.overlays())
			}
			e.wantText("Turn on two-step authentication")
			code := e.onlyField()
			if e.w.Canvas().Focused() != code {
				t.Error("the code field does not have focus")
			}
			for _, in := range []string{"", "12345", "123 45", "1234567", "12345a"} {
				e.typeCode(code, in)
				e.wantEnabled("Enable", false)
			}
			e.typeCode(code, "123 456")
			e.wantEnabled("Enable", true)

			secret := e.scanQR(alice)
			e.wantText(core.GroupsOf(secret, 4, " ")) // the setup key for typing by hand is the same secret

			e.typeCode(code, e.wrongCode(secret))
			tc.confirm(e)
			if e.overlays() != 1 {
				t.Fatal("a wrong code closed the dialog")
			}
			e.wantSays(words.Message(core.Fail(core.KindWrongCode, "")))
			if code.Text != "" {
				t.Errorf("the wrong code %q stays in the field", code.Text)
			}
			if e.status(sess).TwoFactor {
				t.Fatal("a wrong code turned two-step authentication on")
			}

			tc.cancel(e)
			if e.overlays() != 0 {
				t.Fatal("cancelling left the dialog open")
			}
			if e.status(sess).TwoFactor {
				t.Fatal("cancelling turned two-step authentication on")
			}
			if _, err := e.svc.ConfirmEnrolment(sess, e.code(secret)); !core.IsKind(err, core.KindNotFound) {
				t.Fatalf("after Cancel the pending secret still confirms (err %v)", err)
			}

			tc.open(e)
			again := e.scanQR(alice)
			if again == secret {
				t.Fatal("opening the dialog again shows the same secret")
			}
			e.typeCode(e.onlyField(), e.code(again))
			tc.confirm(e)
			e.wantText("Save your backup codes")
			if st := e.status(sess); !st.TwoFactor || st.BackupCodesLeft != core.BackupCodeCount || !st.BackupCodesUnseen {
				t.Fatalf("after Enable the engine says %+v", st)
			}
			shown := regexp.MustCompile(`^ ?\d+\.  [0-9a-z]{5}-[0-9a-z]{5}$`)
			if n := len(findAllText(e.layer(), shown)); n != core.BackupCodeCount {
				t.Fatalf("the dialog shows %d backup codes, want %d", n, core.BackupCodeCount)
			}

			e.tap("Done")
			e.wantText("Are you sure?")
			e.tap("Close without saving")
			if e.overlays() != 0 {
				t.Fatal("the backup codes dialog is still open")
			}
			tc.isOn(e)
			if e.status(sess).BackupCodesUnseen {
				t.Fatal("Done did not record that the backup codes were seen")
			}
			e.wantUnseenNote(false)
		})
	}
}
