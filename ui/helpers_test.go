package ui

import (
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/boltstore"
	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/core/keyring/keyringtest"
	"github.com/twostep-app/twostep/internal/fynetest"
	"github.com/twostep-app/twostep/internal/testenv"
)

const (
	alice      = "alice"
	testDevice = testenv.DeviceNm
)

// scheduler stands in for UI.after: a callback runs only when the test moves the clock
// past its time, so countdowns and the clipboard clearing are deterministic.
type scheduler struct {
	clock   *testenv.Clock
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
			s.clock.Set(next.at)
		}
		next.f()
	}
	s.clock.Set(end)
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
	drv   *fynetest.Driver
	clock *testenv.Clock
	sched *scheduler
	db    *boltstore.Store
	kr    *keyring.Keyring
	svc   *app.Service
	u     *UI
	w     fyne.Window
}

// newEnv opens the window with an Opener that succeeds and waits for the sign-in screen.
func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvWith(t, nil)
}

// newEnvWith is newEnv, with prepare run first on the data file's path (not yet there),
// the keyring and the clock, to start from data another version of Twostep wrote.
func newEnvWith(t *testing.T, prepare func(path string, kr *keyring.Keyring, c *testenv.Clock), opts ...Option) *env {
	t.Helper()
	kr := keyringtest.Require(t)
	path := filepath.Join(testenv.TempDir(t), "twostep.db")
	c := newClock()
	if prepare != nil {
		prepare(path, kr, c)
	}
	db, err := boltstore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := app.New(db, kr, app.WithClock(c.Now), app.WithDeviceName(testDevice))
	e := start(t, c, func() (*app.Service, error) { return svc, nil }, opts...)
	e.db, e.kr, e.svc = db, kr, svc
	e.wantSignIn()
	return e
}

// newClock starts 10 s into a TOTP time step.
func newClock() *testenv.Clock { return testenv.NewClock(time.Unix(1_800_000_010, 0)) }

// start makes the test app and the window with open, waits for opening to finish and
// swaps the window's time and timers for the test's.
func start(t *testing.T, c *testenv.Clock, open Opener, opts ...Option) *env {
	t.Helper()
	a := fynetest.NewApp(t, func(w fyne.Window) fyne.Window { return &testWindow{Window: w} })
	// The test theme has no bold monospace font (the setup key and backup codes use it).
	a.Settings().SetTheme(theme.DefaultTheme())
	e := &env{t: t, app: a, drv: a.Queue, clock: c, sched: &scheduler{clock: c}}
	e.u = New(a, open, opts...)
	e.w = e.u.Window()
	e.w.Show()
	t.Cleanup(e.settle) // before the data file closes
	e.settle()
	e.u.now, e.u.after = c.Now, e.sched.after
	return e
}

// The test driver runs fyne.Do inline on the calling goroutine: internal/fynetest queues it
// instead, and the test goroutine (the UI goroutine here) runs the queue in settle.

// testWindow is a test window whose close button a test can press, and which knows
// whether it was closed.
type testWindow struct {
	fyne.Window
	intercept func()
	closed    bool
}

func (w *testWindow) SetCloseIntercept(f func()) {
	w.intercept = f
	w.Window.SetCloseIntercept(f)
}

func (w *testWindow) Close() {
	w.closed = true
	w.Window.Close()
}

// pressClose is the close button in the window's title bar: as in Fyne's real driver, it
// runs the close intercept if there is one, else it closes.
func (w *testWindow) pressClose() {
	if w.intercept != nil {
		w.intercept()
		return
	}
	w.Close()
}

// settle waits for the window's background work and runs what it hands back to the UI
// goroutine, until nothing is left: the window is then at rest.
func (e *env) settle() {
	for {
		e.u.Wait()
		if !e.drv.RunQueued() {
			return
		}
	}
}

// closed reports whether the window was closed, which ends Twostep.
func (e *env) closed() bool { return e.w.(*testWindow).closed }

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
	c, err := core.CodeAt(secret, core.TimeStep(e.clock.Now()), core.CodeDigits)
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
	now := core.TimeStep(e.clock.Now())
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

// twoFactor turns 2FA on through the engine, as a finished enrolment whose backup codes
// were closed with Done leaves it (this computer's key in the keyring, the codes seen), and
// returns the phone's secret and the codes. Turning it on through the window is
// TestEnableTwoFactor's job.
func (e *env) twoFactor(sess *app.Session) (string, []string) {
	e.t.Helper()
	secret, codes := e.twoFactorUnseen(sess)
	if err := e.svc.BackupCodesShown(sess); err != nil {
		e.t.Fatal(err)
	}
	return secret, codes
}

// twoFactorUnseen turns 2FA on but leaves the backup codes unseen, as when Twostep closed
// before the person pressed Done.
func (e *env) twoFactorUnseen(sess *app.Session) (string, []string) {
	e.t.Helper()
	enr, err := e.svc.BeginEnrolment(sess)
	if err != nil {
		e.t.Fatal(err)
	}
	codes, err := e.svc.ConfirmEnrolment(sess, e.code(enr.Secret))
	if err != nil {
		e.t.Fatal(err)
	}
	return enr.Secret, codes
}

// spendBackupCodes uses each code in a sign-in of its own through the engine, not trusting
// this computer, and signs out again.
func (e *env) spendBackupCodes(user, pw string, codes ...string) {
	e.t.Helper()
	for _, code := range codes {
		sess, _ := e.signInWithBackupCode(e.svc, user, pw, code, false)
		if err := e.svc.SignOut(sess); err != nil {
			e.t.Fatal(err)
		}
	}
}

// signInWithBackupCode signs in through svc with the password and a backup code.
func (e *env) signInWithBackupCode(svc *app.Service, user, pw, code string, trust bool) (*app.Session, int) {
	e.t.Helper()
	res, err := svc.SignIn(user, pw)
	if err != nil {
		e.t.Fatalf("sign in %s: %v", user, err)
	}
	if res.Challenge == "" {
		e.t.Fatalf("sign in %s: no code asked", user)
	}
	sess, left, err := svc.SubmitBackupCode(res.Challenge, code, trust)
	if err != nil {
		e.t.Fatalf("sign in %s with a backup code: %v", user, err)
	}
	return sess, left
}

// trustThis makes this computer a trusted device of the account, as a sign-in through the
// engine with a fresh verification code and "Trust this device" does.
func (e *env) trustThis(user, pw, secret string) {
	e.t.Helper()
	res, err := e.svc.SignIn(user, pw)
	if err != nil || res.Challenge == "" {
		e.t.Fatalf("sign in %s: %+v, %v; want a code asked", user, res, err)
	}
	sess, err := e.svc.SubmitCode(res.Challenge, e.nextCode(secret), true)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.svc.SignOut(sess); err != nil {
		e.t.Fatal(err)
	}
}

// trustOther makes another computer, named name, a trusted device of the account: a second
// engine over the same data file with a keyring of its own, set up with a backup code.
func (e *env) trustOther(user, pw, name, backupCode string) {
	e.t.Helper()
	other := app.New(e.db, keyringtest.Require(e.t), app.WithClock(e.clock.Now), app.WithDeviceName(name))
	sess, _ := e.signInWithBackupCode(other, user, pw, backupCode, true)
	if err := other.SignOut(sess); err != nil {
		e.t.Fatal(err)
	}
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

// trusted are the computers of the account that sign in without a code.
func (e *env) trusted(sess *app.Session) []app.DeviceInfo {
	e.t.Helper()
	var out []app.DeviceInfo
	for _, d := range e.devices(sess) {
		if d.Trusted {
			out = append(out, d)
		}
	}
	return out
}
