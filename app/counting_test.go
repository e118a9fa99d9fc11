package app_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
)

// Honest counting (issue 15): only a wrong password or code costs an attempt.

// A box of the account key damaged in the file is tampering, told as such: the owner's right
// password is not counted as wrong, so no edit of the file can lock them out by counting.
func TestDamagedBoxIsNotAWrongPassword(t *testing.T) {
	t.Parallel()
	for _, twoStep := range []bool{false, true} {
		e := newEnv(t)
		sess := e.signUp(alice, testenv.AlicePW)
		if twoStep {
			e.enable(sess)
		}
		c := copyEnv(t, e, true)
		testenv.Must(t, c.db.Close())
		editRecord(t, c.path, sess.ID, func(r map[string]any) {
			k := sub(r, "keys")
			if twoStep {
				b := k["boxes"].([]any)[0].(map[string]any)
				b["sealed"] = flipBase64(b["sealed"])
			} else {
				k["password_box"] = flipBase64(k["password_box"])
			}
		})
		c.open()
		for range core.FreeFailures + 1 {
			_, err := c.svc.SignIn(alice, testenv.AlicePW)
			testenv.WantKind(t, err, core.KindDataTampered)
		}
		if th, _ := c.db.Throttle(core.AccountThrottleKey(sess.ID)); th.Passwords.Failures != 0 {
			t.Errorf("two-step %v: a damaged box counted %d wrong passwords", twoStep, th.Passwords.Failures)
		}
	}
}

// Two submits of one challenge with the same right code (a double press, two windows): one
// signs in, the other is told the sign-in was just completed, and nothing is counted.
func TestTwinSubmitsOfTheRightCodeCountNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, _ := e.enable(sess)
	for round := range 3 {
		ch := e.challenge(alice, testenv.AlicePW)
		code := e.nextCode(secret)
		var wg sync.WaitGroup
		errs := make(chan error, 2)
		for range 2 {
			wg.Go(func() { _, err := e.svc.SubmitCode(ch, code, false); errs <- err })
		}
		wg.Wait()
		close(errs)
		won := 0
		for err := range errs {
			switch {
			case err == nil:
				won++
			case core.IsKind(err, core.KindCodeReused):
			default:
				t.Errorf("round %d: the twin got %v", round, err)
			}
		}
		if won != 1 {
			t.Errorf("round %d: %d of 2 twin submits signed in, want 1", round, won)
		}
		if th, _ := e.db.Throttle(core.AccountThrottleKey(sess.ID)); th.Codes.Failures != 0 {
			t.Fatalf("round %d: the twin counted %d wrong codes", round, th.Codes.Failures)
		}
	}
}

// A pending sign-in that nobody finishes is dropped after app.ChallengeTTL, and its keys are
// wiped in memory; so are a session's at sign-out, and every pending one's at Close.
func TestKeysAreWipedWhenNoLongerNeeded(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	e.enable(sess)
	ch := e.challenge(alice, testenv.AlicePW)
	held, ok := app.ChallengeKeyMemory(e.svc, ch)
	if !ok || len(held) != 3 || allZero(held) {
		t.Fatalf("the pending sign-in holds %d keys", len(held))
	}
	e.clock.Advance(app.ChallengeTTL - core.Period)
	e.svc.ExpireChallenges()
	if _, ok := app.ChallengeKeyMemory(e.svc, ch); !ok || allZero(held) {
		t.Fatal("a pending sign-in was dropped before its time")
	}
	e.clock.Advance(2 * core.Period)
	e.svc.ExpireChallenges()
	if _, ok := app.ChallengeKeyMemory(e.svc, ch); ok || !allZero(held) {
		t.Fatal("an abandoned sign-in keeps its keys past its time")
	}

	inSession := app.SessionKeyMemory(sess)
	if allZero(inSession) {
		t.Fatal("the session holds no keys")
	}
	testenv.Must(t, e.svc.SignOut(sess))
	if !allZero(inSession) || app.SessionAccountKey(sess) != nil {
		t.Fatal("sign-out left the session's keys in memory")
	}

	pending, _ := app.ChallengeKeyMemory(e.svc, e.challenge(alice, testenv.AlicePW))
	open := app.SessionKeyMemory(e.signUp("bob.w", testenv.OtherPW))
	e.svc.Close()
	if !allZero(pending) || !allZero(open) {
		t.Fatal("Close left the keys of a pending sign-in or a session in memory")
	}
}

func allZero(keys [][]byte) bool {
	for _, k := range keys {
		if len(k) > 0 && !bytes.Equal(k, make([]byte, len(k))) {
			return false
		}
	}
	return true
}
