package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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
		enable := newButton(lang.X("security.enable", "Enable"), theme.ConfirmIcon(), u.onEnable)
		enable.Importance = widget.HighImportance
		return section(lang.X("security.two-step.title", "Two-Step Authentication"), "",
			container.NewVBox(twoStepState(false), paragraph(lang.X("security.two-step.off-intro", "Two-step authentication asks for a code from an app on your phone when you sign in on a new device, so your password alone is not enough.")),
				container.NewHBox(enable)))
	}
	off := newButton(lang.X("security.two-step.turn-off-button", "Turn off…"), nil, t.onTurnOff)
	off.Importance = widget.DangerImportance
	return section(lang.X("security.two-step.title", "Two-Step Authentication"), "",
		container.NewVBox(twoStepState(true), paragraph(lang.X("security.two-step.on-intro", "Devices you have not trusted ask for a code from your authenticator app after your password.")),
			container.NewHBox(off)))
}

func (t *securityTab) onTurnOff() {
	u := t.s.u
	sess := u.sess
	u.showPrompt(lang.X("security.turn-off.title", "Turn off two-step authentication?"),
		lang.X("security.turn-off.body", "Your password alone will then sign you in. Your backup codes stop working and every trusted device is forgotten."),
		lang.X("security.turn-off.action", "Turn off"), true,
		secondFactorFields(),
		func(v []string) error { return u.svc.DisableTwoFactor(sess, v[0], v[1]) },
		func() { t.s.reload(tabSecurity) })
}

func (t *securityTab) backupSection() fyne.CanvasObject {
	st := t.a.status
	n := st.BackupCodesLeft
	left := widget.NewLabelWithStyle(lang.XN("security.backup-codes.left", "{{.Count}} of {{.Total}} backup codes left", n,
		map[string]any{"Count": n, "Total": app.BackupCodeCount}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if st.BackupCodesLow {
		left.Importance = widget.DangerImportance
	}
	regen := newButton(lang.X("security.backup-codes.regenerate-button", "Regenerate…"), theme.ViewRefreshIcon(), t.onRegenerate)
	if st.BackupCodesLow || st.BackupCodesUnseen {
		regen.Importance = widget.HighImportance
	}
	return section(lang.X("security.backup-codes.title", "Backup codes"),
		lang.X("security.backup-codes.subtitle", "Each code signs you in once when you cannot use your phone."),
		container.NewVBox(left, paragraph(lang.X("security.backup-codes.regenerate-note", "Regenerating makes ten new codes; the old ones stop working.")), container.NewHBox(regen)))
}

// secondFactorFields are the entries a sensitive change asks for: the password, and a
// verification code or a backup code.
func secondFactorFields() []promptField {
	return []promptField{
		{lang.X("security.field.password", "Password"), lang.X("security.field.password-placeholder", "Your password"), true},
		{lang.X("security.field.second-factor", "Verification code or backup code"), "123 456", false},
	}
}

// onRegenerate asks for the password and a second factor, as turning two-step off does:
// new codes unlock the account on a computer without its key, so a password alone must
// not be enough to make them.
func (t *securityTab) onRegenerate() {
	u := t.s.u
	sess := u.sess
	var codes []string
	u.showPrompt(lang.X("security.regenerate.title", "New backup codes"),
		lang.X("security.regenerate.body", "Enter your password and a verification code or a backup code to make new backup codes. Your current backup codes will stop working."),
		lang.X("security.regenerate.action", "Regenerate"), false,
		secondFactorFields(),
		func(v []string) (err error) {
			codes, err = u.svc.RegenerateBackupCodes(sess, v[0], v[1])
			return err
		},
		func() { u.showBackupCodes(codes, "", func() { t.s.reload(tabSecurity) }) })
}

func (t *securityTab) devicesSection() fyne.CanvasObject {
	if len(t.a.devices) == 0 {
		return section(lang.X("security.devices.title", "Trusted devices"), "", paragraph(noDevices()))
	}
	rows := []fyne.CanvasObject{}
	for _, d := range t.a.devices {
		rows = append(rows, t.deviceRow(d), widget.NewSeparator())
	}
	all := newButton(lang.X("security.devices.revoke-all", "Revoke all"), theme.DeleteIcon(), t.onRevokeAll)
	all.Importance = widget.DangerImportance
	rows = append(rows, container.NewHBox(layoutSpacer(), all))
	return section(lang.X("security.devices.title", "Trusted devices"),
		lang.X("security.devices.subtitle", "These devices sign in without a code. Revoke any you no longer use."), container.NewVBox(rows...))
}

func (t *securityTab) deviceRow(d app.DeviceInfo) fyne.CanvasObject {
	now := t.s.u.now()
	name := widget.NewLabelWithStyle(deviceTitle(d), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	times := widget.NewLabel(lang.X("security.devices.added-used", "Added {{.Added}} · last used {{.Used}}",
		map[string]any{"Added": when(d.Added, now), "Used": when(d.LastUsed, now)}))
	revoke := newButton(lang.X("security.devices.revoke", "Revoke"), nil, func() { t.onRevoke(d) })
	return container.NewBorder(nil, nil, widget.NewIcon(theme.ComputerIcon()), container.NewCenter(revoke), container.NewVBox(name, times))
}

func (t *securityTab) onRevoke(d app.DeviceInfo) {
	u, sess := t.s.u, t.s.u.sess
	name := map[string]any{"Name": d.Name}
	msg := lang.X("security.revoke.body", "{{.Name}} will ask for a verification code at its next sign-in.", name)
	if d.ThisDevice {
		msg = lang.X("security.revoke.body-this-device", "This device will ask for a verification code at its next sign-in. You stay signed in for now.")
	}
	t.confirmThen(lang.X("security.revoke.title", "Revoke {{.Name}}?", name), msg, lang.X("security.devices.revoke", "Revoke"),
		func() error { return u.svc.RevokeDevice(sess, d.ID) })
}

func (t *securityTab) onRevokeAll() {
	u, sess := t.s.u, t.s.u.sess
	t.confirmThen(lang.X("security.revoke-all.title", "Revoke all trusted devices?"),
		lang.X("security.revoke-all.body", "Every device, including this one, will ask for a verification code at its next sign-in."),
		lang.X("security.devices.revoke-all", "Revoke all"), func() error { return u.svc.RevokeAllDevices(sess) })
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
