package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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

// --- walking the window -------------------------------------------------------------

// children are the objects drawn inside o. Widgets whose text the tests read from their
// fields are leaves; other widgets are opened through their renderers.
func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch x := o.(type) {
	case *fyne.Container:
		return x.Objects
	case *widget.Label, *widget.Button, *actionButton, *widget.RichText, *widget.Check, *widget.Entry, *field,
		*widget.ProgressBar, *strengthBar, *widget.Activity, *widget.Icon, *widget.Hyperlink:
		return nil
	case fyne.Widget:
		return test.WidgetRenderer(x).Objects()
	}
	return nil
}

// visit calls fn for every shown object under root, parents first.
func visit(root fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if p, ok := root.(problem); ok {
		root = p.Label // forms put the wrapper itself in their containers
	}
	if root == nil || !root.Visible() {
		return
	}
	fn(root)
	for _, c := range children(root) {
		visit(c, fn)
	}
}

// findAll lists the shown objects of type T under root that match.
func findAll[T fyne.CanvasObject](root fyne.CanvasObject, match func(T) bool) []T {
	var out []T
	visit(root, func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok && (match == nil || match(x)) {
			out = append(out, x)
		}
	})
	return out
}

// texts are the words shown under root: labels, rich text, buttons, checks and plain text.
func texts(root fyne.CanvasObject) []string {
	var out []string
	visit(root, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.RichText:
			out = append(out, x.String())
		case *widget.Button:
			out = append(out, x.Text)
		case *actionButton:
			out = append(out, x.Text)
		case *widget.Check:
			out = append(out, x.Text)
		case *canvas.Text:
			out = append(out, x.Text)
		}
	})
	return out
}

// findAllText lists the shown texts under root that match re.
func findAllText(root fyne.CanvasObject, re *regexp.Regexp) []string {
	var out []string
	for _, s := range texts(root) {
		if re.MatchString(s) {
			out = append(out, s)
		}
	}
	return out
}

// layer is what the person can act on: the top dialog or menu if one is open, else the page.
func (e *env) layer() fyne.CanvasObject {
	if top := e.w.Canvas().Overlays().Top(); top != nil {
		return top
	}
	return e.w.Canvas().Content()
}

func (e *env) page() fyne.CanvasObject { return e.w.Canvas().Content() }

func (e *env) overlays() int { return len(e.w.Canvas().Overlays().List()) }

func (e *env) shows(text string) bool { return slices.Contains(texts(e.layer()), text) }

func (e *env) wantText(text string) {
	e.t.Helper()
	if !e.shows(text) {
		e.t.Fatalf("the window does not show %q; it shows %q", text, texts(e.layer()))
	}
}

func (e *env) wantNoText(text string) {
	e.t.Helper()
	if e.shows(text) {
		e.t.Fatalf("the window shows %q; want it gone", text)
	}
}

// problems are the shown inline sentences that report an error or a success.
func (e *env) problems() []string {
	var out []string
	for _, l := range findAll(e.layer(), func(l *widget.Label) bool {
		return l.Text != "" && (l.Importance == widget.DangerImportance || l.Importance == widget.SuccessImportance)
	}) {
		out = append(out, l.Text)
	}
	return out
}

// wantSays checks that the form's inline line says exactly msg.
func (e *env) wantSays(msg string) {
	e.t.Helper()
	if got := e.problems(); !slices.Contains(got, msg) {
		e.t.Fatalf("the form says %q, want %q", got, msg)
	}
}

// button is a plain button or a dialog's button (which also hears Escape).
type button interface {
	fyne.CanvasObject
	fyne.Tappable
	fyne.Disableable
}

func buttonText(o fyne.CanvasObject) (string, bool) {
	switch b := o.(type) {
	case *widget.Button:
		return b.Text, true
	case *actionButton:
		return b.Text, true
	}
	return "", false
}

// buttonsIn lists the shown buttons under root that read text.
func buttonsIn(root fyne.CanvasObject, text string) []button {
	var out []button
	visit(root, func(o fyne.CanvasObject) {
		if t, ok := buttonText(o); ok && t == text {
			out = append(out, o.(button))
		}
	})
	return out
}

func (e *env) button(text string) button {
	e.t.Helper()
	bs := buttonsIn(e.layer(), text)
	if len(bs) != 1 {
		e.t.Fatalf("want one %q button, found %d among %q", text, len(bs), texts(e.layer()))
	}
	return bs[0]
}

// tap presses an enabled button and waits for the work it starts.
func (e *env) tap(text string) {
	e.t.Helper()
	e.tapButton(e.button(text), text)
}

