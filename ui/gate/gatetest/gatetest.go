// Package gatetest drives the gate's pages as a person would, for an app's own tests on
// Fyne's test driver (fyne.io/fyne/v2/test): create an account, turn two-step on, sign in
// with a code, lock and unlock. It finds what to press by the words on it, in English: run
// such tests with LC_ALL=en_US.UTF-8. Before it looks at the window it waits for the work
// the gate and Session.Run started (Gate.Wait): the test driver runs what that work hands
// back on the work's own goroutine, so an app's page should start its slow work with Run.
package gatetest

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/gate"
)

// Wait is how long WaitFor waits for words to show: argon2id and the keyring take a second
// or so on a slow machine under the race detector.
var Wait = 20 * time.Second

// Texts are the words the window shows now, its dialogs included, once the gate's work has
// come back.
func Texts(g *gate.Gate) []string {
	Settle(g)
	var out []string
	for _, o := range objects(g.Window()) {
		if t, ok := o.(*canvas.Text); ok && t.Visible() && t.Text != "" {
			out = append(out, t.Text)
		}
	}
	return out
}

// Shows says whether the window shows text (within one line of words).
func Shows(g *gate.Gate, text string) bool {
	return slices.ContainsFunc(Texts(g), func(s string) bool { return strings.Contains(s, text) })
}

// WaitFor waits until the window shows text, failing the test after Wait.
func WaitFor(t testing.TB, g *gate.Gate, text string) {
	t.Helper()
	for end := time.Now().Add(Wait); !Shows(g, text); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("the window does not show %q; it shows %q", text, Texts(g))
		}
	}
}

// Tap presses the button that says label, on the top dialog when one is open (the page
// behind it takes no taps), waiting for it to show and be enabled.
func Tap(t testing.TB, g *gate.Gate, label string) {
	t.Helper()
	WaitFor(t, g, label)
	for end := time.Now().Add(Wait); ; time.Sleep(20 * time.Millisecond) {
		Settle(g)
		for _, o := range topObjects(g.Window()) {
			if b := button(o); b != nil && b.Text == label && b.Visible() && !b.Disabled() {
				test.Tap(o.(fyne.Tappable))
				return
			}
		}
		if time.Now().After(end) {
			t.Fatalf("no enabled button says %q; the window shows %q", label, Texts(g))
		}
	}
}

// Type types text into the i-th text field of the window's top layer (0 is the first).
func Type(t testing.TB, g *gate.Gate, i int, text string) {
	t.Helper()
	Settle(g)
	var fields []*widget.Entry
	for _, o := range topObjects(g.Window()) {
		if e := entry(o); e != nil && e.Visible() {
			fields = append(fields, e)
		}
	}
	if i >= len(fields) {
		t.Fatalf("no text field %d; the window shows %q", i, Texts(g))
	}
	fields[i].SetText("")
	test.Type(fields[i], text)
}

// CreateAccount creates an account from the sign-in page and waits for the app's page,
// which shows home.
func CreateAccount(t testing.TB, g *gate.Gate, username, password, home string) {
	t.Helper()
	Tap(t, g, "Create account")
	WaitFor(t, g, "Confirm password")
	Type(t, g, 0, username)
	Type(t, g, 1, password)
	Type(t, g, 2, password)
	Tap(t, g, "Create account")
	WaitFor(t, g, home)
}

// TurnOnTwoStep turns two-step authentication on from Settings > Security, with the code an
// authenticator app would show, and returns the secret the app would hold. The backup codes
// dialog is closed without saving them, and the window goes back to home.
func TurnOnTwoStep(t testing.TB, g *gate.Gate, home string) (secret string) {
	t.Helper()
	g.ShowSecurity()
	Tap(t, g, "Enable")
	WaitFor(t, g, "Turn on two-step authentication")
	secret = setupKey(t, g)
	Type(t, g, 0, Code(t, secret))
	Tap(t, g, "Enable")
	WaitFor(t, g, "Save your backup codes")
	Tap(t, g, "Done")
	Tap(t, g, "Close without saving")
	Tap(t, g, "Back to "+g.Window().Title())
	WaitFor(t, g, home)
	return secret
}

// SignIn signs in from the sign-in page with a password and, when asked, a code made from
// secret ("" for none), keeping "Trust this device" ticked; it waits for home.
func SignIn(t testing.TB, g *gate.Gate, username, password, secret, home string) {
	t.Helper()
	WaitFor(t, g, "Sign in")
	Type(t, g, 0, username)
	Type(t, g, 1, password)
	Tap(t, g, "Sign in")
	if secret != "" {
		WaitFor(t, g, "Two-step verification")
		Type(t, g, 0, Code(t, secret))
		Tap(t, g, "Verify")
	}
	WaitFor(t, g, home)
}

// Unlock types the password on the lock page and waits for home.
func Unlock(t testing.TB, g *gate.Gate, password, home string) {
	t.Helper()
	WaitFor(t, g, "Locked")
	Type(t, g, 0, password)
	Tap(t, g, "Unlock")
	WaitFor(t, g, home)
}

// Code is the verification code an authenticator app holding secret shows now, in a time
// step no code was used in yet (a code is accepted once, so a second one may wait up to 30 s).
func Code(t testing.TB, secret string) string {
	t.Helper()
	step := core.TimeStep(time.Now())
	if used, ok := lastStep[secret]; ok && used >= step {
		time.Sleep(time.Until(time.Unix((used+1)*int64(core.Period/time.Second), 0)))
		step = used + 1
	}
	lastStep[secret] = step
	c, err := core.CodeAt(secret, step, core.CodeDigits)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var lastStep = map[string]int64{}

// setupKey is the key the Enable dialog shows for apps that cannot scan, without spaces.
func setupKey(t testing.TB, g *gate.Gate) string {
	t.Helper()
	Settle(g)
	for _, o := range topObjects(g.Window()) {
		if l, ok := o.(*widget.Label); ok && l.TextStyle.Monospace {
			return strings.ReplaceAll(l.Text, " ", "")
		}
	}
	t.Fatalf("no setup key shows; the window shows %q", Texts(g))
	return ""
}

// objects are every object in the window, its overlays (dialogs, menus) after its content.
func objects(w fyne.Window) []fyne.CanvasObject {
	out := test.LaidOutObjects(w.Canvas().Content())
	for _, o := range w.Canvas().Overlays().List() {
		out = append(out, test.LaidOutObjects(o)...)
	}
	return out
}

// topObjects are the objects of the top dialog, or of the page when none is open.
func topObjects(w fyne.Window) []fyne.CanvasObject {
	if top := w.Canvas().Overlays().Top(); top != nil {
		return test.LaidOutObjects(top)
	}
	return test.LaidOutObjects(w.Canvas().Content())
}

// button is o's widget.Button, o itself or the one a widget of the gate's embeds.
func button(o fyne.CanvasObject) *widget.Button {
	return embedded[widget.Button](o)
}

// entry is o's widget.Entry, likewise.
func entry(o fyne.CanvasObject) *widget.Entry {
	return embedded[widget.Entry](o)
}

func embedded[T any](o fyne.CanvasObject) *T {
	if v, ok := any(o).(*T); ok {
		return v
	}
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	var zero T
	name := reflect.TypeOf(zero).Name()
	if f := v.Elem().FieldByName(name); f.IsValid() && f.Type() == reflect.TypeOf(zero) && f.CanAddr() {
		return f.Addr().Interface().(*T)
	}
	return nil
}
