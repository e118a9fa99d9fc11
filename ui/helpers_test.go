package ui

import (
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"twostep/app"
	"twostep/core"
	"twostep/core/boltstore"
	"twostep/core/keyring/keyringtest"
)

const (
	alice      = "alice"
	alicePW    = "plum-Velvet-harbour-93"
	otherPW    = "quiet Lantern orbit 7 maple"
	deviceName = "test-laptop"
)

// clock is the time both the engine and the window read; only the test moves it.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// scheduler stands in for UI.after: a callback runs only when the test moves the clock
// past its time, so countdowns and the clipboard clearing are deterministic.
type scheduler struct {
	clock   *clock
	mu      sync.Mutex
	pending []*timer
}

type timer struct {
	at time.Time
	f  func()
}

func (s *scheduler) after(d time.Duration, f func()) func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	tm := &timer{at: s.clock.Now().Add(d), f: f}
	s.pending = append(s.pending, tm)
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.pending = slices.DeleteFunc(s.pending, func(p *timer) bool { return p == tm })
	}
}

// advance moves the clock by d, running each callback that falls due on the way, in time order.
func (s *scheduler) advance(d time.Duration) {
	end := s.clock.Now().Add(d)
	for {
		s.mu.Lock()
		var next *timer
		for _, p := range s.pending {
			if !p.at.After(end) && (next == nil || p.at.Before(next.at)) {
				next = p
			}
		}
		if next == nil {
			s.mu.Unlock()
			break
		}
		s.pending = slices.DeleteFunc(s.pending, func(p *timer) bool { return p == next })
		s.mu.Unlock()
		if next.at.After(s.clock.Now()) {
			s.clock.set(next.at)
		}
		next.f()
	}
	s.clock.set(end)
}

func (s *scheduler) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending)
}

// env is the Twostep window on the Fyne test driver, over a real bbolt file in a temp
// dir and the real keyring, with a clock the test moves.
type env struct {
	t     *testing.T
	app   fyne.App
	drv   *queuedDriver
	clock *clock
	sched *scheduler
	db    *boltstore.Store
	kr    core.Secrets
	svc   *app.Service
	u     *UI
	w     fyne.Window
}

// newEnv opens the window with an Opener that succeeds and waits for the sign-in screen.
func newEnv(t *testing.T) *env {
	t.Helper()
	kr := keyringtest.Require(t)
	db, err := boltstore.Open(filepath.Join(t.TempDir(), app.DataFile))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := newClock()
	svc := app.New(db, kr, app.WithClock(c.Now), app.WithDeviceName(deviceName))
	e := start(t, c, func() (*app.Service, error) { return svc, nil })
	e.db, e.kr, e.svc = db, kr, svc
	e.wantSignIn()
	return e
}

// newClock starts 10 s into a TOTP time step.
func newClock() *clock { return &clock{t: time.Unix(1_800_000_010, 0)} }

// start makes the test app and the window with open, waits for opening to finish and
// swaps the window's time and timers for the test's.
func start(t *testing.T, c *clock, open Opener) *env {
	t.Helper()
	base := test.NewTempApp(t)
	// The test theme has no bold monospace font (the setup key and backup codes use it).
	base.Settings().SetTheme(theme.DefaultTheme())
	drv := &queuedDriver{Driver: base.Driver()}
	a := &queuedApp{App: base, drv: drv}
	fyne.SetCurrentApp(a)
	e := &env{t: t, app: a, drv: drv, clock: c, sched: &scheduler{clock: c}}
	e.u = New(a, open)
	e.w = e.u.Window()
	e.w.Show()
	t.Cleanup(e.settle) // before the data file closes
	e.settle()
	e.u.now, e.u.after = c.Now, e.sched.after
	return e
}

// The test driver runs fyne.Do inline on the calling goroutine, so a UI.run callback would
// touch widgets from the worker goroutine while the test goroutine does too: a race the
// real driver, which runs every callback on one goroutine, does not have. queuedApp keeps
// the real driver's rule: fyne.Do queues, and the test goroutine (the UI goroutine here)
// runs the queue in settle.
type queuedApp struct {
	fyne.App
	drv *queuedDriver
}

func (a *queuedApp) Driver() fyne.Driver { return a.drv }

type queuedDriver struct {
	fyne.Driver
	mu    sync.Mutex
	queue []func()
}

// DoFromGoroutine queues f. fyne.DoAndWait (wait), which Twostep does not use, runs f at
// once as the test driver does: queueing it would hang the test in settle.
func (d *queuedDriver) DoFromGoroutine(f func(), wait bool) {
	if wait {
		f()
		return
	}
	d.mu.Lock()
	d.queue = append(d.queue, f)
	d.mu.Unlock()
}

// runQueued runs the queued callbacks and reports whether there were any.
func (d *queuedDriver) runQueued() bool {
	d.mu.Lock()
	q := d.queue
	d.queue = nil
	d.mu.Unlock()
	for _, f := range q {
		f()
	}
	return len(q) > 0
}

