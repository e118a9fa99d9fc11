package ui

import (
	"regexp"
	"testing"
	"time"

	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/words"
)

// After CodeGuessCap wrong codes in a row the code screen says only a backup code will do
// and offers nothing else; a backup code signs in; the next sign-in asks for a verification
// code again.
func TestCodeScreenAfterTheCap(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	secret, codes := e.twoFactor(sess)
	// The first wrong codes through the engine, waiting out each lockout as a guesser would.
	for range core.CodeGuessCap - 1 {
		e.clock.Set(e.clock.Now().Add(time.Hour))
		res, err := e.svc.SignIn(alice, testenv.AlicePW)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.SubmitCode(res.Challenge, e.wrongCode(secret), false); err == nil {
			t.Fatal("a wrong code was accepted")
		}
	}
	e.clock.Set(e.clock.Now().Add(time.Hour))
	e.signIn(alice, testenv.AlicePW)
	e.wantText("Enter the 6-digit code from your authenticator app.")
	e.verify(e.wrongCode(secret), false) // the last one the cap allows
	capped := words.Message(core.Fail(core.KindCodesCapped, ""))
	e.wantText(words.Message(&core.Error{Kind: core.KindCodesCapped, Err: core.Fail(core.KindWrongCode, "")}))
	for _, other := range []string{"Use a verification code instead", "Use a backup code instead"} {
		if len(buttonsIn(e.page(), other)) != 0 {
			t.Fatalf("after the cap the screen still offers %q", other)
		}
	}
	e.tap("Cancel")
	e.clock.Set(e.clock.Now().Add(time.Hour)) // past the wait the tenth wrong code started
	e.signIn(alice, testenv.AlicePW)
	e.wantText(capped) // a new sign-in starts in backup codes, saying why
	if e.codeEntry().PlaceHolder != "XXXXX-XXXXX" {
		t.Fatalf("the field asks for %q after the cap", e.codeEntry().PlaceHolder)
	}
	e.verify(codes[0], false)
	e.wantText("Welcome, alice")
	e.menu("Sign out")
	e.signIn(alice, testenv.AlicePW)
	e.wantText("Enter the 6-digit code from your authenticator app.")
}

// After a sign-in, the dashboard says how many sign-ins failed since the last visit, and
// See activity lists them; the next visit says nothing.
func TestDashboardTellsOfFailedAttempts(t *testing.T) {
	e := newEnv(t)
	e.account(alice, testenv.AlicePW)
	for _, pw := range []string{"a stranger's guess", "another guess"} {
		if _, err := e.svc.SignIn(alice, pw); !core.IsKind(err, core.KindWrongCredentials) {
			t.Fatalf("a wrong password: %v", err)
		}
	}
	e.signIn(alice, testenv.AlicePW)
	e.wantText("Welcome, alice")
	note := "2 failed sign-in attempts since your last visit, the last just now. If that was not you, change your password."
	e.wantText(note)
	e.tap("See activity")
	e.settle()
	e.wantText("Recent activity")
	lines := findAllText(e.layer(), failedLine)
	if len(lines) != 2 {
		t.Fatalf("the activity list shows %d failed sign-ins, want 2: %q", len(lines), texts(e.layer()))
	}
	e.tap("Close")
	if e.overlays() != 0 {
		t.Fatal("the activity list did not close")
	}
	e.menu("Sign out")
	e.signIn(alice, testenv.AlicePW)
	e.wantText("Welcome, alice")
	e.wantNoText(note)
}

var failedLine = regexp.MustCompile(`^Sign-in failed \(wrong password\)`)
