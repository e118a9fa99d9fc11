package app_test

import (
	"errors"
	"testing"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/keyring/keyringtest"
	"github.com/twostep-app/twostep/ui/words"

	"github.com/twostep-app/twostep/internal/testenv"
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

func (s crashStore) UpdateAccount(id core.AccountID, fn core.Change, ev ...core.Event) error {
	if err := s.c.write(); err != nil {
		return err
	}
	return s.Store.UpdateAccount(id, fn, ev...)
}

func (s crashStore) UpdateAccountThrottle(id core.AccountID, key string, fn func(*core.Account, *core.Throttle) error, ev ...core.Event) error {
	if err := s.c.write(); err != nil {
		return err
	}
	return s.Store.UpdateAccountThrottle(id, key, fn, ev...)
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

// crashState is what a person knows going into a crash: the phone's secret, their backup
// codes, their password and who they are.
type crashState struct {
	user, pw string
	secret   string
	codes    []string
	sess     *app.Session
	other    string // the password after a change that may or may not have landed
}

// crashCase: setup runs normally; act runs on a Service that crashes at a chosen write, and
// may update the state with what it learnt (new backup codes) when it ran to the end.
type crashCase struct {
	name  string
	setup func(e *env) *crashState
	act   func(e *env, svc *app.Service, st *crashState) error
}

func enabled(e *env) *crashState {
	sess := e.signUp(alice, testenv.AlicePW)
	testenv.Must(e.t, e.svc.UpdateProfile(sess, core.Profile{Note: "still here"}))
	secret, codes := e.enable(sess)
	return &crashState{user: alice, pw: testenv.AlicePW, secret: secret, codes: codes, sess: sess}
}

var crashCases = []crashCase{
	{"create account", func(e *env) *crashState { return &crashState{user: alice, pw: testenv.AlicePW} },
		func(e *env, svc *app.Service, _ *crashState) error {
			_, err := svc.CreateAccount(alice, testenv.AlicePW)
			return err
		}},
	{"confirm enrolment", func(e *env) *crashState {
		sess := e.signUp(alice, testenv.AlicePW)
		enr, err := e.svc.BeginEnrolment(sess)
		testenv.Must(e.t, err)
		return &crashState{user: alice, pw: testenv.AlicePW, secret: enr.Secret, sess: sess}
	}, func(e *env, svc *app.Service, st *crashState) error {
		codes, err := svc.ConfirmEnrolment(st.sess, e.code(st.secret))
		st.codes = codes
		return err
	}},
	{"sign in trusting this device", enabled, func(e *env, svc *app.Service, st *crashState) error {
		res, err := svc.SignIn(alice, testenv.AlicePW)
		if err != nil {
			return err
		}
		_, err = svc.SubmitCode(res.Challenge, e.nextCode(st.secret), true)
		return err
	}},
	{"set this computer up again with a backup code", func(e *env) *crashState {
		st := enabled(e)
		testenv.Must(e.t, e.secrets.Delete(st.sess.ID, core.SlotComputerKey))
		return st
	}, func(e *env, svc *app.Service, st *crashState) error {
		res, err := svc.SignIn(alice, testenv.AlicePW)
		if err != nil {
			return err
		}
		_, _, err = svc.SubmitBackupCode(res.Challenge, st.codes[len(st.codes)-1], true)
		return err
	}},
	{"turn two-step off", enabled, func(e *env, svc *app.Service, st *crashState) error {
		return svc.DisableTwoFactor(st.sess, testenv.AlicePW, e.nextCode(st.secret))
	}},
	{"change password", enabled, func(e *env, svc *app.Service, st *crashState) error {
		st.other = testenv.OtherPW
		return svc.ChangePassword(st.sess, testenv.AlicePW, testenv.OtherPW, e.nextCode(st.secret))
	}},
	{"sign out completely", func(e *env) *crashState {
		st := enabled(e)
		st.sess = e.signInWithCode(alice, testenv.AlicePW, st.secret, true)
		return st
	}, func(e *env, svc *app.Service, st *crashState) error {
		return svc.SignOutCompletely(st.sess)
	}},
	{"regenerate backup codes", enabled, func(e *env, svc *app.Service, st *crashState) error {
		codes, err := svc.RegenerateBackupCodes(st.sess, testenv.AlicePW, e.nextCode(st.secret))
		if err == nil {
			st.codes = codes
		}
		return err
	}},
	{"sign in with a backup code on a computer with its key", enabled, func(e *env, svc *app.Service, st *crashState) error {
		res, err := svc.SignIn(alice, testenv.AlicePW)
		if err != nil {
			return err
		}
		_, _, err = svc.SubmitBackupCode(res.Challenge, st.codes[0], false)
		return err
	}},
	{"remove another computer", func(e *env) *crashState {
		st := enabled(e)
		other := app.New(e.db, keyringtest.Require(e.t), app.WithClock(e.clock.Now), app.WithDeviceName("other-laptop"))
		res, err := other.SignIn(alice, testenv.AlicePW)
		testenv.Must(e.t, err)
		theirs, _, err := other.SubmitBackupCode(res.Challenge, st.codes[len(st.codes)-1], true)
		testenv.Must(e.t, err)
		st.codes = st.codes[:len(st.codes)-1]
		testenv.Must(e.t, other.SignOut(theirs))
		return st
	}, func(e *env, svc *app.Service, st *crashState) error {
		return svc.RemoveComputer(st.sess, otherDevice(e.t.(*testing.T), e, st.sess))
	}},
	{"set the authenticator up again", enabled, func(e *env, svc *app.Service, st *crashState) error {
		enr, err := svc.BeginNewAuthenticator(st.sess, testenv.AlicePW, e.nextCode(st.secret))
		if err != nil {
			return err
		}
		if err := svc.ConfirmNewAuthenticator(st.sess, e.nextCode(enr.Secret)); err != nil {
			return err
		}
		st.secret = enr.Secret
		return nil
	}},
	{"move from Twostep 0.2, on a trusted computer", from02("erin"), func(e *env, svc *app.Service, st *crashState) error {
		res, err := svc.SignIn(st.user, st.pw)
		if err == nil {
			st.codes = res.Session.NewBackupCodes
		}
		return err
	}},
	{"move from Twostep 0.2, with a code", from02("hana"), signInWithCode},
	{"upgrade from Twostep 0.1", func(e *env) *crashState {
		f := loadSchema1(e)
		carol := f.Accounts["carol"]
		return &crashState{user: "carol", pw: carol.Password, secret: carol.TOTP, codes: carol.BackupCodes}
	}, signInWithCode},
}

// from02 is a person of the schema 2 keys fixture, going into a crash.
func from02(name string) func(e *env) *crashState {
	return func(e *env) *crashState {
		f, _, _ := loadSchema2Keys(e)
		p := f.Accounts[name]
		return &crashState{user: name, pw: p.Password, secret: p.TOTP, codes: p.BackupCodes}
	}
}

// signInWithCode signs in with the password and a code; a sign-in that moved the account on
// gave new backup codes, which the person now holds.
func signInWithCode(e *env, svc *app.Service, st *crashState) error {
	res, err := svc.SignIn(st.user, st.pw)
	if err != nil {
		return err
	}
	sess, err := svc.SubmitCode(res.Challenge, e.nextCode(st.secret), false)
	if err == nil {
		st.codes = sess.NewBackupCodes
	}
	return err
}

func TestCrashBetweenWritesLeavesAccountsUsable(t *testing.T) {
	t.Parallel()
	for _, tc := range crashCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for at := 1; ; at++ {
				e := newEnv(t)
				st := tc.setup(e)
				c := &crash{at: at}
				svc := app.New(crashStore{e.db, c}, crashSecrets{e.secrets, c}, app.WithClock(e.clock.Now), app.WithDeviceName(testenv.DeviceNm))
				err := tc.act(e, svc, st)
				if !c.happened() {
					testenv.Must(t, err) // ran to the end: every crash point has been tried
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
				stillSignsIn(t, e, st, at)
			}
		})
	}
}

