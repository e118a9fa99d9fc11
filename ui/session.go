package ui

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"
)

// account is what the dashboard and Settings show about the signed-in person, read in one
// trip off the UI goroutine.
type account struct {
	status  app.Status
	profile core.Profile
	picture image.Image // the profile picture, decoded
	devices []app.DeviceInfo
	events  []core.Event
}

// recentEvents is how much activity the dashboard lists.
const recentEvents = 8

func (u *UI) readAccount(sess *app.Session) (account, error) {
	var a account
	var err error
	if a.status, err = u.svc.Status(sess); err != nil {
		return a, err
	}
	if a.profile, err = u.svc.Profile(sess); err != nil {
		return a, err
	}
	a.picture = decodePicture(a.profile.Picture)
	if a.devices, err = u.svc.Devices(sess); err != nil {
		return a, err
	}
	a.events, err = u.svc.Activity(sess, recentEvents)
	return a, err
}

// signedIn starts a session in the window and shows the dashboard; note is a one-off
// message for it (e.g. backup codes left). A sign-in that moved an account made by an older
// Twostep onto today's keys replaced its backup codes: they are shown once, over the dashboard.
func (u *UI) signedIn(sess *app.Session, note string) {
	u.sess = sess
	if r := u.resume; r != nil && r.username == sess.Username {
		u.resume = nil
		r.show() // unlocked: back on the page left
	} else {
		u.resume = nil
		u.showHome(note, u.failedNote(sess.Failed))
	}
	u.startIdle()
	u.tell(SignedIn, sess.Username)
	if codes := sess.NewBackupCodes; codes != nil {
		sess.NewBackupCodes = nil // shown once; the dialog keeps its own copy
		u.showBackupCodes(codes, words.UpgradedCodes(sess.MovedFrom == app.Release02), u.refreshPage)
	}
}

// avatarMenu opens the profile picture's menu under it, right-aligned with it.
func (u *UI) avatarMenu(from fyne.CanvasObject) {
	menu := fyne.NewMenu("",
		fyne.NewMenuItem(lang.X("signin.settings", "Settings"), func() { u.showSettings(tabProfile) }),
		fyne.NewMenuItem(lang.X("lock.now", "Lock now"), u.onLockKey),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("signin.sign-out", "Sign out"), u.onSignOut),
		fyne.NewMenuItem(lang.X("signin.sign-out-all-menu", "Sign out completely…"), u.onSignOutCompletely),
	)
	c := u.win.Canvas()
	pop := widget.NewPopUpMenu(menu, c)
	// The avatar sits at the top right of every page. Its position is worked out from the
	// canvas rather than asked of Fyne, whose object-to-canvas lookup expires after a
	// minute and then drops the menu at the top left.
	pad := theme.Padding()
	x := c.Size().Width - pop.MinSize().Width - 2*pad
	pop.ShowAtPosition(fyne.NewPos(x, from.Size().Height+4*pad))
	c.Focus(pop)
}

func (u *UI) onSignOut() {
	sess := u.sess
	u.stopIdle()
	u.run(nil, func() error { return u.svc.SignOut(sess) }, func(err error) {
		u.sess = nil
		u.showSignIn(signOutNote(err, lang.X("signin.signed-out", "You signed out.")))
		u.tell(SignedOut, sess.Username)
	})
}

func (u *UI) onSignOutCompletely() {
	u.confirm(lang.X("signin.sign-out-all-title", "Sign out completely?"),
		lang.X("signin.sign-out-all-body",
			"This device will stop being trusted: the next sign-in here asks for your password and a verification code again."),
		lang.X("signin.sign-out-all", "Sign out completely"), false, func(ok bool) {
			if !ok {
				return
			}
			sess := u.sess
			u.stopIdle()
			u.run(nil, func() error { return u.svc.SignOutCompletely(sess) }, func(err error) {
				u.sess = nil
				u.showSignIn(signOutNote(err, lang.X("signin.signed-out-all",
					"You signed out completely. This device will ask for a verification code next time.")))
				u.tell(SignedOut, sess.Username)
			})
		})
}

// signOutNote is what the sign-in screen says after a sign-out; the window signs out
// either way, but a failure to forget the device must not pass silently.
func signOutNote(err error, ok string) string {
	if err != nil {
		return lang.X("signin.sign-out-unfinished", "You are signed out, but Twostep could not finish: {{.Why}}",
			map[string]any{"Why": words.Message(err)})
	}
	return ok
}
