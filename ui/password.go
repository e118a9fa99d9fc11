package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/core"
)

// passwordForm is the Change password section of the Security tab.
type passwordForm struct {
	t        *securityTab
	current  *field
	next     *field
	confirm  *field
	code     *field // only with two-step on
	meter    *strengthMeter
	mismatch *widget.Label
	submit   *actionButton
	says     problem
	busy     *busy
	content  fyne.CanvasObject
}

func newPasswordForm(t *securityTab) *passwordForm {
	f := &passwordForm{t: t, current: newSecretField(lang.X("signin.current-password", "Current password")),
		next:    newSecretField(lang.X("signin.password-hint", "At least {{.Min}} characters", map[string]any{"Min": core.MinPasswordLen})),
		confirm: newSecretField(lang.X("signin.new-confirm-hint", "Type the new password again")),
		meter:   newStrengthMeter(t.s.u), says: newProblem()}
	f.mismatch = paragraph(lang.X("signin.new-mismatch", "The new passwords do not match."))
	f.mismatch.Importance = widget.WarningImportance
	f.mismatch.Hide()
	f.submit = newButton(lang.X("signin.change-password", "Change password"), nil, f.onSubmit)
	f.submit.Importance = widget.HighImportance
	fields := []*field{f.current, f.next, f.confirm}
	rows := []fyne.CanvasObject{
		labelled(lang.X("signin.current-password", "Current password"), f.current),
		labelled(lang.X("signin.new-password", "New password"), f.next), f.meter.box,
		labelled(lang.X("signin.confirm-new-password", "Confirm new password"), f.confirm), f.mismatch,
	}
	if t.a.status.TwoFactor {
		f.code = newField("123 456")
		fields = append(fields, f.code)
		rows = append(rows, labelled(lang.X("signin.code-or-backup", "Verification code or backup code"), f.code))
	}
	controls := []fyne.Disableable{f.submit}
	for _, x := range fields {
		x.OnChanged = func(string) { f.update() }
		x.OnSubmitted = func(string) { f.onSubmit() }
		controls = append(controls, x)
	}
	f.busy = newBusy(controls...)
	f.busy.update = f.update
	f.update()
	rows = append(rows, f.says, container.NewHBox(layoutSpacer(), f.busy.spin, f.submit))
	// With two-step on, a new password also ends every device's trust; with it off, there is
	// no code to ask for, and saying so would be wrong.
	note := lang.X("signin.change-password-note-off", "From your next sign-in, every device asks for the new password.")
	if t.a.status.TwoFactor {
		note = lang.X("signin.change-password-note", "Every device, including this one, will ask for a verification code at its next sign-in.")
	}
	f.content = section(lang.X("signin.change-password", "Change password"), note, container.NewVBox(rows...))
	return f
}

func (f *passwordForm) fields() []*field {
	if f.code != nil {
		return []*field{f.current, f.next, f.confirm, f.code}
	}
	return []*field{f.current, f.next, f.confirm}
}

func (f *passwordForm) update() {
	f.meter.show(f.next.Text, f.t.a.status.Username)
	differ := f.confirm.Text != "" && f.confirm.Text != f.next.Text
	if differ {
		f.mismatch.Show()
	} else {
		f.mismatch.Hide()
	}
	ok := !differ && !f.busy.running
	for _, x := range f.fields() {
		ok = ok && x.Text != ""
	}
	if ok {
		f.submit.Enable()
	} else {
		f.submit.Disable()
	}
}

func (f *passwordForm) onSubmit() {
	if f.submit.Disabled() {
		return
	}
	u := f.t.s.u
	sess, cur, next, code := u.sess, f.current.Text, f.next.Text, ""
	if f.code != nil {
		code = f.code.Text
	}
	f.says.clear()
	u.run(f.busy, func() error { return u.svc.ChangePassword(sess, cur, next, code) }, func(err error) {
		if f.code != nil {
			f.code.clear()
		}
		if err != nil {
			f.says.sayErr(err)
			return
		}
		for _, x := range f.fields() {
			x.clear()
		}
		if f.code == nil {
			f.says.good(lang.X("signin.password-changed-off", "Password changed. Sign in with the new one from now on."))
			return
		}
		f.says.good(lang.X("signin.password-changed", "Password changed. Every device, including this one, will ask for a verification code at its next sign-in."))
	})
}
