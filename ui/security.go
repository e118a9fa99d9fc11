package ui

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
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
	parts = append(parts, t.lockSection(), t.devicesSection(), newPasswordForm(t).content)
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
	again := newButton(lang.X("security.again.button", "Set up again…"), theme.ViewRefreshIcon(), t.onSetUpAgain)
	return section(lang.X("security.two-step.title", "Two-Step Authentication"), "",
		container.NewVBox(twoStepState(true), paragraph(lang.X("security.two-step.on-intro", "Devices you have not trusted ask for a code from your authenticator app after your password.")),
			paragraph(lang.X("security.again.intro", "New phone, or worried that an old copy of your data file got out? Set up your authenticator app again: codes from the old entry then stop working.")),
			container.NewHBox(again, off)))
}

// onSetUpAgain asks for the password and a second factor, then shows a new QR code: a new
// TOTP secret replaces the old one once a code from the new entry confirms it.
func (t *securityTab) onSetUpAgain() {
	u := t.s.u
	sess := u.sess
	var enrol core.Enrolment
	var qr image.Image
	u.showPrompt(lang.X("security.again.title", "Set up your authenticator app again"),
		lang.X("security.again.body", "Enter your password and a verification code or a backup code. Twostep then shows a new QR code; once you confirm it with a code from the new entry, codes from the old one stop working."),
		lang.X("security.again.continue", "Continue"), false,
		secondFactorFields(),
		func(v []string) (err error) {
			if enrol, err = u.svc.BeginNewAuthenticator(sess, v[0], v[1]); err != nil {
				return err
			}
			qr, err = enrol.QRImage(qrSize)
			return err
		},
		func() { u.showSetup(enrol, qr, true) })
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
		map[string]any{"Count": n, "Total": core.BackupCodeCount}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
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

// devicesSection lists the computers set up for the account: each holds a key that, with
// the password, opens it. Trusted ones skip the code.
func (t *securityTab) devicesSection() fyne.CanvasObject {
	title := lang.X("security.devices.title", "Your computers")
	if len(t.a.devices) == 0 {
		return section(title, "", paragraph(lang.X("security.devices.none", "None yet. Turning two-step authentication on sets this computer up; another computer is set up when you sign in there with your password and a backup code.")))
	}
	rows := []fyne.CanvasObject{}
	anyTrusted := false
	for _, d := range t.a.devices {
		rows = append(rows, t.deviceRow(d), widget.NewSeparator())
		anyTrusted = anyTrusted || d.Trusted
	}
	if anyTrusted {
		all := newButton(lang.X("security.devices.revoke-all", "Revoke all"), theme.DeleteIcon(), t.onRevokeAll)
		all.Importance = widget.DangerImportance
		rows = append(rows, container.NewHBox(layoutSpacer(), all))
	}
	return section(title, lang.X("security.devices.subtitle", "Computers that hold a key to your account. Trusted ones sign in with your password alone. Remove any you lost or no longer use."),
		container.NewVBox(rows...))
}

// deviceRow is one computer: this one can stop being trusted; another can be removed.
func (t *securityTab) deviceRow(d app.DeviceInfo) fyne.CanvasObject {
	now := t.s.u.now()
	name := widget.NewLabelWithStyle(deviceTitle(d), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	lines := []fyne.CanvasObject{name, widget.NewLabel(lang.X("security.devices.added-used", "Added {{.Added}} · last used {{.Used}}",
		map[string]any{"Added": when(d.Added, now), "Used": when(d.LastUsed, now)}))}
	if d.Trusted {
		trusted := widget.NewLabel(lang.X("security.devices.trusted", "Trusted: signs in without a code"))
		trusted.Importance = widget.SuccessImportance
		lines = append(lines, trusted)
	}
	var action fyne.CanvasObject
	switch {
	case !d.ThisDevice:
		action = container.NewCenter(newButton(lang.X("security.devices.remove", "Remove…"), nil, func() { t.onRemove(d) }))
	case d.Trusted:
		action = container.NewCenter(newButton(lang.X("security.devices.revoke", "Revoke"), nil, func() { t.onRevoke(d) }))
	}
	return container.NewBorder(nil, nil, widget.NewIcon(theme.ComputerIcon()), action, container.NewVBox(lines...))
}

// onRevoke ends this computer's trust; it keeps its key and asks for a code next time.
func (t *securityTab) onRevoke(d app.DeviceInfo) {
	u, sess := t.s.u, t.s.u.sess
	t.confirmThen(lang.X("security.revoke.title", "Revoke {{.Name}}?", map[string]any{"Name": deviceName(d.Name)}),
		lang.X("security.revoke.body-this-device", "This device will ask for a verification code at its next sign-in. You stay signed in for now."),
		lang.X("security.devices.revoke", "Revoke"), func() error { return u.svc.RevokeDevice(sess, d.ID) })
}

// onRemove takes another computer off the account: its key opens nothing any more.
func (t *securityTab) onRemove(d app.DeviceInfo) {
	u, sess := t.s.u, t.s.u.sess
	name := map[string]any{"Name": deviceName(d.Name)}
	t.confirmThen(lang.X("security.remove.title", "Remove {{.Name}}?", name),
		lang.X("security.remove.body", "{{.Name}} will no longer open your account, not even with your password: signing in there again takes a backup code. Remove a computer you lost, sold or no longer use.", name),
		lang.X("security.remove.action", "Remove"), func() error { return u.svc.RemoveComputer(sess, d.ID) })
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
