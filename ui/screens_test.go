package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Screens: the steps a person takes, in words the tests read.

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
	check := findAll(e.layer(), func(c *widget.Check) bool { return says(c.Text, "Trust this device (don't ask for a code here again)") })
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
	if tabs := findAll(e.page(), func(*container.AppTabs) bool { return true }); len(tabs) != 1 || !says(tabs[0].Selected().Text, tab) {
		e.t.Fatalf("Settings did not open on the %s tab", tab)
	}
}
