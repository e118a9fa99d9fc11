package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// prompt is a small dialog that asks again for secrets before a sensitive change (turning
// two-step off, new backup codes). It stays open with an inline error until the work
// succeeds or the person cancels; Escape cancels, Enter confirms.
type prompt struct {
	u       *UI
	dlg     *dialog.CustomDialog
	fields  []*field
	confirm *actionButton
	cancel  *actionButton
	says    problem
	busy    *busy
	work    func(values []string) error
	done    func()
	pop     func()
}

// promptField is one entry of a prompt.
type promptField struct {
	caption, placeholder string
	secret               bool
}

func (u *UI) showPrompt(title, intro, action string, danger bool, fields []promptField, work func([]string) error, done func()) *prompt {
	p := &prompt{u: u, says: newProblem(), work: work, done: done}
	p.confirm = u.newDialogButton(action, nil, p.onConfirm)
	p.confirm.Importance = widget.HighImportance
	if danger {
		p.confirm.Importance = widget.DangerImportance
	}
	p.cancel = u.newDialogButton(lang.X("signin.cancel", "Cancel"), nil, p.onCancel)
	rows := []fyne.CanvasObject{paragraph(intro)}
	controls := []fyne.Disableable{p.confirm, p.cancel}
	for _, pf := range fields {
		f := newField(pf.placeholder)
		if pf.secret {
			f = newSecretField(pf.placeholder)
		}
		f.OnChanged = func(string) { p.update() }
		f.OnSubmitted = func(string) { p.onConfirm() }
		f.onEscape = u.escape
		p.fields = append(p.fields, f)
		controls = append(controls, f)
		rows = append(rows, labelled(pf.caption, f))
	}
	p.busy = newBusy(controls...)
	p.busy.update = p.update
	rows = append(rows, p.says, container.NewHBox(p.busy.spin, layoutSpacer(), p.cancel, p.confirm))
	p.dlg = dialog.NewCustomWithoutButtons(title, container.New(fixedWidth(formWidth), container.NewVBox(rows...)), u.win)
	p.update()
	p.pop = u.pushEscape(p.onCancel)
	p.dlg.Show()
	u.win.Canvas().Focus(p.fields[0])
	return p
}

// update allows the action only once every field holds something.
func (p *prompt) update() {
	for _, f := range p.fields {
		if f.Text == "" || p.busy.running {
			p.confirm.Disable()
			return
		}
	}
	p.confirm.Enable()
}

func (p *prompt) onConfirm() {
	if p.confirm.Disabled() {
		return
	}
	values := make([]string, len(p.fields))
	for i, f := range p.fields {
		values[i] = f.Text
	}
	p.says.clear()
	p.u.run(p.busy, func() error { return p.work(values) }, func(err error) {
		if err != nil {
			p.says.sayErr(err)
			for _, f := range p.fields[1:] {
				f.clear() // a code is spent or wrong either way; the password may stay
			}
			p.u.win.Canvas().Focus(p.fields[len(p.fields)-1])
			return
		}
		p.pop()
		p.dlg.Hide()
		p.done()
	})
}

func (p *prompt) onCancel() {
	if p.busy.running {
		return
	}
	p.pop()
	p.dlg.Hide()
}
