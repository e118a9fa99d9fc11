package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
)

// securityTab is Settings > Security: two-step authentication, backup codes, trusted
// devices and the password.
type securityTab struct {
	s       *settings
	a       account
	content fyne.CanvasObject
	says    problem
}

func newSecurityTab(s *settings, a account) *securityTab {
	t := &securityTab{s: s, a: a, says: newProblem()}
	parts := []fyne.CanvasObject{t.says, t.twoStepSection()}
	if a.status.TwoFactor {
		parts = append(parts, t.backupSection())
	}
	parts = append(parts, t.devicesSection(), newPasswordForm(t).content)
	t.content = scrollPage(container.NewVBox(parts...))
	return t
}

func (t *securityTab) twoStepSection() fyne.CanvasObject {
	u := t.s.u
	if !t.a.status.TwoFactor {
		enable := newButton("Enable", theme.ConfirmIcon(), u.onEnable)
		enable.Importance = widget.HighImportance
		return section("Two-Step Authentication", "",
			container.NewVBox(twoStepState(false), paragraph("Two-step authentication asks for a code from an app on your phone when you sign in on a new device, so your password alone is not enough."),
				container.NewHBox(enable)))
	}
	off := newButton("Turn off…", nil, t.onTurnOff)
	off.Importance = widget.DangerImportance
	return section("Two-Step Authentication", "",
		container.NewVBox(twoStepState(true), paragraph("Devices you have not trusted ask for a code from your authenticator app after your password."),
			container.NewHBox(off)))
}

func (t *securityTab) onTurnOff() {
	u := t.s.u
	sess := u.sess
	u.showPrompt("Turn off two-step authentication?",
		"Your password alone will then sign you in. Your backup codes stop working and every trusted device is forgotten.",
		"Turn off", true,
		[]promptField{{"Password", "Your password", true}, {"Verification code or backup code", "123 456", false}},
		func(v []string) error { return u.svc.DisableTwoFactor(sess, v[0], v[1]) },
		func() { t.s.reload(tabSecurity) })
}

func (t *securityTab) backupSection() fyne.CanvasObject {
	st := t.a.status
	left := widget.NewLabelWithStyle(fmt.Sprintf("%d of %d backup codes left", st.BackupCodesLeft, app.BackupCodeCount), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if st.BackupCodesLow {
		left.Importance = widget.DangerImportance
	}
	regen := newButton("Regenerate…", theme.ViewRefreshIcon(), t.onRegenerate)
	if st.BackupCodesLow || st.BackupCodesUnseen {
		regen.Importance = widget.HighImportance
	}
	return section("Backup codes", "Each code signs you in once when you cannot use your phone.",
		container.NewVBox(left, paragraph("Regenerating makes ten new codes; the old ones stop working."), container.NewHBox(regen)))
}

// onRegenerate asks for the password and a second factor, as turning two-step off does:
// new codes unlock the account on a computer without its key, so a password alone must
// not be enough to make them.
func (t *securityTab) onRegenerate() {
	u := t.s.u
	sess := u.sess
	var codes []string
	u.showPrompt("New backup codes",
		"Enter your password and a verification code or a backup code to make new backup codes. Your current backup codes will stop working.",
		"Regenerate", false,
		[]promptField{{"Password", "Your password", true}, {"Verification code or backup code", "123 456", false}},
		func(v []string) (err error) {
			codes, err = u.svc.RegenerateBackupCodes(sess, v[0], v[1])
			return err
		},
		func() { u.showBackupCodes(codes, "", func() { t.s.reload(tabSecurity) }) })
}

func (t *securityTab) devicesSection() fyne.CanvasObject {
	if len(t.a.devices) == 0 {
		return section("Trusted devices", "", paragraph(noDevices))
	}
	rows := []fyne.CanvasObject{}
	for _, d := range t.a.devices {
		rows = append(rows, t.deviceRow(d), widget.NewSeparator())
	}
	all := newButton("Revoke all", theme.DeleteIcon(), t.onRevokeAll)
	all.Importance = widget.DangerImportance
	rows = append(rows, container.NewHBox(layoutSpacer(), all))
	return section("Trusted devices", "These devices sign in without a code. Revoke any you no longer use.", container.NewVBox(rows...))
}

func (t *securityTab) deviceRow(d app.DeviceInfo) fyne.CanvasObject {
	now := t.s.u.now()
	name := widget.NewLabelWithStyle(deviceTitle(d), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	times := widget.NewLabel("Added " + when(d.Added, now) + " · last used " + when(d.LastUsed, now))
	revoke := newButton("Revoke", nil, func() { t.onRevoke(d) })
	return container.NewBorder(nil, nil, widget.NewIcon(theme.ComputerIcon()), container.NewCenter(revoke), container.NewVBox(name, times))
}

func (t *securityTab) onRevoke(d app.DeviceInfo) {
	u, sess := t.s.u, t.s.u.sess
	msg := fmt.Sprintf("%s will ask for a verification code at its next sign-in.", d.Name)
	if d.ThisDevice {
		msg = "This device will ask for a verification code at its next sign-in. You stay signed in for now."
	}
	t.confirmThen("Revoke "+d.Name+"?", msg, "Revoke", func() error { return u.svc.RevokeDevice(sess, d.ID) })
}

func (t *securityTab) onRevokeAll() {
	u, sess := t.s.u, t.s.u.sess
	t.confirmThen("Revoke all trusted devices?", "Every device, including this one, will ask for a verification code at its next sign-in.",
		"Revoke all", func() error { return u.svc.RevokeAllDevices(sess) })
}

// confirmThen asks before a change, runs it off the UI goroutine and reloads the tab.
func (t *securityTab) confirmThen(title, msg, action string, work func() error) {
	u := t.s.u
	u.confirm(title, msg, action, true, func(ok bool) {
		if !ok {
			return
		}
		u.run(nil, work, func(err error) {
			if err != nil {
				t.says.sayErr(err)
				return
			}
			t.s.reload(tabSecurity)
		})
	})
}
