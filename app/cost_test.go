package app_test

import (
	"sync/atomic"
	"testing"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
)

// readCounting counts keyring reads; crashSecrets with no crash point counts the writes.
type readCounting struct {
	core.Secrets
	reads *atomic.Int64
}

func (s readCounting) Get(id core.AccountID, slot core.Slot) ([]byte, error) {
	s.reads.Add(1)
	return s.Secrets.Get(id, slot)
}

// What a sign-in costs, counted: one argon2id run, one keyring read, no keyring write and one
// bbolt write (the code's time step, the events and the cleared failures in one transaction).
// Not parallel: the argon2id count is the process's.
func TestSignInCost(t *testing.T) {
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, _ := e.enable(sess)
	testenv.Must(t, e.svc.SignOut(sess))
	_, _ = e.svc.SignIn(alice, "a wrong password first") // a failure on record, to be cleared

	tests := []struct {
		name   string
		signIn func(svc *app.Service) *app.Session
	}{
		{"password and code, trusting this device", func(svc *app.Service) *app.Session {
			res, err := svc.SignIn(alice, testenv.AlicePW)
			testenv.Must(t, err)
			sess, err := svc.SubmitCode(res.Challenge, e.nextCode(secret), true)
			testenv.Must(t, err)
			return sess
		}},
		{"trusted device", func(svc *app.Service) *app.Session {
			res, err := svc.SignIn(alice, testenv.AlicePW)
			testenv.Must(t, err)
			return res.Session
		}},
	}
	for _, tt := range tests {
		var reads atomic.Int64
		storeWrites, keyringWrites := &crash{}, &crash{}
		svc := app.New(crashStore{e.db, storeWrites}, crashSecrets{readCounting{e.secrets, &reads}, keyringWrites},
			app.WithClock(e.clock.Now), app.WithDeviceName(testenv.DeviceNm))
		before := core.Argon2Runs()
		sess := tt.signIn(svc)
		if sess == nil {
			t.Fatalf("%s: not signed in", tt.name)
		}
		if n := core.Argon2Runs() - before; n != 1 {
			t.Errorf("%s: %d argon2id runs, want 1", tt.name, n)
		}
		if reads.Load() != 1 || keyringWrites.writes != 0 || storeWrites.writes != 1 {
			t.Errorf("%s: %d keyring reads, %d keyring writes, %d bbolt writes; want 1, 0, 1",
				tt.name, reads.Load(), keyringWrites.writes, storeWrites.writes)
		}
		testenv.Must(t, svc.SignOut(sess))
	}
	if th, _ := e.db.Throttle(core.AccountThrottleKey(sess.ID)); th.Passwords.Failures != 0 {
		t.Fatalf("the sign-in left %d failures on record", th.Passwords.Failures)
	}
}
