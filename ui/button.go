package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// actionButton is every button in Twostep. It differs from widget.Button for the keyboard:
//   - Space presses it when the space character arrives, not on the key press. Fyne's
//     button fires on the press, so a button that moves focus into a field (Create account,
//     Use a backup code instead) left the space to be typed into that field.
//   - Enter presses it too, as on other desktops.
//   - Escape, inside a dialog, cancels the dialog (onEscape).
type actionButton struct {
	widget.Button
	onEscape func()
}

func newButton(label string, icon fyne.Resource, tapped func()) *actionButton {
	b := &actionButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// Tapped presses the button; a press counts as use of the window.
func (b *actionButton) Tapped(ev *fyne.PointEvent) {
	inputSeen()
	b.Button.Tapped(ev)
}

// TypedKey handles Enter and Escape; Space waits for TypedRune.
func (b *actionButton) TypedKey(ev *fyne.KeyEvent) {
	inputSeen()
	switch ev.Name {
	case fyne.KeySpace:
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	case fyne.KeyEscape:
		if b.onEscape != nil {
			b.onEscape()
		}
	default:
		b.Button.TypedKey(ev)
	}
}

// TypedRune presses the button for the space character.
func (b *actionButton) TypedRune(r rune) {
	if r == ' ' {
		b.Tapped(nil)
	}
}
