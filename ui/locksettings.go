package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
)

// lockSection is Settings > Security > Lock: after how long without use the window locks,
// whether it locks with the screen, and what this desktop tells Twostep.
func (t *securityTab) lockSection() fyne.CanvasObject {
	u, current := t.s.u, t.a.status.Lock
	labels := make([]string, len(app.LockAfterChoices))
	for i, d := range app.LockAfterChoices {
		labels[i] = lockAfterWords(d)
	}
	after := widget.NewSelect(labels, nil)
	after.SetSelected(lockAfterWords(current.After))
	withScreen := widget.NewCheck(lang.X("security.lock.with-screen", "Lock when the screen locks or the computer sleeps"), nil)
	withScreen.SetChecked(current.OnScreenLock)
	save := func() {
		next := app.LockSettings{After: app.LockAfterChoices[after.SelectedIndex()], OnScreenLock: withScreen.Checked}
		if next == current {
			return
		}
		sess := u.sess
		u.run(nil, func() error { return u.svc.SetLockSettings(sess, next) }, func(err error) {
			if err != nil {
				t.says.sayErr(err)
				return
			}
			current = next
			u.setLockSettings(next)
		})
	}
	after.OnChanged = func(string) { save() }
	withScreen.OnChanged = func(bool) { save() }
	return section(lang.X("security.lock.title", "Lock"),
		lang.X("security.lock.subtitle", "Twostep locks its window when you step away; your password opens it again."),
		container.NewVBox(labelled(lang.X("security.lock.after", "Lock after this long without use"), after), withScreen,
			paragraph(desktopWords(u.desktop))))
}

// lockAfterWords names a choice of time without use.
func lockAfterWords(d time.Duration) string {
	switch {
	case d == 0:
		return lang.X("security.lock.never", "Never")
	case d >= time.Hour:
		n := int(d / time.Hour)
		return lang.XN("security.lock.hours", "{{.Count}} hours", n, map[string]any{"Count": n})
	}
	n := int(d / time.Minute)
	return lang.XN("security.lock.minutes", "{{.Count}} minutes", n, map[string]any{"Count": n})
}

// desktopWords says what this desktop tells Twostep, as found at start-up, so a person on a
// desktop that says little knows what to expect.
func desktopWords(d app.Desktop) string {
	var r app.DesktopReports
	if d != nil {
		r = d.Reports()
	}
	var first string
	switch {
	case r.ScreenLock && r.Sleep:
		first = lang.X("security.lock.tells-both", "This desktop tells Twostep when the screen locks and when the computer sleeps.")
	case r.ScreenLock:
		first = lang.X("security.lock.tells-screen", "This desktop tells Twostep when the screen locks, but not when the computer sleeps.")
	case r.Sleep:
		first = lang.X("security.lock.tells-sleep", "This desktop tells Twostep when the computer sleeps, but not when the screen locks.")
	default:
		first = lang.X("security.lock.tells-nothing", "This desktop does not tell Twostep when the screen locks or the computer sleeps: press Ctrl+L to lock the window when you leave.")
	}
	if r.Idle {
		return first + " " + lang.X("security.lock.idle-desktop", "It reports how long the computer was not used, so use anywhere on the desktop counts.")
	}
	return first + " " + lang.X("security.lock.idle-window", "It does not report idle time, so Twostep counts time without use in its own window.")
}
