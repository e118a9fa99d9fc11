package app_test

import (
	"testing"
	"time"

	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
)

func TestWrongPasswordsLockOutAndSurviveRestart(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signUp(alice, testenv.AlicePW)
	for i := 1; i < core.FreeFailures; i++ {
		_, err := e.svc.SignIn(alice, "wrong password number")
		testenv.WantKind(t, err, core.KindWrongCredentials)
	}
	_, err := e.svc.SignIn(alice, "wrong password number")
	testenv.WantKind(t, err, core.KindLockedOut)
	e.restart()
	// Locked even with the right password, and the wait is reported.
	_, err = e.svc.SignIn(alice, testenv.AlicePW)
	testenv.WantKind(t, err, core.KindLockedOut)
	if w := err.(*core.Error).Wait; w != 30*time.Second {
		t.Fatalf("wait %v, want 30s", w)
	}
	e.clock.Advance(31 * time.Second)
	_, err = e.svc.SignIn(alice, "wrong password number") // the sixth failure doubles the wait
	testenv.WantKind(t, err, core.KindLockedOut)
	if w := err.(*core.Error).Wait; w != time.Minute {
		t.Fatalf("wait %v, want 1m", w)
	}
	e.clock.Advance(61 * time.Second)
	if res := e.signIn(alice, testenv.AlicePW); res.Session == nil {
		t.Fatal("the right password after the wait should sign in")
	}
	// Success reset the count: four more failures do not lock.
	for range core.FreeFailures - 1 {
		_, err := e.svc.SignIn(alice, "wrong password number")
		testenv.WantKind(t, err, core.KindWrongCredentials)
	}
}

func TestUnknownUsernamesLockLikeKnownOnes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for range core.FreeFailures - 1 {
		_, err := e.svc.SignIn("nobody", "any password 123")
		testenv.WantKind(t, err, core.KindWrongCredentials)
	}
	_, err := e.svc.SignIn("NoBody", "any password 123")
	testenv.WantKind(t, err, core.KindLockedOut)
}

func TestWrongCodesCountButMalformedOnesDoNot(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, _ := e.enable(sess)
	ch := e.challenge(alice, testenv.AlicePW)
	for range 20 {
		_, err := e.svc.SubmitCode(ch, "12 34", false)
		testenv.WantKind(t, err, core.KindMalformedCode)
	}
	code := e.nextCode(secret)
	for range core.FreeFailures - 1 {
		_, err := e.svc.SubmitCode(ch, wrongCode(code), false)
		testenv.WantKind(t, err, core.KindWrongCode)
	}
	_, err := e.svc.SubmitCode(ch, wrongCode(code), false)
	testenv.WantKind(t, err, core.KindLockedOut)
	if core.KindOf(err.(*core.Error).Err) != core.KindWrongCode {
		t.Fatalf("lockout should carry its cause, got %v", err)
	}
	// Locked: even the right code waits. The password step is not: wrong codes are counted
	// apart from wrong passwords (issue 8: the owner's code typos fed the password lock).
	_, err = e.svc.SubmitCode(ch, code, false)
	testenv.WantKind(t, err, core.KindLockedOut)
	if _, err := e.svc.SignIn(alice, testenv.AlicePW); err != nil {
		t.Fatalf("wrong codes locked the password step: %v", err)
	}
	e.clock.Advance(31 * time.Second)
	_, err = e.svc.SubmitCode(ch, e.code(secret), false)
	testenv.Must(t, err)
}

func TestActivityIsRecorded(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, codes := e.enable(sess)
	e.svc.SignIn(alice, "wrong password number")
	sess = e.signInWithCode(alice, testenv.AlicePW, secret, true)
	testenv.Must(t, e.svc.SignOutCompletely(sess))
	sess, _, err := e.svc.SubmitBackupCode(e.challenge(alice, testenv.AlicePW), codes[0], false)
	testenv.Must(t, err)
	testenv.WantKind(t, e.svc.ChangePassword(sess, "not my password at all", testenv.OtherPW, ""), core.KindWrongCredentials)
	testenv.Must(t, e.svc.ChangePassword(sess, testenv.AlicePW, testenv.OtherPW, e.nextCode(secret)))
	events, err := e.svc.Activity(sess, 0)
	testenv.Must(t, err)
	seen := map[core.EventKind]bool{}
	for _, ev := range events {
		seen[ev.Kind] = true
		if ev.Device != testenv.DeviceNm || ev.Time.IsZero() {
			t.Fatalf("event without device or time: %+v", ev)
		}
	}
	for _, k := range []core.EventKind{core.EventAccountCreated, core.EventTwoFactorOn, core.EventBackupGenerated,
		core.EventSignInFailed, core.EventSignIn, core.EventDeviceTrusted, core.EventDeviceRevoked,
		core.EventSignOut, core.EventBackupUsed, core.EventPasswordChanged, core.EventConfirmFailed} {
		if !seen[k] {
			t.Errorf("no %q event in %+v", k, events)
		}
	}
}
