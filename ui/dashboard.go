package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"
)

// dashboard is the signed-in home: who the person is, how their account is protected,
// and what happened to it lately.
type dashboard struct {
	u       *UI
	note    string
	guessed string // failed sign-ins since the last visit, said once after signing in
	avatar  *avatar
	body    *pageBody
	says    problem
	turnOn  *actionButton
}

func (u *UI) showDashboard(note string) { u.showDashboardAfterSignIn(note, "") }

// showDashboardAfterSignIn is the dashboard with the one-off notes of a sign-in.
func (u *UI) showDashboardAfterSignIn(note, failed string) {
	d := &dashboard{u: u, note: note, guessed: failed, says: newProblem()}
	u.reshow = func() { u.showDashboard("") }
	d.avatar = newAvatar(40, "", nil, func() { u.avatarMenu(d.avatar) })
	d.body = newPageBody()
	u.show(page(u.topBar(nil, d.avatar), d.body.Container), nil)
	sess := u.sess
	var a account
	u.run(nil, func() (err error) {
		a, err = u.readAccount(sess)
		return err
	}, func(err error) {
		if err != nil {
			d.failed(err)
			return
		}
		d.fill(a)
	})
}

// topBar is the strip across the top: back (when given), the app's name, and the avatar.
// While any background work runs, a spinner turns next to the avatar (see UI.working), so
// even work that has no form of its own (sign out, revoke, opening the Enable dialog) shows
// that something is happening.
func (u *UI) topBar(back *actionButton, right fyne.CanvasObject) fyne.CanvasObject {
	name := widget.NewLabelWithStyle(u.name(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left := container.NewHBox(u.logo(28), name)
	if back != nil {
		left = container.NewHBox(back, widget.NewSeparator(), u.logo(28), name)
	}
	u.dropSpin()
	u.spin = widget.NewActivity()
	u.working(0)
	bar := container.NewBorder(nil, nil, left, container.NewHBox(u.spin, right))
	return container.NewVBox(container.NewPadded(bar), widget.NewSeparator())
}

func (d *dashboard) failed(err error) {
	d.says.sayErr(err)
	retry := newButton(lang.X("dashboard.try-again", "Try again"), nil, func() { d.u.showDashboardAfterSignIn(d.note, d.guessed) })
	d.body.set(column(formWidth, d.says, retry))
}

func (d *dashboard) fill(a account) {
	d.avatar.set(a.profile.Initials(a.status.Username), a.picture)
	greeting := a.profile.DisplayName
	if greeting == "" {
		greeting = a.status.Username
	}
	parts := []fyne.CanvasObject{heading(lang.X("dashboard.welcome", "Welcome, {{.Name}}", map[string]any{"Name": greeting}))}
	unseen := a.status.BackupCodesUnseen && d.u.codesOpen == 0
	if d.guessed != "" {
		parts = append(parts, d.failedCard())
	}
	if d.note != "" || unseen {
		parts = append(parts, d.noteCard(a.status, unseen))
	}
	parts = append(parts,
		container.NewGridWithColumns(2, d.twoStepCard(a.status), d.backupCard(a.status)),
		container.NewGridWithColumns(2, d.profileCard(a), d.devicesCard(a.devices)),
		d.activityCard(a.events))
	d.body.set(scrollPage(container.NewVBox(parts...)))
	if d.turnOn != nil {
		d.u.win.Canvas().Focus(d.turnOn)
	}
}

// noteCard carries the one-off message, e.g. after a backup code, and the warning that the
// newest backup codes may be lost, with the way out when the codes need renewing.
func (d *dashboard) noteCard(st app.Status, unseen bool) fyne.CanvasObject {
	lines := container.NewVBox()
	if d.note != "" {
		text := paragraph(d.note)
		text.Importance = widget.WarningImportance
		if st.BackupCodesLow {
			text.Importance = widget.DangerImportance
		}
		lines.Add(text)
	}
	if unseen {
		text := paragraph(words.UnseenCodes())
		text.Importance = widget.DangerImportance
		lines.Add(text)
	}
	if st.BackupCodesLow || unseen {
		gen := newButton(lang.X("dashboard.generate-codes", "Generate new backup codes"), theme.ViewRefreshIcon(), func() { d.u.showSettings(tabSecurity) })
		gen.Importance = widget.DangerImportance
		lines.Add(container.NewHBox(gen))
	}
	return card("", "", lines)
}

// failedCard says that sign-ins failed since the last visit, with the way to see them.
func (d *dashboard) failedCard() fyne.CanvasObject {
	text := paragraph(d.guessed)
	text.Importance = widget.WarningImportance
	see := newButton(lang.X("dashboard.see-activity", "See activity"), theme.HistoryIcon(), d.u.showActivity)
	return card("", "", container.NewVBox(text, container.NewHBox(see)))
}

func (d *dashboard) twoStepCard(st app.Status) fyne.CanvasObject {
	if st.TwoFactor {
		return card(lang.X("dashboard.two-step", "Two-step authentication"), "", container.NewVBox(twoStepState(true),
			paragraph(lang.X("dashboard.two-step.on-note",
				"Devices you have not trusted ask for a code from your authenticator app after your password."))))
	}
	d.turnOn = newButton(lang.X("dashboard.two-step.turn-on", "Turn on two-step authentication"), theme.ConfirmIcon(), d.u.onEnable)
	d.turnOn.Importance = widget.HighImportance
	return card(lang.X("dashboard.two-step", "Two-step authentication"), "", container.NewVBox(
		twoStepState(false),
		paragraph(lang.X("dashboard.two-step.off-note",
			"Protect your account with a code from your phone, so a stolen password is not enough.")),
		container.NewHBox(d.turnOn)))
}

// twoStepState is the line that says whether two-step authentication is on, in colour.
func twoStepState(on bool) fyne.CanvasObject {
	icon, word, imp := theme.WarningIcon(), lang.X("dashboard.two-step.off", "Off"), widget.WarningImportance
	if on {
		icon, word, imp = theme.ConfirmIcon(), lang.X("dashboard.two-step.on", "On"), widget.SuccessImportance
	}
	state := widget.NewLabelWithStyle(word, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	state.Importance = imp
	return container.NewHBox(widget.NewIcon(icon), widget.NewLabel(lang.X("dashboard.two-step.is", "Two-step authentication is")), state)
}

func (d *dashboard) backupCard(st app.Status) fyne.CanvasObject {
	if !st.TwoFactor {
		return card(lang.X("dashboard.backup-codes", "Backup codes"), "",
			paragraph(lang.X("dashboard.backup-codes.off-note", "You get ten backup codes when you turn on two-step authentication.")))
	}
	n := st.BackupCodesLeft
	left := widget.NewLabelWithStyle(lang.XN("dashboard.codes-left", "{{.Count}} of {{.Total}} left", n,
		map[string]any{"Count": n, "Total": core.BackupCodeCount}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := paragraph(lang.X("dashboard.backup-codes.note", "Each backup code signs you in once if you lose your phone."))
	if st.BackupCodesLow {
		left.Importance = widget.DangerImportance
		hint.SetText(lang.X("dashboard.backup-codes.low", "You are running out of backup codes. Generate new ones in Settings > Security."))
	}
	return card(lang.X("dashboard.backup-codes", "Backup codes"), "", container.NewVBox(left, hint))
}

func (d *dashboard) profileCard(a account) fyne.CanvasObject {
	p := a.profile
	rows := []fyne.CanvasObject{infoRow(lang.X("dashboard.username", "Username"), a.status.Username)}
	for _, r := range [][2]string{
		{lang.X("dashboard.name", "Name"), p.DisplayName},
		{lang.X("dashboard.email", "Email"), p.Email},
		{lang.X("dashboard.phone", "Phone"), p.Phone},
		{lang.X("dashboard.note", "Note"), p.Note},
	} {
		if r[1] != "" {
			rows = append(rows, infoRow(r[0], r[1]))
		}
	}
	edit := newButton(lang.X("dashboard.edit-profile", "Edit profile"), theme.DocumentCreateIcon(), func() { d.u.showSettings(tabProfile) })
	rows = append(rows, container.NewHBox(edit))
	return card(lang.X("dashboard.your-information", "Your information"), "", container.NewVBox(rows...))
}

func infoRow(caption, value string) fyne.CanvasObject {
	v := widget.NewLabel(value)
	v.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, widget.NewLabelWithStyle(caption, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, v)
}

func (d *dashboard) devicesCard(all []app.DeviceInfo) fyne.CanvasObject {
	var devices []app.DeviceInfo
	for _, dev := range all {
		if dev.Trusted {
			devices = append(devices, dev)
		}
	}
	if len(devices) == 0 {
		return card(lang.X("dashboard.trusted-devices", "Trusted devices"), "", paragraph(noDevices()))
	}
	rows := []fyne.CanvasObject{}
	for _, dev := range devices {
		rows = append(rows, widget.NewLabel(lang.X("dashboard.device.last-used", "{{.Device}} · last used {{.When}}",
			map[string]any{"Device": deviceTitle(dev), "When": when(dev.LastUsed, d.u.now())})))
	}
	manage := newButton(lang.X("dashboard.manage-devices", "Manage devices"), theme.ComputerIcon(), func() { d.u.showSettings(tabSecurity) })
	rows = append(rows, container.NewHBox(manage))
	return card(lang.X("dashboard.trusted-devices", "Trusted devices"), "", container.NewVBox(rows...))
}

func (d *dashboard) activityCard(events []core.Event) fyne.CanvasObject {
	if len(events) == 0 {
		return card(lang.X("dashboard.recent-activity", "Recent activity"), "", widget.NewLabel(lang.X("dashboard.no-activity", "Nothing yet.")))
	}
	rows := []fyne.CanvasObject{}
	for _, ev := range events {
		rows = append(rows, widget.NewLabel(eventLine(ev, d.u.now())))
	}
	return card(lang.X("dashboard.recent-activity", "Recent activity"), "", container.NewVBox(rows...))
}
