package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// addShortcuts wires the window-wide keys: Escape closes the open dialog (Fyne's dialogs
// do not), Ctrl+, opens Settings and Ctrl+Q quits.
func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			u.escape()
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if u.sess != nil && len(u.escapes) == 0 {
			u.showSettings(tabProfile)
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		u.onClose()
	})
}

// refreshPage shows the current page again with fresh data, after a dialog changed it.
func (u *UI) refreshPage() {
	if u.reshow != nil {
		u.reshow()
	}
}
