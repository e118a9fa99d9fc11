package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// field is an entry that also reports Escape, which Fyne's dialogs do not handle, so a
// dialog can be cancelled from the keyboard while one of its fields has focus, and that
// passes the window-wide shortcuts on to the window. Twostep uses no bare widget.Entry.
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

// newNoteField is a multi-line entry that wraps at words.
func newNoteField() *field {
	f := &field{}
	f.MultiLine = true
	f.Wrapping = fyne.TextWrapWord
	f.ExtendBaseWidget(f)
	return f
}

// TypedKey passes Escape to onEscape and everything else to the entry.
func (f *field) TypedKey(ev *fyne.KeyEvent) {
	inputSeen()
	if ev.Name == fyne.KeyEscape && f.onEscape != nil {
		f.onEscape()
		return
	}
	f.Entry.TypedKey(ev)
}

// TypedRune types r, which counts as use of the window.
func (f *field) TypedRune(r rune) {
	inputSeen()
	f.Entry.TypedRune(r)
}

// TypedShortcut passes Ctrl+Q, Ctrl+L and Ctrl+, (windowShortcuts) to the window. Fyne gives a
// shortcut to the focused field instead of the window, and Entry drops the ones it does
// not know, so without this the keys would do nothing whenever a field has focus.
func (f *field) TypedShortcut(s fyne.Shortcut) {
	if !toWindow(f, s) {
		f.Entry.TypedShortcut(s)
	}
}

// toWindow hands s to the canvas where self has the focus, if s is one of the window's
// shortcuts, and reports whether it did.
func toWindow(self fyne.Focusable, s fyne.Shortcut) bool {
	if isWindowShortcut(s) {
		if c := focusedIn(self); c != nil {
			c.TypedShortcut(s)
			return true
		}
	}
	return false
}

// shortcutCanvas is a canvas that takes shortcuts, as both Fyne's window canvas and its
// test canvas do.
type shortcutCanvas interface {
	fyne.Canvas
	TypedShortcut(fyne.Shortcut)
}

// focusedIn is the canvas in which f has focus. It asks each window rather than using
// Fyne's CanvasForObject, whose answer expires after a minute without a redraw.
func focusedIn(f fyne.Focusable) shortcutCanvas {
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if c, ok := w.Canvas().(shortcutCanvas); ok && c.Focused() == f {
			return c
		}
	}
	return nil
}

// clear empties the field; secrets should not linger in a widget once used.
func (f *field) clear() { f.SetText("") }

// Entry is a text field for a program's page behind the gate (ui/gate): as Twostep's own
// fields, typing in it counts as use of the window (so the idle lock does not lock someone
// who types without moving the pointer), and Ctrl+L, Ctrl+Q and Ctrl+, work while it has
// the focus. Fyne hands a shortcut to the focused field, and a bare widget.Entry drops it.
type Entry struct{ field }

// NewEntry is a one-line Entry.
func NewEntry() *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineEntry is an Entry of many lines, wrapped at words.
func NewMultiLineEntry() *Entry {
	e := &Entry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut passes the window's shortcuts on, as field does; the focused object Fyne
// compares is the Entry, so field's own look-up cannot find it.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if !toWindow(e, s) {
		e.Entry.TypedShortcut(s)
	}
}
