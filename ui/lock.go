package ui

import (
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
)

// Locking ends the session in memory (the engine wipes its keys), closes every dialog
// without a question, takes a copied secret off the clipboard and shows the lock screen.
// Unlocking is a sign-in; after it the person is back on the page they left.

// resume is where a locked window goes back to once the same person signs in again.
type resume struct {
	username string
	show     func()
}

// lock locks the window, if someone is signed in to it. idle is the time without use that
// caused it (LockIdle), else 0.
func (u *UI) lock(cause app.LockCause, idle time.Duration) {
	sess := u.sess
	if sess == nil {
		return
	}
	u.resume = &resume{username: sess.Username, show: u.currentPage()}
	u.sess, u.reshow = nil, nil
	u.stopIdle()
	u.closeDialogs()
	u.clearCopied()
	u.showLock(sess.Username, cause, idle)
	u.tell(Locked, sess.Username)
	u.run(nil, func() error { return u.svc.Lock(sess, cause, idle) }, func(error) {})
}

// currentPage is how to show again the page the window shows now.
func (u *UI) currentPage() func() {
	if s := u.settingsPage; s != nil {
		tab := s.selected()
		return func() { u.showSettings(tab) }
	}
	return func() { u.showHome("", "") }
}

// closeDialogs takes every dialog and menu off the window, asking nothing: a dialog that
// would ask before closing (unsaved backup codes) has nothing to lose that "new codes"
// cannot give again.
func (u *UI) closeDialogs() {
	c := u.win.Canvas()
	o := c.Overlays()
	for top := o.Top(); top != nil; top = o.Top() {
		c.Unfocus() // the top overlay's field, so its cursor stops blinking
		o.Remove(top)
	}
	u.escapes, u.codesOpen, u.enabling = nil, 0, false
}

// onLockKey is Lock now, from the menu or Ctrl+L.
func (u *UI) onLockKey() { u.lock(app.LockByUser, 0) }

// lockScreen asks the locked person's password again, or lets someone else sign in.
type lockScreen struct {
	u        *UI
	username string
	password *field
	unlock   *actionButton
	other    *actionButton
	says     problem
	busy     *busy
	locked   *lockout
}

func (u *UI) showLock(username string, cause app.LockCause, idle time.Duration) {
	s := &lockScreen{u: u, username: username, password: newSecretField(""), says: newProblem()}
	s.unlock = newButton(lang.X("lock.unlock", "Unlock"), nil, s.onUnlock)
	s.unlock.Importance = widget.HighImportance
	s.other = newButton(lang.X("lock.someone-else", "Sign in as someone else"), nil, s.onOther)
	s.other.Importance = widget.LowImportance
	s.busy = newBusy(s.unlock, s.other, s.password)
	s.busy.update = s.update
	s.locked = &lockout{u: u, says: s.says, button: s.unlock, onEnd: s.update}
	s.password.OnChanged = func(string) { s.update() }
	s.password.OnSubmitted = func(string) { s.onUnlock() }
	s.update()
	u.dropSpin()
	u.show(column(formWidth,
		u.logo(64),
		heading(lang.X("lock.title", "Locked")),
		paragraph(lockWhy(cause, idle)),
		widget.NewLabel(lang.X("signin.signing-in-as", "Signing in as {{.Name}}", map[string]any{"Name": username})),
		labelled(lang.X("signin.password", "Password"), s.password),
		s.says,
		container.NewBorder(nil, nil, s.busy.spin, nil, s.unlock),
		widget.NewSeparator(),
		container.NewHBox(s.other),
	), s.password)
}

// lockWhy says why the window locked.
func lockWhy(cause app.LockCause, idle time.Duration) string {
	switch cause {
	case app.LockIdle:
		n := int(idle / time.Minute)
		return lang.XN("lock.why.idle", "Locked: {{.Count}} minutes without use.", n, map[string]any{"Count": n})
	case app.LockScreen:
		return lang.X("lock.why.screen", "Locked: the screen was locked.")
	case app.LockSleep:
		return lang.X("lock.why.sleep", "Locked: the computer went to sleep.")
	}
	return lang.X("lock.why.user", "Locked by you.")
}

func (s *lockScreen) update() {
	if s.busy.running || s.locked.active() || s.password.Text == "" {
		s.unlock.Disable()
		return
	}
	s.unlock.Enable()
}

// onUnlock signs in again as the same person: on a trusted computer the password is enough,
// elsewhere the code screen follows, and either way the page left is shown again.
func (s *lockScreen) onUnlock() {
	if s.unlock.Disabled() {
		return
	}
	pw := s.password.Text
	var res app.SignInResult
	s.says.clear()
	s.u.run(s.busy, func() (err error) {
		res, err = s.u.svc.SignIn(s.username, pw)
		return err
	}, func(err error) { s.u.passwordAnswered(s.username, res, err, s.says, s.locked, s.password) })
}

// onOther leaves the lock screen for the sign-in screen; the page left is forgotten.
func (s *lockScreen) onOther() {
	s.locked.end()
	s.u.showSignIn("")
}
