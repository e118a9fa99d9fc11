package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/words"
)

// strengthWords are the meter's words for each score, in English.
var strengthWords = [...]string{"Very weak", "Weak", "Fair", "Strong", "Very strong"}

// meter is the sign-up or password form's strength bar and the sentence under it.
func (e *env) meter() (*strengthBar, *widget.Label) {
	e.t.Helper()
	bars := findAll(e.page(), func(*strengthBar) bool { return true })
	if len(bars) != 1 {
		e.t.Fatalf("want one strength bar, found %d", len(bars))
	}
	boxes := findAll(e.page(), func(c *fyne.Container) bool { return len(c.Objects) == 2 && c.Objects[0] == bars[0] })
	if len(boxes) != 1 {
		e.t.Fatal("no sentence under the strength bar")
	}
	return bars[0], boxes[0].Objects[1].(*widget.Label)
}

// Creating an account: the meter rates the password as it is typed, a mismatch is
// flagged before anything is sent, the engine's sentence explains a refused password or
// a taken name, and a good account lands on the dashboard.
func TestCreateAccount(t *testing.T) {
	e := newEnv(t)
	e.tap("Create account")
	e.wantText("Create your Twostep account")
	bar, why := e.meter()
	if why.Text != "Choose a password." {
		t.Fatalf("the meter starts with %q", why.Text)
	}
	e.wantEnabled("Create account", false)

	const weak = "password1"
	e.fill("Username", alice)
	e.fill("Password", weak)
	if !strings.HasPrefix(why.Text, "Too easy to guess") || why.Importance != widget.WarningImportance || bar.score >= core.MinStrength || bar.word() != strengthWords[bar.score] {
		t.Fatalf("for %q the meter says %q (importance %v, bar %v)", weak, why.Text, why.Importance, bar.score)
	}
	e.wantEnabled("Create account", false) // no confirmation yet

	e.fill("Confirm password", weak+"x")
	e.wantText("The passwords do not match.")
	e.wantEnabled("Create account", false)
	e.fill("Confirm password", weak)
	e.wantNoText("The passwords do not match.")
	e.wantEnabled("Create account", true)

	e.tap("Create account")
	refused := words.Message(core.ValidatePassword(weak, alice))
	if !strings.HasPrefix(refused, "Too easy to guess") {
		t.Fatalf("the engine's sentence for %q is %q", weak, refused)
	}
	e.wantSays(refused)
	e.wantText("Create your Twostep account")

	e.fill("Password", testenv.AlicePW)
	if why.Text != "Good password." && why.Text != "Strong password." || why.Importance != widget.SuccessImportance || bar.score < core.MinStrength {
		t.Fatalf("for a strong password the meter says %q (importance %v, bar %v)", why.Text, why.Importance, bar.score)
	}
	e.wantText("The passwords do not match.") // the confirmation still holds the weak one
	e.fill("Confirm password", testenv.AlicePW)
	e.tap("Create account")
	e.wantText("Welcome, alice")

	e.menu("Sign out")
	e.wantText("You signed out.")
	e.tap("Create account")
	e.fill("Username", alice)
	e.fill("Password", testenv.OtherPW)
	e.fill("Confirm password", testenv.OtherPW)
	e.tap("Create account")
	e.wantSays("That username is taken. Choose another one.")
	e.wantText("Create your Twostep account")
}

// Signing in with the password: a wrong name or password says so and empties the
// password field; Enter in the password field signs in.
func TestSignIn(t *testing.T) {
	e := newEnv(t)
	e.account(alice, testenv.AlicePW)
	wrong := words.Message(core.Fail(core.KindWrongCredentials, ""))
	for _, tc := range []struct {
		name, user, pw string
		enter          bool
		want           string // the sentence shown; "" signs in
	}{
		{"unknown username", "mallory", testenv.AlicePW, false, wrong},
		{"wrong password", alice, "not-" + testenv.AlicePW, false, wrong},
		{"Enter in the password field signs in", alice, testenv.AlicePW, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.in(t)
			e.wantSignIn()
			e.fill("Username", tc.user)
			pw := e.fill("Password", tc.pw)
			if tc.enter {
				e.press(pw, fyne.KeyReturn)
			} else {
				e.tap("Sign in")
			}
			if tc.want == "" {
				e.wantText("Welcome, alice")
				return
			}
			e.wantSays(tc.want)
			if pw.Text != "" {
				t.Error("the password stays in its field after a failed sign-in")
			}
			if e.w.Canvas().Focused() != pw {
				t.Error("the password field does not have focus for the next try")
			}
			e.wantEnabled("Sign in", false)
		})
	}
}

// A lockout disables Sign in and counts down each second, then lets the person try again.
func TestSignInLockoutCountdown(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	// Four failures are already counted: the next one starts a 30-second wait.
	if _, err := e.db.UpdateThrottle(core.AccountThrottleKey(sess.ID), func(th *core.Throttle) { th.Passwords.Failures = core.FreeFailures - 1 }); err != nil {
		t.Fatal(err)
	}
	e.signIn(alice, "not-"+testenv.AlicePW)
	pw := e.field("Password")
	for left := int(core.FirstWait / time.Second); left > 0; left-- {
		wait := fmt.Sprintf("%d seconds", left)
		if left == 1 {
			wait = "1 second"
		}
		e.wantSays("The username or password is wrong. Too many failed attempts. Try again in " + wait + ".")
		if left == 30 {
			test.Type(pw, testenv.AlicePW) // typing does not unlock the button, nor does Enter
			e.press(pw, fyne.KeyReturn)
		}
		e.wantEnabled("Sign in", false)
		if n := e.sched.count(); n != 1 {
			t.Fatalf("%d ticks are scheduled, want 1", n)
		}
		e.advance(time.Second)
	}
	if p := e.problems(); len(p) != 0 {
		t.Fatalf("after the wait the form still says %q", p)
	}
	if n := e.sched.count(); n != 0 {
		t.Fatalf("%d ticks are still scheduled after the wait", n)
	}
	e.wantEnabled("Sign in", true)
	e.tap("Sign in")
	e.wantText("Welcome, alice")
}
