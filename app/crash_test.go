package app_test

import (
	"errors"
	"testing"

	"twostep/app"
	"twostep/core"
)

// A keyring write and a bbolt transaction cannot be one transaction. These tests stop a use
// case at each of its writes in turn, as a crash would (that write and every later one
// fail), then start a fresh Service on what is left and check the account still signs in.

var errCrash = errors.New("simulated crash")

type crash struct{ writes, at int }

func (c *crash) write() error {
	c.writes++
	if c.at > 0 && c.writes >= c.at {
		return errCrash
	}
	return nil
}

func (c *crash) happened() bool { return c.at > 0 && c.writes >= c.at }

type crashStore struct {
	core.Store
	c *crash
}

func (s crashStore) CreateAccount(a core.Account, ev ...core.Event) error {
	if err := s.c.write(); err != nil {
		return err
	}
	return s.Store.CreateAccount(a, ev...)
}

func (s crashStore) UpdateAccount(id core.AccountID, fn func(*core.Account) error, ev ...core.Event) error {
	if err := s.c.write(); err != nil {
		return err
	}
	return s.Store.UpdateAccount(id, fn, ev...)
}

func (s crashStore) UpdateThrottle(key string, fn func(*core.Throttle)) (core.Throttle, error) {
	if err := s.c.write(); err != nil {
		return core.Throttle{}, err
	}
	return s.Store.UpdateThrottle(key, fn)
}

func (s crashStore) AppendEvents(id core.AccountID, ev ...core.Event) error {
	if err := s.c.write(); err != nil {
		return err
	}
	return s.Store.AppendEvents(id, ev...)
}

type crashSecrets struct {
	core.Secrets
	c *crash
}

func (s crashSecrets) Set(id core.AccountID, slot core.Slot, v []byte) error {
	if err := s.c.write(); err != nil {
		return err
	}
	return s.Secrets.Set(id, slot, v)
}

func (s crashSecrets) Delete(id core.AccountID, slot core.Slot) error {
	if err := s.c.write(); err != nil {
		return err
	}
	return s.Secrets.Delete(id, slot)
}

// crashCase: setup runs normally; act runs on a Service that crashes at a chosen write.
type crashCase struct {
	name  string
	setup func(e *env) (secret string, sess *app.Session)
	act   func(e *env, svc *app.Service, secret string, sess *app.Session) error
}

func enabled(e *env) (string, *app.Session) {
	sess := e.signUp(alice, alicePW)
	secret, _ := e.enable(sess)
	return secret, sess
}

var crashCases = []crashCase{
	{"create account", func(e *env) (string, *app.Session) { return "", nil },
		func(e *env, svc *app.Service, _ string, _ *app.Session) error {
			_, err := svc.CreateAccount(alice, alicePW)
			return err
		}},
	{"confirm enrolment", func(e *env) (string, *app.Session) {
		sess := e.signUp(alice, alicePW)
		enr, err := e.svc.BeginEnrolment(sess)
		must(e.t, err)
		return enr.Secret, sess
	}, func(e *env, svc *app.Service, secret string, sess *app.Session) error {
		_, err := svc.ConfirmEnrolment(sess, e.code(secret))
		return err
	}},
	{"sign in trusting this device", enabled, func(e *env, svc *app.Service, secret string, _ *app.Session) error {
		res, err := svc.SignIn(alice, alicePW)
		if err != nil {
			return err
		}
		_, err = svc.SubmitCode(res.Challenge, e.nextCode(secret), true)
		return err
	}},
	{"turn two-step off", enabled, func(e *env, svc *app.Service, secret string, sess *app.Session) error {
		return svc.DisableTwoFactor(sess, alicePW, e.nextCode(secret))
	}},
	{"change password", enabled, func(e *env, svc *app.Service, secret string, sess *app.Session) error {
		return svc.ChangePassword(sess, alicePW, otherPW, e.nextCode(secret))
	}},
	{"sign out completely", func(e *env) (string, *app.Session) {
		secret, _ := enabled(e)
		return secret, e.signInWithCode(alice, alicePW, secret, true)
	}, func(e *env, svc *app.Service, _ string, sess *app.Session) error {
		return svc.SignOutCompletely(sess)
	}},
	{"regenerate backup codes", enabled, func(e *env, svc *app.Service, _ string, sess *app.Session) error {
		_, err := svc.RegenerateBackupCodes(sess, alicePW)
		return err
	}},
}

func TestCrashBetweenWritesLeavesAccountsUsable(t *testing.T) {
	t.Parallel()
	for _, tc := range crashCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for at := 1; ; at++ {
				e := newEnv(t)
				secret, sess := tc.setup(e)
				c := &crash{at: at}
				svc := app.New(crashStore{e.db, c}, crashSecrets{e.secrets, c}, app.WithClock(e.clock.Now), app.WithDeviceName(deviceNm))
				err := tc.act(e, svc, secret, sess)
				if !c.happened() {
					must(t, err) // ran to the end: every crash point has been tried
					if at == 1 {
						t.Fatal("the use case wrote nothing")
					}
					return
				}
				// nil is right when the crashed write was a best-effort clean-up.
				if err != nil && !errors.Is(err, errCrash) {
					t.Fatalf("crash at write %d: error %v does not carry the crash", at, err)
				}
				e.restart()
				stillSignsIn(t, e, secret, at)
			}
		})
	}
}

// stillSignsIn: with the old or the new password, and a code when bbolt says 2FA is on,
// the account signs in and its profile opens, also after the keyring loses the data key.
func stillSignsIn(t *testing.T, e *env, secret string, at int) {
	t.Helper()
	for round := range 2 {
		sess := signInSomehow(t, e, secret, at)
		if sess == nil {
			return // the crash came before the account existed; creating it again must work
		}
		if _, err := e.svc.Profile(sess); err != nil {
			t.Fatalf("crash at write %d, round %d: profile does not open: %v", at, round, err)
		}
		if round == 0 {
			must(t, e.secrets.Delete(sess.ID, core.SlotDataKey))
		}
	}
}

func signInSomehow(t *testing.T, e *env, secret string, at int) *app.Session {
	t.Helper()
	var lastErr error
	for _, pw := range []string{alicePW, otherPW} {
		e.clock.Advance(core.Period)
		res, err := e.svc.SignIn(alice, pw)
		if core.IsKind(err, core.KindWrongCredentials) {
			lastErr = err
			continue
		}
		if err != nil {
			t.Fatalf("crash at write %d: sign-in fails: %v", at, err)
		}
		if res.Session != nil {
			return res.Session
		}
		sess, err := e.svc.SubmitCode(res.Challenge, e.code(secret), false)
		if err != nil {
			t.Fatalf("crash at write %d: the code is refused: %v (%s)", at, err, app.Message(err))
		}
		return sess
	}
	if _, err := e.svc.CreateAccount(alice, alicePW); err != nil {
		t.Fatalf("crash at write %d: neither password signs in (%v) and the account cannot be made again: %v", at, lastErr, err)
	}
	return nil
}
