package ui

import (
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
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
	clock *clock
	sched *scheduler
	db    *boltstore.Store
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
	e.db, e.svc = db, svc
	e.wantSignIn()
	return e
}

// newClock starts 10 s into a TOTP time step.
func newClock() *clock { return &clock{t: time.Unix(1_800_000_010, 0)} }

// start makes the test app and the window with open, waits for opening to finish and
// swaps the window's time and timers for the test's.
func start(t *testing.T, c *clock, open Opener) *env {
	t.Helper()
	a := test.NewTempApp(t)
	e := &env{t: t, app: a, clock: c, sched: &scheduler{clock: c}}
	e.u = New(a, open)
	e.w = e.u.Window()
	e.w.Show()
	t.Cleanup(e.u.Wait) // before the data file closes
	e.u.Wait()
	e.u.now, e.u.after = c.Now, e.sched.after
	return e
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
	e.u.Wait()
	e.wantText("Welcome, " + sess.Username)
}

// twoFactor turns 2FA on through the engine and returns the phone's secret and the backup codes.
func (e *env) twoFactor(sess *app.Session) (string, []string) {
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
	case *widget.Label, *widget.Button, *widget.RichText, *widget.Check, *widget.Entry, *field,
		*widget.ProgressBar, *widget.Activity, *widget.Icon, *widget.Hyperlink:
		return nil
	case fyne.Widget:
		return test.WidgetRenderer(x).Objects()
	}
	return nil
}

// visit calls fn for every shown object under root, parents first.
func visit(root fyne.CanvasObject, fn func(fyne.CanvasObject)) {
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

// texts are the words shown under root: labels, rich text, buttons, checks, card titles and plain text.
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
		case *widget.Check:
			out = append(out, x.Text)
		case *widget.Card:
			out = append(out, x.Title, x.Subtitle)
		case *canvas.Text:
			out = append(out, x.Text)
		}
	})
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

// textWith is the one shown text that starts with prefix.
func (e *env) textWith(prefix string) string {
	e.t.Helper()
	var hits []string
	for _, s := range texts(e.layer()) {
		if strings.HasPrefix(s, prefix) {
			hits = append(hits, s)
		}
	}
	if len(hits) != 1 {
		e.t.Fatalf("want one text starting %q, found %q among %q", prefix, hits, texts(e.layer()))
	}
	return hits[0]
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

func (e *env) button(text string) *widget.Button {
	e.t.Helper()
	bs := findAll(e.layer(), func(b *widget.Button) bool { return b.Text == text })
	if len(bs) != 1 {
		e.t.Fatalf("want one %q button, found %d among %q", text, len(bs), texts(e.layer()))
	}
	return bs[0]
}

// tap presses an enabled button and waits for the work it starts.
func (e *env) tap(text string) {
	e.t.Helper()
	b := e.button(text)
	if b.Disabled() {
		e.t.Fatalf("the %q button is disabled", text)
	}
	test.Tap(b)
	e.u.Wait()
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
	e.u.Wait()
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

// field finds the shown entry with this placeholder.
func (e *env) field(placeholder string) *field {
	e.t.Helper()
	fs := findAll(e.layer(), func(f *field) bool { return f.PlaceHolder == placeholder })
	if len(fs) != 1 {
		e.t.Fatalf("want one field with placeholder %q, found %d", placeholder, len(fs))
	}
	return fs[0]
}

// fill replaces a field's text by typing, as a person would.
func (e *env) fill(placeholder, text string) *field {
	e.t.Helper()
	f := e.field(placeholder)
	f.SetText("")
	test.Type(f, text)
	return f
}

func (e *env) press(f *field, key fyne.KeyName) {
	f.TypedKey(&fyne.KeyEvent{Name: key})
	e.u.Wait()
}

// menu opens the avatar's menu and picks item.
func (e *env) menu(item string) {
	e.t.Helper()
	avs := findAll(e.page(), func(a *avatar) bool { return a.onTap != nil })
	if len(avs) != 1 {
		e.t.Fatalf("want one avatar button, found %d", len(avs))
	}
	test.Tap(avs[0])
	if _, ok := e.w.Canvas().Overlays().Top().(*widget.PopUpMenu); !ok {
		e.t.Fatalf("tapping the avatar opened %T, want a menu", e.w.Canvas().Overlays().Top())
	}
	e.tapItem(item)
}

// card is the shown card with this title on the page.
func (e *env) card(title string) *widget.Card {
	e.t.Helper()
	cs := findAll(e.page(), func(c *widget.Card) bool { return c.Title == title })
	if len(cs) != 1 {
		e.t.Fatalf("want one %q card, found %d", title, len(cs))
	}
	return cs[0]
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

// verify types a code on the code screen and presses Verify.
func (e *env) verify(code string, trust bool) {
	e.t.Helper()
	e.wantText("Two-step verification")
	check := findAll(e.layer(), func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "Trust this device") })
	if len(check) != 1 {
		e.t.Fatal("no Trust this device box on the code screen")
	}
	if check[0].Checked != trust {
		test.Tap(check[0])
	}
	e.fill("123 456", code)
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
	path := filepath.Join(t.TempDir(), "me.png")
	writePNG(t, path, img)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
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
