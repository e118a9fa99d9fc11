package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// windowShortcut is a key that works wherever the focus is, and what it does.
type windowShortcut struct {
	key fyne.Shortcut
	do  func(*UI)
}

// windowShortcuts are all of them, in one list: Fyne hands a shortcut to the focused
// widget rather than the window when that widget takes shortcuts, as text fields do, so
// field passes these on (field.TypedShortcut).
var windowShortcuts = []windowShortcut{
	{&desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}, (*UI).onSettingsKey},
	{&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}, (*UI).onClose},
	{&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}, (*UI).onLockKey},
}

// isWindowShortcut reports whether s is one of windowShortcuts.
func isWindowShortcut(s fyne.Shortcut) bool {
	return slices.ContainsFunc(windowShortcuts, func(w windowShortcut) bool { return w.key.ShortcutName() == s.ShortcutName() })
}

// addShortcuts wires the window-wide keys: Escape closes the open dialog (Fyne's dialogs
// do not), Ctrl+, opens Settings, Ctrl+L locks and Ctrl+Q quits.
func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		inputSeen()
		if ev.Name == fyne.KeyEscape {
			u.escape()
		}
	})
	for _, s := range windowShortcuts {
		c.AddShortcut(s.key, func(fyne.Shortcut) {
			inputSeen()
			s.do(u)
		})
	}
}

// onSettingsKey opens Settings when someone is signed in and no dialog is open. When
// Settings is already open it only shows the Profile tab: rebuilding the page would throw
// away what is being typed into it.
func (u *UI) onSettingsKey() {
	if u.sess == nil || len(u.escapes) > 0 {
		return
	}
	if s := u.settingsPage; s != nil && s.tabs != nil {
		s.tabs.SelectIndex(tabProfile)
		return
	}
	u.showSettings(tabProfile)
}

// refreshPage shows the current page again with fresh data, after a dialog changed it.
func (u *UI) refreshPage() {
	if u.reshow != nil {
		u.reshow()
	}
}
