package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Fyne's dialogs ignore Escape, so Twostep keeps its own stack of "cancel the dialog on
// top" actions: the window's key handler, and the fields and buttons inside dialogs
// (which receive keys while they have focus), call the top one.

// pushEscape makes f what Escape does until the returned pop is called. Every dialog calls
// pop as it closes, before it hides: pop also takes the focus off the field in it. Fyne does
// not when it removes a dialog, and the field's cursor would go on blinking off screen,
// keeping an idle window redrawing several times a second.
func (u *UI) pushEscape(f func()) (pop func()) {
	u.escapes = append(u.escapes, f)
	n := len(u.escapes)
	return func() {
		u.win.Canvas().Unfocus()
		if len(u.escapes) >= n {
			u.escapes = u.escapes[:n-1]
		}
	}
}

// escape cancels the dialog on top, if any.
func (u *UI) escape() {
	if n := len(u.escapes); n > 0 {
		u.escapes[n-1]()
	}
}

func (u *UI) newDialogButton(label string, icon fyne.Resource, tapped func()) *actionButton {
	b := newButton(label, icon, tapped)
	b.onEscape = u.escape
	return b
}

// confirm asks a yes/no question in a dialog that Escape dismisses (as "no").
func (u *UI) confirm(title, msg, action string, danger bool, then func(bool)) {
	var pop func()
	d := dialog.NewConfirm(title, msg, func(ok bool) {
		pop()
		then(ok)
	}, u.win)
	d.SetConfirmText(action)
	d.SetDismissText(lang.X("signin.cancel", "Cancel"))
	if danger {
		d.SetConfirmImportance(widget.DangerImportance)
	}
	pop = u.pushEscape(d.Dismiss)
	d.Show()
}
