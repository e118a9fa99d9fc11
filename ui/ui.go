// Package ui holds Twostep's Fyne screens and dialogs. It uses app/'s use cases and core's
// vocabulary, never an adapter: no screen knows how bbolt or the keyring store anything
// (internal/layers holds it to that). Every call into app/ runs off the UI
// goroutine (argon2id and the keyring take tens of milliseconds, and an unlock prompt can
// take minutes) and comes back through UI.run.
package ui

import (
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/ui/words"
)

// Opener opens the data file and checks that the keyring can be used. It runs off the UI
// goroutine; its error has a kind, which the start page explains.
type Opener func() (*app.Service, error)

// Default window size, and the preference keys that remember the last one.
const (
	defaultWidth  = 900
	defaultHeight = 640
	prefWidth     = "window.width"
	prefHeight    = "window.height"
)

// UI is the Twostep window and whoever is signed in to it.
type UI struct {
	app  fyne.App
	win  fyne.Window
	open Opener
	svc  *app.Service
	sess *app.Session

	work sync.WaitGroup // background calls in flight, so tests can wait for them
	now  func() time.Time
	// after runs f on the UI goroutine after d, unless the returned stop is called first.
	after func(d time.Duration, f func()) (stop func())
	// pickSave and pickOpen show the file dialogs; tests swap them for a chosen file.
	pickSave func(name string, done func(fyne.URIWriteCloser, error))
	pickOpen func(done func(fyne.URIReadCloser, error))
	// escapes cancel the open dialogs, top last (see escape.go); reshow rebuilds the page.
	escapes  []func()
	enabling bool             // the Enable dialog is being prepared
	pending  int              // background calls whose results have not come back yet
	spin     *widget.Activity // the top bar's spinner, when the page has a top bar
	reshow   func()
	// settingsPage is the Settings page while the window shows it.
	settingsPage *settings
	// copied are the secrets put on the clipboard less than clipboardClear seconds ago.
	copied []string
	// codesOpen counts open backup codes dialogs: while one shows the newest codes, the
	// dashboard behind it must not warn that they were never shown.
	codesOpen int
	// desktop says when the screen locks, the computer sleeps, and how long it was idle (nil:
	// nothing); idle is the idle lock; resume is the page a locked window goes back to.
	desktop      app.Desktop
	desktopBegun bool // desktop was told to begin (beginDesktop)
	idle         idleWatch
	resume       *resume
	// quitting is set once the window starts to close: background work then calls into
	// Fyne no more (Fyne closes its queue of fyne.Do at quit, and a late call races that).
	quitting atomic.Bool
	// host is the program whose window this is, when Twostep guards another program's window
	// (host.go); nil for Twostep's own.
	host *host
}

// Option adjusts the window New makes.
type Option func(*UI)

// WithDesktop has the window lock when d says the screen locked or the computer is going to
// sleep, and count d's idle time as time without use.
func WithDesktop(d app.Desktop) Option { return func(u *UI) { u.desktop = d } }

// New makes the Twostep window for a, shows the start page and begins opening the data.
func New(a fyne.App, open Opener, opts ...Option) *UI {
	words.Ensure() // Twostep's sentences, in the desktop's language, before the first is shown
	u := &UI{app: a, open: open, now: time.Now}
	u.after = u.afterOnUI
	for _, o := range opts {
		o(u)
	}
	inputSeen = u.touch
	if u.host == nil || u.host.home == nil {
		a.Settings().SetTheme(newLook()) // Twostep's own window; an app behind the gate keeps its theme
	}
	if u.host != nil && u.host.window != nil {
		u.win = u.host.window
	} else {
		u.win = a.NewWindow(u.name())
	}
	u.win.SetPadded(false) // the top bar's rule runs edge to edge; pages pad themselves
	u.win.SetMaster()
	u.restoreSize()
	u.win.SetCloseIntercept(u.onClose)
	registerPrivateFiles() // before any save dialog can open a file
	u.pickSave = u.fileSaveDialog
	u.pickOpen = u.fileOpenDialog
	u.addShortcuts()
	u.watchDesktop()
	u.startOpening()
	return u
}

// Window is the Twostep window.
func (u *UI) Window() fyne.Window { return u.win }

// Wait blocks until background work started so far has finished and reported back.
func (u *UI) Wait() { u.work.Wait() }

func (u *UI) afterOnUI(d time.Duration, f func()) func() {
	t := time.AfterFunc(d, func() { u.do(f) })
	return func() { t.Stop() }
}

// do runs f on the UI goroutine, unless the window is closing.
func (u *UI) do(f func()) {
	if !u.quitting.Load() {
		fyne.Do(f)
	}
}

// Quit closes the window as Ctrl+Q does, from any goroutine: a signal (SIGINT, SIGTERM,
// SIGHUP, the session ending) quits through the same path.
func (u *UI) Quit() { u.do(u.onClose) }

func (u *UI) restoreSize() {
	p := u.app.Preferences()
	w := p.FloatWithFallback(prefWidth, defaultWidth)
	h := p.FloatWithFallback(prefHeight, defaultHeight)
	u.win.Resize(fyne.NewSize(max(float32(w), windowMin.Width), max(float32(h), windowMin.Height)))
}

// onClose is every way of quitting: the window's close button, Ctrl+Q and the start
// page's Quit. It takes a freshly copied secret off the clipboard, remembers the window
// size for next time, then closes the window, which ends Twostep.
func (u *UI) onClose() {
	u.quitting.Store(true)
	u.stopIdle()
	u.clearCopied()
	size := u.win.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		u.app.Preferences().SetFloat(prefWidth, float64(size.Width))
		u.app.Preferences().SetFloat(prefHeight, float64(size.Height))
	}
	u.win.Close()
}

// show replaces the window's content with a screen and focuses its first field.
func (u *UI) show(content fyne.CanvasObject, focus fyne.Focusable) {
	u.settingsPage = nil
	// Unfocused first: a text field that had the focus would go on blinking its cursor off
	// screen, and keep an idle window redrawing several times a second.
	u.win.Canvas().Unfocus()
	u.win.SetContent(container.New(atLeast(windowMin), newActivityArea(content)))
	if focus != nil {
		u.win.Canvas().Focus(focus)
	}
}
