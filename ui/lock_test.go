package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/words"
)

// fakeDesktop stands in for the desktop's signals in the window's tests; the adapters are
// tested against real D-Bus and real Windows messages in core/presence.
type fakeDesktop struct {
	locks   chan app.LockCause
	reports app.DesktopReports
	idle    time.Duration
}

func (d *fakeDesktop) Locks() <-chan app.LockCause { return d.locks }
func (d *fakeDesktop) IdleTime() (time.Duration, bool) {
	return d.idle, d.reports.Idle
}
func (d *fakeDesktop) Reports() app.DesktopReports { return d.reports }

// trustedHere is alice with two-step on and this computer trusted, on the dashboard.
func trustedHere(t *testing.T, opts ...Option) (*env, *app.Session, string) {
	e := newEnvWith(t, nil, opts...)
	sess := e.account(alice, testenv.AlicePW)
	secret, _ := e.twoFactor(sess)
	e.trustThis(alice, testenv.AlicePW, secret)
	e.enter(sess)
	return e, sess, secret
}

// wantLocked checks the lock screen, its reason, and that the old session holds no keys.
func (e *env) wantLocked(why string, old *app.Session) {
	e.t.Helper()
	e.settle()
	e.wantText("Locked")
	e.wantText(why)
	e.wantText("Signing in as alice")
	if e.overlays() != 0 {
		e.t.Fatalf("%d dialogs are still open over the lock screen", e.overlays())
	}
	if _, err := e.svc.Status(old); !core.IsKind(err, core.KindNotFound) {
		e.t.Fatalf("the locked session still opens the account: %v", err)
	}
}

// unlock types the password on the lock screen.
func (e *env) unlock(pw string) {
	e.t.Helper()
	e.fill("Password", pw)
	e.tap("Unlock")
	e.settle()
}

// Ctrl+L locks from a focused field on Settings > Security; the password unlocks this trusted
// computer, and the window is back on the Security tab, not on a blank dashboard.
func TestLockNowAndBackToThePage(t *testing.T) {
	e, sess, _ := trustedHere(t)
	e.settings("Security")
	e.focusOn(e.fill("Current password", "half-typed"))
	e.shortcut(fyne.KeyL)
	e.wantLocked("Locked by you.", sess)
	e.wantNoText("half-typed")

	e.unlock("not-" + testenv.AlicePW)
	e.wantSays(words.Message(core.Fail(core.KindWrongCredentials, "")))
	e.unlock(testenv.AlicePW)
	e.wantText("Change password") // the Security tab again
	if e.u.settingsPage == nil || e.u.settingsPage.selected() != tabSecurity {
		t.Fatal("after unlocking the window is not on the Security tab")
	}
	events, err := e.svc.Activity(e.u.sess, 3)
	testenv.Must(t, err)
	for _, ev := range events {
		if ev.Kind == core.EventLocked {
			if ev.Cause != app.LockByUser {
				t.Errorf("the lock is recorded as %q", ev.Cause)
			}
			return
		}
	}
	t.Fatalf("no lock in the activity: %+v", events)
}

// The menu locks too. Locking closes every dialog, unsaved backup codes included, asking
// nothing, and takes a copied secret off the clipboard.
func TestLockClosesDialogsAndClearsTheClipboard(t *testing.T) {
	e, sess, secret := trustedHere(t)
	e.settings("Security")
	e.tap("Regenerate…")
	e.fill("Password", testenv.AlicePW)
	e.fill("Verification code or backup code", e.nextCode(secret))
	e.tap("Regenerate")
	e.wantText("Save your backup codes")
	e.tap("Copy")
	if e.app.Clipboard().Content() == "" {
		t.Fatal("Copy put nothing on the clipboard")
	}
	e.u.onLockKey() // the menu's Lock now, behind the dialog
	e.wantLocked("Locked by you.", sess)
	if got := e.app.Clipboard().Content(); got != "" {
		t.Fatalf("the clipboard still holds %q", got)
	}
	e.unlock(testenv.AlicePW)
	e.wantText("Change password")
	if st := e.status(e.u.sess); !st.BackupCodesUnseen {
		t.Fatal("codes never closed with Done count as seen")
	}
}

