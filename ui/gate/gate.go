// Package gate puts a Fyne app's window behind Twostep's sign-in: local accounts with a
// password and two-step authentication (TOTP codes from any authenticator app, backup codes,
// trusted devices), a lock when the person steps away, and Settings > Security. Once someone
// is signed in, the window shows the app's own page, and the app keeps its data sealed under
// the account (Session.Put, Session.Seal): the data file alone, the keyring alone, and an old
// copy of the file with an old password or a spent backup code open none of it.
//
//	a := app.NewWithID("com.example.notes")
//	w := a.NewWindow("Notes")
//	g, err := gate.New(a, w, gate.Config{Name: "Notes", DataDir: dir, KeyringService: "com.example.notes"},
//		func(s *gate.Session) fyne.CanvasObject { return notesPage(s) })
//	if err != nil { ... }
//	defer g.Close()
//	w.ShowAndRun()
//
// Every word is in the desktop's language (English, German, French, Spanish); an app's own
// words load into Fyne's lang beside Twostep's (lang.AddTranslationsFS).
//
// Compatibility: this package's exported API follows semantic versioning from v0.4.0 (API in
// docs/api); scripts/test fails on a change apidiff calls incompatible.
package gate

import (
	"errors"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"

	"fyne.io/fyne/v2"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/boltstore"
	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/core/presence"
	"github.com/twostep-app/twostep/internal/logfile"
	"github.com/twostep-app/twostep/ui"
	"github.com/twostep-app/twostep/ui/words"
)

// Config says whose window the gate guards and where it keeps the accounts.
type Config struct {
	// Name is the app's name: in the sign-in pages, the top bar, and the authenticator app
	// above the codes.
	Name string
	// Icon stands beside the name (nil: Twostep's).
	Icon fyne.Resource
	// DataDir is the folder of the data file (DataFile) and its log; it is made owner-only.
	// Give each app a folder of its own.
	DataDir string
	// KeyringService names the app's entries in the OS keyring. Give each app its own (its
	// app ID, say): apps with different services never see each other's accounts.
	KeyringService string
}

// DataFile and LogFile are the names of the files the gate keeps in Config.DataDir.
const (
	DataFile = "twostep.db"
	LogFile  = logfile.Name
)

// Gate is the sign-in in front of an app's window.
type Gate struct {
	ui     *ui.UI
	data   *opener
	watch  *presence.Watch
	stop   func()
	mu     sync.Mutex
	events func(Event)
}

// New puts w behind the sign-in. home makes the app's page for a signed-in session: it is
// called on the UI goroutine at each sign-in and unlock (so nothing read under the account
// outlives a lock). The data file opens in the background, with a page that says what is
// wrong if it cannot (another copy running, a locked keyring, a damaged file). A nil home
// shows Twostep's own dashboard.
func New(a fyne.App, w fyne.Window, cfg Config, home func(*Session) fyne.CanvasObject) (*Gate, error) {
	if cfg.Name == "" || cfg.DataDir == "" || cfg.KeyringService == "" {
		return nil, errors.New("gate: Config needs a Name, a DataDir and a KeyringService")
	}
	dir, err := filepath.Abs(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	g := &Gate{data: &opener{dir: dir, keyringService: cfg.KeyringService, issuer: cfg.Name, log: logfile.New(os.Stderr)},
		watch: presence.New()}
	var show func(*app.Session) fyne.CanvasObject
	if home != nil {
		show = func(s *app.Session) fyne.CanvasObject { return home(&Session{svc: g.data.svc(), sess: s, ui: g.ui}) }
	}
	// The desktop's lock and sleep signals (watch): ui has it begin once the window is up.
	g.ui = ui.New(a, g.data.open, ui.WithDesktop(g.watch), ui.WithHost(w, cfg.Name, cfg.Icon, show, g.tell))
	g.stop = quitOnSignals(g.ui)
	return g, nil
}

// Wait blocks until the work the gate and Session.Run started has finished and come back
// to the UI goroutine. Tests call it before they look at the window: Fyne's test driver runs
// what comes back at once, on the goroutine that did the work.
func (g *Gate) Wait() { g.ui.Wait() }

// Window is the window the gate guards.
func (g *Gate) Window() fyne.Window { return g.ui.Window() }

// OnEvent has f hear of sign-ins, locks and sign-outs, on the UI goroutine.
func (g *Gate) OnEvent(f func(Event)) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.events = f
}