func (e *env) tapButton(b button, text string) {
	e.t.Helper()
	if b.Disabled() {
		e.t.Fatalf("the %q button is disabled", text)
	}
	test.Tap(b)
	e.settle()
}

func (e *env) wantEnabled(text string, enabled bool) {
	e.t.Helper()
	if b := e.button(text); b.Disabled() == enabled {
		e.t.Fatalf("%q button enabled = %v, want %v", text, !b.Disabled(), enabled)
	}
}

// tapItem taps the innermost tappable (a menu item, a tab) that shows text.
func (e *env) tapItem(text string) {
	e.t.Helper()
	tp := tappableShowing(e.layer(), text)
	if tp == nil {
		e.t.Fatalf("nothing to tap shows %q; the window shows %q", text, texts(e.layer()))
	}
	test.Tap(tp)
	e.settle()
}

func tappableShowing(o fyne.CanvasObject, text string) fyne.Tappable {
	if o == nil || !o.Visible() {
		return nil
	}
	for _, c := range children(o) {
		if tp := tappableShowing(c, text); tp != nil {
			return tp
		}
	}
	if tp, ok := o.(fyne.Tappable); ok && slices.Contains(texts(o), text) {
		return tp
	}
	return nil
}

// field finds the shown field captioned name (see labelled) or, for the fields that have
// no caption, with name as its placeholder.
func (e *env) field(name string) *field {
	e.t.Helper()
	var fs []*field
	visit(e.layer(), func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 2 {
			if l, ok := c.Objects[0].(*widget.Label); ok && l.Text == name {
				if f, ok := c.Objects[1].(*field); ok {
					fs = append(fs, f)
				}
			}
		}
	})
	if len(fs) == 0 {
		fs = findAll(e.layer(), func(f *field) bool { return f.PlaceHolder == name })
	}
	if len(fs) != 1 {
		e.t.Fatalf("want one field captioned %q, found %d; the window shows %q", name, len(fs), texts(e.layer()))
	}
	return fs[0]
}

// fill replaces a field's text by typing, as a person would.
func (e *env) fill(name, text string) *field {
	e.t.Helper()
	f := e.field(name)
	f.SetText("")
	test.Type(f, text)
	e.settle()
	return f
}

func (e *env) press(f *field, key fyne.KeyName) {
	f.TypedKey(&fyne.KeyEvent{Name: key})
	e.settle()
}

// menu opens the avatar's menu and picks item.
func (e *env) menu(item string) {
	e.t.Helper()
	avs := findAll(e.page(), func(a *avatar) bool { return a.onTap != nil })
	if len(avs) != 1 {
		e.t.Fatalf("want one avatar button, found %d", len(avs))
	}
	before := e.overlays()
	test.Tap(avs[0])
	if e.overlays() != before+1 {
		e.t.Fatal("tapping the avatar opened no menu")
	}
	e.tapItem(item)
	for _, o := range e.w.Canvas().Overlays().List() {
		if slices.Contains(texts(o), "Sign out completely…") {
			e.t.Fatalf("the menu stayed open after choosing %q", item)
		}
	}
}

// card is the content of the shown card (or Settings section) with this title on the page.
func (e *env) card(title string) fyne.CanvasObject {
	e.t.Helper()
	cs := findAll(e.page(), func(c *fyne.Container) bool {
		if len(c.Objects) < 2 {
			return false
		}
		head, ok := c.Objects[0].(*widget.RichText)
		return ok && head.String() == title
	})
	if len(cs) != 1 {
		e.t.Fatalf("want one %q card, found %d", title, len(cs))
	}
	return cs[0]
}

// cardShows checks that the card titled title shows text.
func (e *env) cardShows(title, text string) {
	e.t.Helper()
	if got := texts(e.card(title)); !slices.Contains(got, text) {
		e.t.Fatalf("the %q card shows %q, want %q", title, got, text)
	}
}

// twoStepIs checks the coloured line that says whether two-step authentication is on.
func (e *env) twoStepIs(title string, on bool) {
	e.t.Helper()
	word, imp := "Off", widget.WarningImportance
	if on {
		word, imp = "On", widget.SuccessImportance
	}
	ls := findAll(e.card(title), func(l *widget.Label) bool { return l.Text == "On" || l.Text == "Off" })
	if len(ls) != 1 || ls[0].Text != word || ls[0].Importance != imp {
		e.t.Fatalf("the %q card does not say two-step authentication is %s: %q", title, word, texts(e.card(title)))
	}
}