// The idle lock: after the account's time without use (15 minutes unless changed), not
// sooner while someone types; the time is chosen in Settings > Security.
func TestIdleLock(t *testing.T) {
	e, sess, _ := trustedHere(t)
	e.advance(14 * time.Minute)
	e.settings("Security")
	e.moveMouse()
	e.wantText("This desktop does not tell Twostep when the screen locks or the computer sleeps: press Ctrl+L to lock the window when you leave. It does not report idle time, so Twostep counts time without use in its own window.")
	e.advance(14 * time.Minute) // the pointer moving over the window was use
	e.settle()
	e.wantNoText("Locked")
	e.advance(2 * time.Minute)
	e.wantLocked("Locked: 15 minutes without use.", sess)

	e.unlock(testenv.AlicePW)
	sess = e.u.sess
	e.selectOption(lockAfterWords(15*time.Minute), lockAfterWords(time.Minute))
	if st := e.status(sess); st.Lock.After != time.Minute {
		t.Fatalf("the lock is stored as %+v", st.Lock)
	}
	e.advance(50 * time.Second)
	e.typeInto("Current password", "x") // use
	e.advance(50 * time.Second)
	e.settle()
	e.wantNoText("Locked")
	e.advance(15 * time.Second)
	e.wantLocked("Locked: 1 minute without use.", sess)

	e.unlock(testenv.AlicePW)
	e.selectOption(lockAfterWords(time.Minute), lockAfterWords(0))
	e.advance(24 * time.Hour)
	e.settle()
	e.wantNoText("Locked")
}

// On a computer that is not trusted, unlocking asks for a code as a sign-in does; after too
// many wrong codes it asks for a backup code, across the lock, and lands on the page left.
func TestUnlockAsksForACodeWhereNotTrusted(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	secret, codes := e.twoFactor(sess)
	e.enter(sess)
	e.settings("Profile")
	e.shortcut(fyne.KeyL)
	e.wantLocked("Locked by you.", sess)
	e.unlock(testenv.AlicePW)
	e.wantText("Two-step verification")
	e.verify(e.nextCode(secret), false)
	e.wantText("Display name") // Settings > Profile again

	if _, err := e.db.UpdateThrottle(core.AccountThrottleKey(sess.ID), func(th *core.Throttle) { th.Codes.Failures = core.CodeGuessCap }); err != nil {
		t.Fatal(err)
	}
	e.shortcut(fyne.KeyL)
	e.unlock(testenv.AlicePW)
	e.wantText(words.Message(core.Fail(core.KindCodesCapped, "")))
	f := e.codeEntry()
	test.Type(f, codes[0])
	e.settle()
	e.tap("Verify")
	e.settle()
	e.wantText("Display name")
}

// The desktop's signals lock the window, each saying why, unless the account chose not to;
// "Sign in as someone else" forgets the page.
func TestDesktopSignalsLock(t *testing.T) {
	d := &fakeDesktop{locks: make(chan app.LockCause), reports: app.DesktopReports{ScreenLock: true, Sleep: true}}
	e, sess, _ := trustedHere(t, WithDesktop(d))
	e.settings("Security")
	e.wantText("This desktop tells Twostep when the screen locks and when the computer sleeps. It does not report idle time, so Twostep counts time without use in its own window.")
	d.locks <- app.LockScreen
	e.waitFor("Locked")
	e.wantLocked("Locked: the screen was locked.", sess)
	e.unlock(testenv.AlicePW)
	sess = e.u.sess
	d.locks <- app.LockSleep
	e.waitFor("Locked")
	e.wantLocked("Locked: the computer went to sleep.", sess)
	e.unlock(testenv.AlicePW)
	e.tapCheck("Lock when the screen locks or the computer sleeps")
	if st := e.status(e.u.sess); st.Lock.OnScreenLock {
		t.Fatal("the choice was not stored")
	}
	d.locks <- app.LockScreen
	d.locks <- app.LockScreen // taken only once the first is in the window's queue
	e.settle()
	e.wantNoText("Locked")

	e.shortcut(fyne.KeyL)
	e.tap("Sign in as someone else")
	e.wantSignIn()
	e.signIn(alice, testenv.AlicePW)
	e.wantText("Welcome, alice") // the dashboard, not the Security tab left
}

