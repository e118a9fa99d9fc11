package presence

import (
	"os"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/twostep-app/twostep/core"
)

// On Linux the desktop speaks D-Bus. Each source is tried, and every one that answers is
// used:
//   - the session bus: org.freedesktop.ScreenSaver and org.gnome.ScreenSaver ActiveChanged(true)
//     (the screen locked), and idle time from org.freedesktop.ScreenSaver.GetSessionIdleTime
//     (KDE; milliseconds, as KIdleTime counts) or GNOME's org.gnome.Mutter.IdleMonitor;
//   - the system bus: logind's session Lock signal and LockedHint, and the manager's
//     PrepareForSleep(true).
// Nothing is polled: the signals arrive, and idle time is asked for only when the window's
// timer runs out.

const (
	fdoSaver   = "org.freedesktop.ScreenSaver"
	gnomeSaver = "org.gnome.ScreenSaver"
	mutterIdle = "org.gnome.Mutter.IdleMonitor"
	login1     = "org.freedesktop.login1"
)

// Watch is this desktop's presence signals.
type Watch struct {
	locks   chan core.LockCause
	reports core.DesktopReports
	session *dbus.Conn // nil: no session bus
	system  *dbus.Conn // nil: no system bus
	idle    func() (time.Duration, bool)
	ready   chan struct{} // closed once the buses were asked
	once    sync.Once
}

// Start connects to the buses that are there and listens to every source that answers, in
// the background: a window's start waits for no bus. It never fails: a desktop that offers
// nothing gets a Watch that says so in Reports.
func Start() *Watch {
	w := New()
	w.Begin()
	return w
}

// New is a Watch that listens to nothing until Begin: Twostep begins once its window is up.
func New() *Watch {
	return &Watch{locks: make(chan core.LockCause, 4), idle: func() (time.Duration, bool) { return 0, false },
		ready: make(chan struct{})}
}

// Begin connects to the buses in the background.
func (w *Watch) Begin() { go w.connect() }

func (w *Watch) connect() {
	defer close(w.ready)
	// A channel per bus: godbus closes a connection's channels when it closes.
	if w.session = sessionBus(); w.session != nil {
		signals := make(chan *dbus.Signal, 16)
		w.watchSession(signals)
		go w.forward(signals)
	}
	if w.system = systemBus(); w.system != nil {
		signals := make(chan *dbus.Signal, 16)
		w.watchSystem(signals)
		go w.forward(signals)
	}
}

// Locks delivers core.LockScreen and core.LockSleep as the desktop says them.
func (w *Watch) Locks() <-chan core.LockCause { return w.locks }

// IdleTime is how long the desktop was not used, where it says.
func (w *Watch) IdleTime() (time.Duration, bool) {
	<-w.ready
	return w.idle()
}

// Reports says which sources answered at Start. The window asks on its own goroutine, so
// it waits a quarter of a second at most for buses that have not answered yet (they take
// a few milliseconds), and reports nothing from buses that hang.
func (w *Watch) Reports() core.DesktopReports {
	if answered(w.ready, 250*time.Millisecond) {
		return w.reports
	}
	return core.DesktopReports{}
}

// Close lets go of the buses (of those that answered within a second: quitting waits for no
// hung bus).
func (w *Watch) Close() {
	if !answered(w.ready, time.Second) {
		return
	}
	w.once.Do(func() {
		for _, c := range []*dbus.Conn{w.session, w.system} {
			if c != nil {
				c.Close()
			}
		}
	})
}

// sessionBus connects only to a bus the session names: with none, godbus would start one
// (dbus-launch), which would outlive Twostep.
func sessionBus() *dbus.Conn {
	switch os.Getenv("DBUS_SESSION_BUS_ADDRESS") {
	case "", "autolaunch:":
		return nil
	}
	c, err := dbus.SessionBusPrivate()
	if err != nil {
		return nil
	}
	if c.Auth(nil) != nil || c.Hello() != nil {
		c.Close()
		return nil
	}
	return c
}

func systemBus() *dbus.Conn {
	c, err := dbus.SystemBusPrivate()
	if err != nil {
		return nil
	}
	if c.Auth(nil) != nil || c.Hello() != nil {
		c.Close()
		return nil
	}
	return c
}

// owned reports whether a name on c has an owner now.
func owned(c *dbus.Conn, name string) bool {
	var has bool
	return c.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&has) == nil && has
}

