package presence_test

import (
	"bufio"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/presence"
	"github.com/twostep-app/twostep/internal/testenv"
)

// Each source against real D-Bus: a private bus for the session and another standing in for
// the system bus, on which the test owns the desktop's well-known names with small objects
// that answer the real methods and emit the real signals.

// bus starts a private dbus-daemon and returns its address.
func bus(t *testing.T) string {
	t.Helper()
	daemon := testenv.NeedTool(t, "dbus-daemon")
	cmd := exec.Command(daemon, "--session", "--nofork", "--nopidfile", "--print-address")
	out, err := cmd.StdoutPipe()
	testenv.Must(t, err)
	testenv.Must(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr, err := bufio.NewReader(out).ReadString('\n')
	testenv.Must(t, err)
	return strings.TrimSpace(addr)
}

// owner connects to the bus at addr and owns name there.
func owner(t *testing.T, addr, name string) *dbus.Conn {
	t.Helper()
	c, err := dbus.Connect(addr)
	testenv.Must(t, err)
	t.Cleanup(func() { c.Close() })
	if reply, err := c.RequestName(name, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("owning %s: %v, %v", name, reply, err)
	}
	return c
}

type screenSaver struct{ idleMs uint32 }

func (s screenSaver) GetSessionIdleTime() (uint32, *dbus.Error) { return s.idleMs, nil }

type mutter struct{ idleMs uint64 }

func (m mutter) GetIdletime() (uint64, *dbus.Error) { return m.idleMs, nil }

const sessionPath = dbus.ObjectPath("/org/freedesktop/login1/session/_31")

type logind struct{}

func (logind) GetSessionByPID(uint32) (dbus.ObjectPath, *dbus.Error) { return sessionPath, nil }

// desktop is a test's two buses, the environment pointing at them.
type desktop struct{ session, system string }

func newDesktop(t *testing.T) desktop {
	d := desktop{session: bus(t), system: bus(t)}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", d.session)
	t.Setenv("DBUS_SYSTEM_BUS_ADDRESS", d.system)
	return d
}

func start(t *testing.T) *presence.Watch {
	w := presence.Start()
	t.Cleanup(w.Close)
	return w
}

// wantLock waits for cause on w; with cause "" it wants nothing for a while.
func wantLock(t *testing.T, w *presence.Watch, cause core.LockCause, what string) {
	t.Helper()
	select {
	case got := <-w.Locks():
		if got != cause {
			t.Fatalf("%s: the window is told %q, want %q", what, got, cause)
		}
	case <-time.After(map[bool]time.Duration{true: 200 * time.Millisecond, false: 5 * time.Second}[cause == ""]):
		if cause != "" {
			t.Fatalf("%s: no lock came", what)
		}
	}
}

func TestScreenSaverSignals(t *testing.T) {
	for _, name := range []string{"org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"} {
		t.Run(name, func(t *testing.T) {
			d := newDesktop(t)
			c := owner(t, d.session, name)
			w := start(t)
			if r := w.Reports(); !r.ScreenLock || r.Sleep || r.Idle {
				t.Fatalf("reports %+v, want the screen lock only", r)
			}
			path := dbus.ObjectPath("/" + strings.ReplaceAll(name, ".", "/"))
			testenv.Must(t, c.Emit(path, name+".ActiveChanged", false))
			wantLock(t, w, "", "the screen saver ending")
			testenv.Must(t, c.Emit(path, name+".ActiveChanged", true))
			wantLock(t, w, core.LockScreen, "the screen saver starting")
		})
	}
}

func TestLogindSignals(t *testing.T) {
	d := newDesktop(t)
	c := owner(t, d.system, "org.freedesktop.login1")
	testenv.Must(t, c.Export(logind{}, "/org/freedesktop/login1", "org.freedesktop.login1.Manager"))
	w := start(t)
	if r := w.Reports(); !r.ScreenLock || !r.Sleep || r.Idle {
		t.Fatalf("reports %+v, want the screen lock and sleep", r)
	}
	testenv.Must(t, c.Emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", false))
	wantLock(t, w, "", "waking up")
	testenv.Must(t, c.Emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", true))
	wantLock(t, w, core.LockSleep, "going to sleep")
	testenv.Must(t, c.Emit(sessionPath, "org.freedesktop.login1.Session.Lock"))
	wantLock(t, w, core.LockScreen, "the session's Lock")
	testenv.Must(t, c.Emit("/org/freedesktop/login1/session/_99", "org.freedesktop.login1.Session.Lock"))
	wantLock(t, w, "", "another session's Lock")
	hint := func(locked bool) {
		testenv.Must(t, c.Emit(sessionPath, "org.freedesktop.DBus.Properties.PropertiesChanged", "org.freedesktop.login1.Session",
			map[string]dbus.Variant{"LockedHint": dbus.MakeVariant(locked)}, []string{}))
	}
	hint(false)
	wantLock(t, w, "", "LockedHint false")
	hint(true)
	wantLock(t, w, core.LockScreen, "LockedHint true")
}

func TestIdleTime(t *testing.T) {
	for _, tc := range []struct {
		name   string
		export func(c *dbus.Conn) error
		want   time.Duration
	}{
		{"org.freedesktop.ScreenSaver", func(c *dbus.Conn) error {
			return c.Export(screenSaver{idleMs: 90_000}, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver")
		}, 90 * time.Second},
		{"org.gnome.Mutter.IdleMonitor", func(c *dbus.Conn) error {
			return c.Export(mutter{idleMs: 125_500}, "/org/gnome/Mutter/IdleMonitor/Core", "org.gnome.Mutter.IdleMonitor")
		}, 125500 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDesktop(t)
			testenv.Must(t, tc.export(owner(t, d.session, tc.name)))
			w := start(t)
			if !w.Reports().Idle {
				t.Fatalf("reports %+v, want idle time", w.Reports())
			}
			if got, ok := w.IdleTime(); !ok || got != tc.want {
				t.Fatalf("IdleTime = %v, %v; want %v", got, ok, tc.want)
			}
		})
	}
}

// A desktop that owns none of the names (i3, a bare X session) is reported as telling
// nothing; with no session bus at all, none is started.
func TestNothingAnswers(t *testing.T) {
	newDesktop(t)
	w := start(t)
	if r := w.Reports(); r != (core.DesktopReports{}) {
		t.Fatalf("reports %+v on a desktop that says nothing", r)
	}
	if _, ok := w.IdleTime(); ok {
		t.Fatal("idle time on a desktop that has none")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/bus")
	if r := start(t).Reports(); r != (core.DesktopReports{}) {
		t.Fatalf("reports %+v with no bus", r)
	}
}