// Where the desktop reports idle time, use anywhere on it counts: the window does not lock
// while the desktop was used lately, and does once it was not.
func TestDesktopIdleTimeCounts(t *testing.T) {
	d := &fakeDesktop{locks: make(chan app.LockCause), reports: app.DesktopReports{Idle: true}}
	e, sess, _ := trustedHere(t, WithDesktop(d))
	d.idle = time.Minute // used elsewhere a minute ago
	e.advance(15 * time.Minute)
	e.settle()
	e.wantNoText("Locked")
	d.idle = 30 * time.Minute
	e.advance(15 * time.Minute)
	e.wantLocked("Locked: 15 minutes without use.", sess)
}

// selectOption picks choice in the drop-down that shows current.
func (e *env) selectOption(current, choice string) {
	e.t.Helper()
	sels := findAll(e.layer(), func(s *widget.Select) bool { return s.Selected == current })
	if len(sels) != 1 {
		e.t.Fatalf("want one drop-down showing %q, found %d", current, len(sels))
	}
	sels[0].SetSelected(choice)
	e.settle()
}

// typeInto types text at the end of the field captioned name.
func (e *env) typeInto(name, text string) {
	e.t.Helper()
	test.Type(e.field(name), text)
	e.settle()
}

// tapCheck taps the check box labelled label.
func (e *env) tapCheck(label string) {
	e.t.Helper()
	cs := findAll(e.layer(), func(c *widget.Check) bool { return says(c.Text, label) })
	if len(cs) != 1 {
		e.t.Fatalf("want one check box %q, found %d", label, len(cs))
	}
	test.Tap(cs[0])
	e.settle()
}

// moveMouse moves the pointer over the window's background, as a person's hand does.
func (e *env) moveMouse() {
	e.t.Helper()
	areas := findAll(e.page(), func(*activityArea) bool { return true })
	if len(areas) != 1 {
		e.t.Fatalf("want one window background, found %d", len(areas))
	}
	areas[0].MouseMoved(&desktop.MouseEvent{})
	e.settle()
}

// waitFor waits for the window to show text, for what arrives from another goroutine than
// the window's work (the desktop's signals).
func (e *env) waitFor(text string) {
	e.t.Helper()
	for range 400 {
		e.settle()
		if e.shows(text) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	e.wantText(text)
}

// Lock from every page and with every kind of dialog open: nothing stays over the lock
// screen, and unlocking goes back to the page (the dialog is gone: its work was not done).
func TestLockFromEveryPageAndDialog(t *testing.T) {
	for _, tc := range []struct {
		name string
		open func(e *env, secret string)
		back string // a text of the page to come back to
	}{
		{"the dashboard", func(e *env, _ string) {}, "Recent activity"},
		{"Settings > Profile", func(e *env, _ string) { e.settings("Profile") }, "Display name"},
		{"Settings > Security", func(e *env, _ string) { e.settings("Security") }, "Lock after this long without use"},
		{"the activity", func(e *env, _ string) {
			e.u.showActivity() // what See activity opens after failed sign-ins
			e.settle()
		}, "Recent activity"},
		{"the avatar's menu", func(e *env, _ string) { e.openMenu() }, "Recent activity"},
		{"the turn-off prompt", func(e *env, _ string) {
			e.settings("Security")
			e.tap("Turn off…")
			e.fill("Password", testenv.AlicePW)
		}, "Lock after this long without use"},
		{"setting the authenticator up again", func(e *env, secret string) {
			e.settings("Security")
			e.tap("Set up again…")
			e.fill("Password", testenv.AlicePW)
			e.fill("Verification code or backup code", e.nextCode(secret))
			e.tap("Continue")
			e.wantText("Set up your authenticator app again")
		}, "Lock after this long without use"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, sess, secret := trustedHere(t)
			tc.open(e, secret)
			e.u.onLockKey()
			e.wantLocked("Locked by you.", sess)
			e.unlock(testenv.AlicePW)
			e.wantText(tc.back)
			if e.overlays() != 0 {
				t.Fatal("a dialog came back after unlocking")
			}
		})
	}
}

// openMenu opens the avatar's menu and leaves it open.
func (e *env) openMenu() {
	e.t.Helper()
	avs := findAll(e.page(), func(a *avatar) bool { return a.onTap != nil })
	if len(avs) != 1 {
		e.t.Fatalf("want one avatar button, found %d", len(avs))
	}
	test.Tap(avs[0])
	e.settle()
	if e.overlays() == 0 {
		e.t.Fatal("the menu did not open")
	}
}