// --- screens --------------------------------------------------------------------------

func (e *env) wantSignIn() {
	e.t.Helper()
	if e.overlays() != 0 {
		e.t.Fatalf("%d dialogs are open over the sign-in screen", e.overlays())
	}
	e.wantText("Sign in to Twostep")
}

// signIn types the username and password on the sign-in screen and presses Sign in.
func (e *env) signIn(user, pw string) {
	e.t.Helper()
	e.wantSignIn()
	e.fill("Username", user)
	e.fill("Password", pw)
	e.tap("Sign in")
}

// onlyField is the one field of the code screen or the enable dialog.
func (e *env) onlyField() *field {
	e.t.Helper()
	fs := findAll(e.layer(), func(*field) bool { return true })
	if len(fs) != 1 {
		e.t.Fatalf("want one field, found %d; the window shows %q", len(fs), texts(e.layer()))
	}
	return fs[0]
}

// codeEntry is the field of the code screen.
func (e *env) codeEntry() *field {
	e.t.Helper()
	e.wantText("Two-step verification")
	return e.onlyField()
}

// verify types a code (a verification code or a backup code) on the code screen, sets
// Trust this device, and presses Verify.
func (e *env) verify(code string, trust bool) {
	e.t.Helper()
	f := e.codeEntry()
	check := findAll(e.layer(), func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "Trust this device") })
	if len(check) != 1 {
		e.t.Fatal("no Trust this device box on the code screen")
	}
	if check[0].Checked != trust {
		test.Tap(check[0])
	}
	f.SetText("")
	test.Type(f, code)
	e.tap("Verify")
}

// settings opens Settings from the avatar menu and selects the tab.
func (e *env) settings(tab string) {
	e.t.Helper()
	e.menu("Settings")
	e.tapItem(tab)
	if tabs := findAll(e.page(), func(*container.AppTabs) bool { return true }); len(tabs) != 1 || tabs[0].Selected().Text != tab {
		e.t.Fatalf("Settings did not open on the %s tab", tab)
	}
}

// --- the phone and files ------------------------------------------------------------

// needTool finds an external program the test stands in a phone with. scripts/setup
// installs them; where they must be present (CI, scripts/test) a missing one fails.
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" || os.Getenv("TWOSTEP_STRICT_TESTS") != "" {
		t.Fatalf("%s is required but not installed; run scripts/setup", name)
	}
	t.Skipf("%s is not installed; run scripts/setup", name)
	return ""
}

// scanQR reads the QR code the open enable dialog draws, as a phone camera would, and
// returns the secret of the otpauth URI it holds.
func (e *env) scanQR(user string) string {
	e.t.Helper()
	zbarimg := needTool(e.t, "zbarimg")
	imgs := findAll(e.layer(), func(i *canvas.Image) bool { return i.Image != nil })
	if len(imgs) != 1 {
		e.t.Fatalf("want one drawn image (the QR code) in the dialog, found %d", len(imgs))
	}
	file := filepath.Join(e.t.TempDir(), "qr.png")
	writePNG(e.t, file, imgs[0].Image)
	out, err := exec.Command(zbarimg, "--raw", "-q", file).Output()
	if err != nil {
		e.t.Fatalf("zbarimg could not read the QR code: %v", err)
	}
	uri, err := url.Parse(strings.TrimSpace(string(out)))
	if err != nil {
		e.t.Fatal(err)
	}
	if uri.Scheme != "otpauth" || uri.Host != "totp" || uri.Path != "/Twostep:"+user || uri.Query().Get("issuer") != "Twostep" {
		e.t.Fatalf("the QR code holds %q", uri)
	}
	return uri.Query().Get("secret")
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// picture is a small PNG, as a person's photo would be.
func picture(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{R: 200, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// saveTo makes Save… write to path, as if the person chose it in the save dialog.
func (e *env) saveTo(path string) (suggested *string) {
	var name string
	e.u.pickSave = func(n string, done func(fyne.URIWriteCloser, error)) {
		name = n
		w, err := storage.Writer(storage.NewFileURI(path))
		done(w, err)
	}
	return &name
}

// openFrom makes Choose picture… read the file at path, as if chosen in the open dialog;
// with path "" the person cancels.
func (e *env) openFrom(path string) {
	e.u.pickOpen = func(done func(fyne.URIReadCloser, error)) {
		if path == "" {
			done(nil, nil)
			return
		}
		r, err := storage.Reader(storage.NewFileURI(path))
		done(r, err)
	}
}
