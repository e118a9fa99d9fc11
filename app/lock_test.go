package app_test

import (
	"testing"
	"time"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
)

// Locking ends the session in memory and says why in the activity; unlocking is a sign-in.
func TestLockWipesTheSession(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	held := app.SessionKeyMemory(sess)
	testenv.Must(t, e.svc.Lock(sess, app.LockIdle, 15*time.Minute))
	if !allZero(held) {
		t.Fatal("the locked session's keys are still in memory")
	}
	_, err := e.svc.Status(sess)
	testenv.WantKind(t, err, core.KindNotFound)
	testenv.Must(t, e.svc.Lock(sess, app.LockByUser, 0)) // a second lock does nothing
	again := e.signIn(alice, testenv.AlicePW).Session
	events, err := e.svc.Activity(again, 10)
	testenv.Must(t, err)
	locks := 0
	for _, ev := range events {
		if ev.Kind == core.EventLocked {
			locks++
			if ev.Cause != app.LockIdle || ev.Wait != 15*time.Minute {
				t.Errorf("the lock is recorded as %+v", ev)
			}
		}
	}
	if locks != 1 {
		t.Fatalf("%d locks in the activity, want 1", locks)
	}
}

// When the window locks is the account's choice, kept in its authenticated record.
func TestLockSettings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	if st, _ := e.svc.Status(sess); st.Lock != (app.LockSettings{After: core.DefaultLockAfter, OnScreenLock: true}) {
		t.Fatalf("a new account locks with %+v", st.Lock)
	}
	for _, want := range []app.LockSettings{{After: time.Minute}, {After: 0, OnScreenLock: true}, {After: time.Hour}} {
		testenv.Must(t, e.svc.SetLockSettings(sess, want))
		e.restart()
		again := e.signIn(alice, testenv.AlicePW).Session
		if st, _ := e.svc.Status(again); st.Lock != want {
			t.Errorf("stored %+v, read back %+v", want, st.Lock)
		}
		sess = again
	}
	testenv.WantKind(t, e.svc.SetLockSettings(sess, app.LockSettings{After: 7 * time.Minute}), core.KindInvalid)
}