// settle waits for the window's background work and runs what it hands back to the UI
// goroutine, until nothing is left: the window is then at rest.
func (e *env) settle() {
	for {
		e.u.Wait()
		if !e.drv.runQueued() {
			return
		}
	}
}

// in is the same window for a subtest, so that failures stop the subtest that hit them.
func (e *env) in(t *testing.T) *env {
	c := *e
	c.t = t
	return &c
}

// advance moves the clock (and the window's timers) by d.
func (e *env) advance(d time.Duration) { e.sched.advance(d) }

// code is what the authenticator app shows now; nextCode waits for the next time step first.
func (e *env) code(secret string) string {
	e.t.Helper()
	c, err := core.CodeAt(secret, core.Step(e.clock.Now()), core.CodeDigits)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func (e *env) nextCode(secret string) string {
	e.advance(core.Period)
	return e.code(secret)
}

// wrongCode is a 6-digit code that no step near now produces, so it reads as wrong, not
// as reused or as a slow clock.
func (e *env) wrongCode(secret string) string {
	e.t.Helper()
	near := map[string]bool{}
	now := core.Step(e.clock.Now())
	for s := now - core.DriftSteps - 1; s <= now+core.DriftSteps+1; s++ {
		c, err := core.CodeAt(secret, s, core.CodeDigits)
		if err != nil {
			e.t.Fatal(err)
		}
		near[c] = true
	}
	for _, c := range []string{"000000", "111111", "222222", "314159", "271828", "161803"} {
		if !near[c] {
			return c
		}
	}
	e.t.Fatal("every candidate wrong code is a real one")
	return ""
}

// account creates an account through the engine (setup, not the flow under test).
func (e *env) account(user, pw string) *app.Session {
	e.t.Helper()
	sess, err := e.svc.CreateAccount(user, pw)
	if err != nil {
		e.t.Fatalf("create account %s: %v", user, err)
	}
	return sess
}

// enter puts a session in the window, as a finished sign-in does, and waits for the dashboard.
func (e *env) enter(sess *app.Session) {
	e.t.Helper()
	e.u.signedIn(sess, "")
	e.settle()
	e.wantText("Welcome, " + sess.Username)
}

// backupSet is one set of backup codes shared by the tests that need 2FA on as a starting
// point: making a set costs ten argon2id runs, too slow to repeat under -race.
var backupSet = sync.OnceValues(func() ([]string, core.BackupCodes) { return core.NewBackupCodes(time.Unix(1_800_000_000, 0)) })

// twoFactor turns 2FA on as a finished enrolment leaves it (the secret in the keyring, the
// account marked, ten backup codes) without the UI, and returns the phone's secret and the codes.
// Turning it on through the window is TestEnableTwoFactor's job.
func (e *env) twoFactor(sess *app.Session) (string, []string) {
	e.t.Helper()
	secret := core.NewEnrolment(sess.Username).Secret
	if err := e.kr.Set(sess.ID, core.SlotTOTP, []byte(secret)); err != nil {
		e.t.Fatal(err)
	}
	codes, set := backupSet()
	set.Hashes = slices.Clone(set.Hashes)
	e.update(sess, func(a *core.Account) {
		a.TwoFactor, a.LastStep, a.BackupCodes = true, core.Step(e.clock.Now()), set
	})
	return secret, codes
}

// update changes the stored account directly, to set up a state the flow under test starts from.
func (e *env) update(sess *app.Session, fn func(*core.Account)) {
	e.t.Helper()
	if err := e.db.UpdateAccount(sess.ID, func(a *core.Account) error { fn(a); return nil }); err != nil {
		e.t.Fatal(err)
	}
}

// spendBackupCodes marks the first n backup codes used.
func (e *env) spendBackupCodes(sess *app.Session, n int) {
	e.update(sess, func(a *core.Account) {
		for i := range n {
			a.BackupCodes.Hashes[i] = nil
		}
	})
}

// trust records a trusted device named name; with this, it is the machine the window runs on.
func (e *env) trust(sess *app.Session, name string, this bool) {
	e.t.Helper()
	token, dev := core.NewDeviceToken(name, e.clock.Now())
	if this {
		if err := e.kr.Set(sess.ID, core.SlotDevice, token); err != nil {
			e.t.Fatal(err)
		}
	}
	e.update(sess, func(a *core.Account) { a.Devices = append(a.Devices, dev) })
}

func (e *env) status(sess *app.Session) app.Status {
	e.t.Helper()
	st, err := e.svc.Status(sess)
	if err != nil {
		e.t.Fatal(err)
	}
	return st
}

func (e *env) devices(sess *app.Session) []app.DeviceInfo {
	e.t.Helper()
	d, err := e.svc.Devices(sess)
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}