// Lock locks the window now, as Ctrl+L does. Call it on the UI goroutine (from a menu).
func (g *Gate) Lock() { g.ui.LockNow() }

// SignOut signs out, as the avatar's menu does. Call it on the UI goroutine.
func (g *Gate) SignOut() { g.ui.SignOut() }

// ShowSecurity opens Settings > Security (two-step authentication, backup codes, the
// computers set up, the password, the lock, the activity). Call it on the UI goroutine.
func (g *Gate) ShowSecurity() { g.ui.ShowSecurity() }

// Close wipes every key in memory and closes the data file and the log. Call it once the
// window has closed (after ShowAndRun returns).
func (g *Gate) Close() error {
	g.stop()
	g.watch.Close()
	return g.data.close()
}

// Event is something that happened to the session in the window.
type Event struct {
	Kind     EventKind
	Username string
}

// EventKind says what an Event is.
type EventKind int

// The events an app hears of.
const (
	SignedIn  EventKind = iota + 1 // signed in or unlocked: the app's page is shown
	Locked                         // locked: the session's keys are gone, the lock page is shown
	SignedOut                      // signed out: the sign-in page is shown
)

func (g *Gate) tell(e ui.Event) {
	g.mu.Lock()
	f := g.events
	g.mu.Unlock()
	if f != nil {
		f(Event{Kind: EventKind(e.Kind), Username: e.Username})
	}
}

// Theme is the theme of Twostep's own window: Fyne's default, with success, warning and error
// colours dark enough to read on white (Fyne's measure 1.3:1 to 3.7:1; text needs 4.5:1). The
// gate's pages take the app's theme; an app without one of its own can set this
// (a.Settings().SetTheme(gate.Theme())).
func Theme() fyne.Theme { return ui.Look() }

// ErrorText is the sentence a person reads for err, in the desktop's language: what
// happened and what to do.
func ErrorText(err error) string { return words.Message(err) }

// IsNotFound says whether err means there is no such entry (Session.Get), or that the
// session ended.
func IsNotFound(err error) bool { return core.IsKind(err, core.KindNotFound) }

// opener opens the data file once and checks the keyring on every try, so Retry on the
// start page picks up a keyring unlocked meanwhile.
type opener struct {
	dir, keyringService, issuer string
	log                         *logfile.Log
	mu                          sync.Mutex
	db                          *boltstore.Store
	opened                      *app.Service
}

func (o *opener) open() (*app.Service, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.opened == nil {
		db, err := boltstore.Open(filepath.Join(o.dir, DataFile))
		if err != nil {
			app.Report(o.log.Logger, err)
			return nil, err
		}
		if err := o.log.AttachFile(filepath.Join(o.dir, LogFile)); err != nil {
			o.log.Warn("no log file in the data folder", "error", err.Error())
		}
		o.db = db
		o.opened = app.New(db, keyring.New(o.keyringService), app.WithLog(o.log.Logger), app.WithIssuer(o.issuer))
	}
	if err := keyring.New(o.keyringService).Check(); err != nil {
		app.Report(o.log.Logger, err)
		return nil, err
	}
	return o.opened, nil
}

func (o *opener) svc() *app.Service {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.opened
}

func (o *opener) close() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	var err error
	if o.opened != nil {
		o.opened.Close()
		err = o.db.Close()
	}
	return errors.Join(err, o.log.Close())
}

// quitOnSignals quits through the window's own close (a copied secret taken off the
// clipboard, the keys wiped) when the app is asked to stop: Ctrl+C in its terminal
// (SIGINT), a service manager or the session ending (SIGTERM, SIGHUP).
func quitOnSignals(u *ui.UI) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			u.Quit()
		case <-done:
		}
	}()
	return sync.OnceFunc(func() {
		signal.Stop(ch)
		close(done)
	})
}
