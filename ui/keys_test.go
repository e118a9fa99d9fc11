package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/twostep-app/twostep/internal/testenv"
)

// shortcut presses Ctrl (Cmd on macOS) with key the way Fyne's desktop driver delivers it:
// to the focused widget when that widget takes shortcuts, as a text field does, and only
// otherwise to the window.
func (e *env) shortcut(key fyne.KeyName) {
	e.t.Helper()
	s := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	c := e.w.Canvas()
	if focused, ok := c.Focused().(fyne.Shortcutable); ok {
		focused.TypedShortcut(s)
	} else {
		c.(shortcutCanvas).TypedShortcut(s)
	}
	e.settle()
}

// focusOn puts the keyboard focus in f, as a click in it does, and checks that it took.
func (e *env) focusOn(f *field) {
	e.t.Helper()
	e.w.Canvas().Focus(f)
	if e.w.Canvas().Focused() != fyne.Focusable(f) {
		e.t.Fatalf("the field %q did not take the focus", f.PlaceHolder)
	}
}

// Ctrl+Q quits and Ctrl+, opens Settings also while a text field has focus, on every
// page that has one. Ctrl+, does nothing before sign-in or over a dialog, and on
// Settings it shows the Profile tab without throwing away what was typed.
func TestWindowShortcutsFromAField(t *testing.T) {
	for _, tc := range []struct {
		page string
		// open brings the window to the page and returns the field to type in.
		open func(e *env) *field
		// tab is the Settings tab the field is on; "" where Ctrl+, must do nothing.
		tab string
	}{
		{"sign-in", func(e *env) *field { return e.field("Username") }, ""},
		{"create account", func(e *env) *field {
			e.tap("Create account")
			return e.field("Username")
		}, ""},
		{"the code page", func(e *env) *field {
			e.twoFactor(e.account(alice, testenv.AlicePW))
			e.signIn(alice, testenv.AlicePW)
			return e.codeEntry()
		}, ""},
		{"Settings > Profile", func(e *env) *field {
			e.enter(e.account(alice, testenv.AlicePW))
			e.settings("Profile")
			return e.field("Note")
		}, "Profile"},
		{"Settings > Security's password form", func(e *env) *field {
			e.enter(e.account(alice, testenv.AlicePW))
			e.settings("Security")
			return e.field("Current password")
		}, "Security"},
		{"a prompt", func(e *env) *field {
			sess := e.account(alice, testenv.AlicePW)
			e.twoFactor(sess)
			e.enter(sess)
			e.settings("Security")
			e.tap("Turn off…")
			return e.field("Password")
		}, ""},
	} {
		t.Run(tc.page, func(t *testing.T) {
			e := newEnv(t)
			f := tc.open(e)
			e.focusOn(f)
			test.Type(f, "typed")
			e.settle()
			typed, before, overlays := f.Text, texts(e.layer()), e.overlays()

			e.shortcut(fyne.KeyComma)
			if tc.tab == "" {
				if !slices.Equal(texts(e.layer()), before) || e.overlays() != overlays {
					t.Fatalf("Ctrl+, changed the window; it shows %q", texts(e.layer()))
				}
			} else {
				wantTab(e, "Profile")
				e.tapItem(tc.tab)
			}
			if f.Text != typed || !slices.Contains(findAll(e.layer(), func(*field) bool { return true }), f) {
				t.Fatalf("after Ctrl+, the field that held %q is gone or holds %q", typed, f.Text)
			}

			e.focusOn(f)
			e.shortcut(fyne.KeyQ)
			if !e.closed() {
				t.Fatal("Ctrl+Q with a field focused did not close the window")
			}
		})
	}
}

// wantTab checks that Settings shows the tab named tab.
func wantTab(e *env, tab string) {
	e.t.Helper()
	tabs := findAll(e.page(), func(*container.AppTabs) bool { return true })
	if len(tabs) != 1 || tabs[0].Selected().Text != tab {
		e.t.Fatalf("Ctrl+, did not show Settings > %s; the window shows %q", tab, texts(e.page()))
	}
}

// With no field focused the window itself hears the keys: Ctrl+, on the dashboard opens
// Settings > Profile, but not over a dialog.
func TestSettingsKeyFromTheDashboard(t *testing.T) {
	e := newEnv(t)
	e.enter(e.account(alice, testenv.AlicePW))
	e.u.showBackupCodes([]string{"11111-aaaaa"}, "", nil)
	e.settle()
	e.shortcut(fyne.KeyComma)
	if e.overlays() != 1 || !e.shows("Save your backup codes") {
		t.Fatal("Ctrl+, over a dialog left it")
	}
	e.tap("Copy")
	e.tap("Done")
	e.wantText("Welcome, alice")
	if _, ok := e.w.Canvas().Focused().(*field); ok {
		t.Fatal("a field has focus on the dashboard")
	}
	e.shortcut(fyne.KeyComma)
	wantTab(e, "Profile")
}