// watchSession subscribes to the screen savers' signals and finds an idle-time source.
func (w *Watch) watchSession(signals chan<- *dbus.Signal) {
	for _, iface := range []string{fdoSaver, gnomeSaver} {
		if c := w.session; c.AddMatchSignal(dbus.WithMatchInterface(iface), dbus.WithMatchMember("ActiveChanged")) == nil && owned(c, iface) {
			w.reports.ScreenLock = true
		}
	}
	w.session.Signal(signals)
	if _, ok := fdoIdle(w.session); ok {
		w.reports.Idle, w.idle = true, func() (time.Duration, bool) { return fdoIdle(w.session) }
	} else if _, ok := gnomeIdle(w.session); ok {
		w.reports.Idle, w.idle = true, func() (time.Duration, bool) { return gnomeIdle(w.session) }
	}
}

func fdoIdle(c *dbus.Conn) (time.Duration, bool) {
	var ms uint32
	err := c.Object(fdoSaver, "/org/freedesktop/ScreenSaver").Call(fdoSaver+".GetSessionIdleTime", 0).Store(&ms)
	return time.Duration(ms) * time.Millisecond, err == nil
}

func gnomeIdle(c *dbus.Conn) (time.Duration, bool) {
	var ms uint64
	err := c.Object(mutterIdle, "/org/gnome/Mutter/IdleMonitor/Core").Call(mutterIdle+".GetIdletime", 0).Store(&ms)
	return time.Duration(ms) * time.Millisecond, err == nil
}

// watchSystem subscribes to logind: this session's Lock and LockedHint, and sleep.
func (w *Watch) watchSystem(signals chan<- *dbus.Signal) {
	c := w.system
	c.Signal(signals)
	if !owned(c, login1) {
		return
	}
	manager := c.Object(login1, "/org/freedesktop/login1")
	if c.AddMatchSignal(dbus.WithMatchObjectPath("/org/freedesktop/login1"), dbus.WithMatchInterface(login1+".Manager"),
		dbus.WithMatchMember("PrepareForSleep")) == nil {
		w.reports.Sleep = true
	}
	var session dbus.ObjectPath
	if manager.Call(login1+".Manager.GetSessionByPID", 0, uint32(os.Getpid())).Store(&session) != nil {
		id := os.Getenv("XDG_SESSION_ID")
		if id == "" || manager.Call(login1+".Manager.GetSession", 0, id).Store(&session) != nil {
			session = ""
		}
	}
	if session != "" {
		lock := c.AddMatchSignal(dbus.WithMatchObjectPath(session), dbus.WithMatchInterface(login1+".Session"), dbus.WithMatchMember("Lock"))
		hint := c.AddMatchSignal(dbus.WithMatchObjectPath(session), dbus.WithMatchInterface("org.freedesktop.DBus.Properties"),
			dbus.WithMatchMember("PropertiesChanged"))
		w.reports.ScreenLock = w.reports.ScreenLock || lock == nil || hint == nil
	}
}

// forward turns a bus's signals into causes for the window, until the bus closes.
func (w *Watch) forward(signals <-chan *dbus.Signal) {
	for s := range signals {
		cause, ok := causeOf(s)
		if !ok {
			continue
		}
		select {
		case w.locks <- cause:
		default: // the window has a lock to handle already; one more says nothing new
		}
	}
}

// causeOf reads one signal: a lock or a sleep, or nothing Twostep listens for.
func causeOf(s *dbus.Signal) (core.LockCause, bool) {
	switch s.Name {
	case fdoSaver + ".ActiveChanged", gnomeSaver + ".ActiveChanged":
		return core.LockScreen, firstBool(s.Body)
	case login1 + ".Session.Lock":
		return core.LockScreen, true
	case login1 + ".Manager.PrepareForSleep":
		return core.LockSleep, firstBool(s.Body)
	case "org.freedesktop.DBus.Properties.PropertiesChanged":
		if len(s.Body) < 2 || s.Body[0] != login1+".Session" {
			return "", false
		}
		changed, _ := s.Body[1].(map[string]dbus.Variant)
		hint, ok := changed["LockedHint"].Value().(bool)
		return core.LockScreen, ok && hint
	}
	return "", false
}

func firstBool(body []any) bool {
	if len(body) == 0 {
		return false
	}
	b, ok := body[0].(bool)
	return ok && b
}