// stillSignsIn: with the old or the new password, and a code when the account asks for one,
// the account signs in and its profile opens; then, with this computer's key erased, a
// backup code still gets in (when the person holds codes that the record takes).
func stillSignsIn(t *testing.T, e *env, st *crashState, at int) {
	t.Helper()
	for round := range 2 {
		sess := signInSomehow(t, e, st, at)
		if sess == nil {
			return // the crash came before the account existed; creating it again must work
		}
		if sess.NewBackupCodes != nil {
			st.codes = sess.NewBackupCodes // this sign-in upgraded a 0.1 account
		}
		if _, err := e.svc.Profile(sess); err != nil {
			t.Fatalf("crash at write %d, round %d: profile does not open: %v", at, round, err)
		}
		testenv.Must(t, e.svc.SignOut(sess))
		testenv.Must(t, e.secrets.Delete(sess.ID, core.SlotComputerKey))
	}
}

func signInSomehow(t *testing.T, e *env, st *crashState, at int) *app.Session {
	t.Helper()
	var lastErr error
	for _, pw := range []string{st.pw, st.other} {
		if pw == "" {
			continue
		}
		e.clock.Advance(core.Period)
		res, err := e.svc.SignIn(st.user, pw)
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
		if res.NeedsBackupCode {
			return backupSomehow(t, e, st, res.Challenge, pw, at)
		}
		sess, err := e.svc.SubmitCode(res.Challenge, e.code(st.secret), false)
		if err != nil {
			t.Fatalf("crash at write %d: the code is refused: %v (%s)", at, err, words.Message(err))
		}
		return sess
	}
	if _, err := e.svc.CreateAccount(st.user, st.pw); err != nil {
		t.Fatalf("crash at write %d: neither password signs in (%v) and the account cannot be made again: %v", at, lastErr, err)
	}
	return nil
}

// backupSomehow spends the first of the person's backup codes that the record takes. A wrong
// password found at the backup code (the new one did not land) sends it back to the other.
func backupSomehow(t *testing.T, e *env, st *crashState, challenge, pw string, at int) *app.Session {
	t.Helper()
	for len(st.codes) > 0 {
		code := st.codes[0]
		st.codes = st.codes[1:]
		sess, _, err := e.svc.SubmitBackupCode(challenge, code, false)
		switch {
		case err == nil:
			return sess
		case core.IsKind(err, core.KindWrongCode):
			continue
		case core.IsKind(err, core.KindWrongCredentials) && pw != st.other && st.other != "":
			st.codes = append([]string{code}, st.codes...)
			res, err := e.svc.SignIn(st.user, st.other)
			testenv.Must(t, err)
			challenge, pw = res.Challenge, st.other
			continue
		default:
			t.Fatalf("crash at write %d: the backup code is refused: %v (%s)", at, err, words.Message(err))
		}
	}
	t.Fatalf("crash at write %d: this computer has no key and no backup code the person holds works", at)
	return nil
}
