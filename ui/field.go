package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// field is an entry that also reports Escape, which Fyne's dialogs do not handle, so a
// dialog can be cancelled from the keyboard while one of its fields has focus.
type field struct {
	widget.Entry
	onEscape func()
}

func newField(placeholder string) *field {
	f := &field{}
	f.PlaceHolder = placeholder
	f.ExtendBaseWidget(f)
	return f
}

// newSecretField is a password entry with Fyne's show/hide toggle.
func newSecretField(placeholder string) *field {
	f := &field{}
	f.Password = true
	f.PlaceHolder = placeholder
	f.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	f.ExtendBaseWidget(f)
	return f
}

// TypedKey passes Escape to onEscape and everything else to the entry.
func (f *field) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && f.onEscape != nil {
		f.onEscape()
		return
	}
	f.Entry.TypedKey(ev)
}

// clear empties the field; secrets should not linger in a widget once used.
func (f *field) clear() { f.SetText("") }
