package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/app"
)

// A program can put its own window behind Twostep's sign-in (ui/gate): the window is then
// the program's, its name and icon stand where Twostep's do, and once someone is signed in
// the window shows the program's page under Twostep's top bar instead of the dashboard.

// host is such a program; nil for Twostep itself.
type host struct {
	name   string
	icon   fyne.Resource
	window fyne.Window
	home   func(*app.Session) fyne.CanvasObject
	events func(Event)
}

// Event is something the signed-in person did or that happened to the session.
type Event struct {
	Kind     EventKind
	Username string
}

// EventKind says what an Event is.
type EventKind int

// The events a program hears of.
const (
	SignedIn  EventKind = iota + 1 // signed in, or unlocked: the program's page is shown
	Locked                         // the window locked: the session's keys are gone
	SignedOut                      // signed out: the sign-in page is shown
)

// WithHost puts the window of a program behind the sign-in: w is the program's window (nil:
// a new one), name and icon stand for it (nil icon: Twostep's), home makes its page for
// a signed-in session (each sign-in and unlock makes it anew, so nothing read under the
// account outlives a lock), and events hears of sign-ins, locks and sign-outs, on the UI
// goroutine.
func WithHost(w fyne.Window, name string, icon fyne.Resource, home func(*app.Session) fyne.CanvasObject, events func(Event)) Option {
	return func(u *UI) { u.host = &host{name: name, icon: icon, window: w, home: home, events: events} }
}

// name is the program's name: the host's, or Twostep.
func (u *UI) name() string {
	if u.host != nil && u.host.name != "" {
		return u.host.name
	}
	return "Twostep"
}

// named is name as a sentence's {{.App}}.
func (u *UI) named() map[string]any { return map[string]any{"App": u.name()} }

// icon is the program's icon: the host's, or Twostep's.
func (u *UI) icon() fyne.Resource {
	if u.host != nil && u.host.icon != nil {
		return u.host.icon
	}
	return nil
}

func (u *UI) tell(kind EventKind, username string) {
	if u.host != nil && u.host.events != nil {
		u.host.events(Event{Kind: kind, Username: username})
	}
}

// showHome is the page after signing in: Twostep's dashboard, or the program's page.
func (u *UI) showHome(note, failed string) {
	if u.host == nil || u.host.home == nil {
		u.showDashboardAfterSignIn(note, failed)
		return
	}
	u.showHostPage()
	// The dashboard's one-off notes (backup codes left, failed sign-ins): a program's page
	// has no room of its own for them.
	for _, n := range []string{failed, note} {
		if n != "" {
			dialog.ShowInformation(u.name(), n, u.win)
		}
	}
}

// showHostPage shows the program's page under the top bar, its avatar read off the UI
// goroutine.
func (u *UI) showHostPage() {
	u.reshow = u.showHostPage
	sess := u.sess
	av := newAvatar(40, "", nil, nil)
	av.onTap = func() { u.avatarMenu(av) }
	u.show(page(u.topBar(nil, av), u.host.home(sess)), nil)
	var a account
	u.run(nil, func() (err error) {
		a, err = u.readAccount(sess)
		return err
	}, func(err error) {
		if err == nil {
			av.set(a.profile.Initials(a.status.Username), a.picture)
		}
	})
}

// backLabel is the word on Settings' way back: to the dashboard, or to the program's page.
func (u *UI) backLabel() string {
	if u.host != nil && u.host.home != nil {
		return lang.X("dashboard.back-to", "Back to {{.App}}", u.named())
	}
	return lang.X("dashboard.back", "Dashboard")
}

// LockNow locks the window, as Ctrl+L does.
func (u *UI) LockNow() { u.onLockKey() }

// SignOut signs out, as the avatar's menu does.
func (u *UI) SignOut() {
	if u.sess != nil {
		u.onSignOut()
	}
}

// ShowSecurity opens Settings > Security, if someone is signed in.
func (u *UI) ShowSecurity() {
	if u.sess != nil {
		u.showSettings(tabSecurity)
	}
}

// Run does work off the UI goroutine, then done with its error on the UI goroutine, unless
// the window is closing: the top bar's spinner turns meanwhile, and Wait waits for it.
func (u *UI) Run(work func() error, done func(error)) { u.run(nil, work, done) }
