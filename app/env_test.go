package app_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/boltstore"
	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/core/keyring/keyringtest"
	"github.com/twostep-app/twostep/internal/testenv"
)

const (
	alice = "alice"
)

// env is a Service over a real bbolt file in a temp dir and the real keyring.
type env struct {
	t       testing.TB
	path    string
	db      *boltstore.Store
	secrets core.Secrets
	kr      *keyring.Keyring // the same keyring, for what only the adapter does (its service name)
	clock   *testenv.Clock
	svc     *app.Service
}

func newEnv(t testing.TB) *env {
	t.Helper()
	kr := keyringtest.Require(t)
	e := &env{t: t, path: filepath.Join(testenv.TempDir(t), "twostep.db"), secrets: kr, kr: kr,
		clock: testenv.NewClock(time.Unix(1_800_000_010, 0))}
	e.open()
	t.Cleanup(func() { e.db.Close() })
	return e
}

func (e *env) open() {
	e.t.Helper()
	db, err := boltstore.Open(e.path)
	if err != nil {
		e.t.Fatalf("open store: %v", err)
	}
	e.db = db
	e.svc = app.New(db, e.secrets, app.WithClock(e.clock.Now), app.WithDeviceName(testenv.DeviceNm))
}

// restart closes the data file and opens it again with a new Service, as a new process would.
func (e *env) restart() {
	e.t.Helper()
	if err := e.db.Close(); err != nil {
		e.t.Fatal(err)
	}
	e.open()
}

// code is what the authenticator app shows now; nextCode waits for the next step first.
func (e *env) code(secret string) string {
	e.t.Helper()
	c, err := core.CodeAt(secret, core.TimeStep(e.clock.Now()), core.CodeDigits)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func (e *env) nextCode(secret string) string {
	e.clock.Advance(core.Period)
	return e.code(secret)
}

func (e *env) signUp(user, pw string) *app.Session {
	e.t.Helper()
	sess, err := e.svc.CreateAccount(user, pw)
	if err != nil {
		e.t.Fatalf("create account %s: %v", user, err)
	}
	return sess
}

// enable turns 2FA on and returns the secret (as the phone holds it) and the backup codes.
func (e *env) enable(sess *app.Session) (string, []string) {
	e.t.Helper()
	enr, err := e.svc.BeginEnrolment(sess)
	if err != nil {
		e.t.Fatalf("begin enrolment: %v", err)
	}
	codes, err := e.svc.ConfirmEnrolment(sess, e.code(enr.Secret))
	if err != nil {
		e.t.Fatalf("confirm enrolment: %v", err)
	}
	return enr.Secret, codes
}

// signIn expects the password step to succeed and returns its result.
func (e *env) signIn(user, pw string) app.SignInResult {
	e.t.Helper()
	res, err := e.svc.SignIn(user, pw)
	if err != nil {
		e.t.Fatalf("sign in %s: %v", user, err)
	}
	return res
}

// challenge expects the password step to ask for a code.
func (e *env) challenge(user, pw string) string {
	e.t.Helper()
	res := e.signIn(user, pw)
	if res.Challenge == "" {
		e.t.Fatalf("sign in %s: signed in without a code, want a challenge", user)
	}
	return res.Challenge
}

// signInWithCode does the whole two-step sign-in with a fresh code.
func (e *env) signInWithCode(user, pw, secret string, trust bool) *app.Session {
	e.t.Helper()
	ch := e.challenge(user, pw)
	sess, err := e.svc.SubmitCode(ch, e.nextCode(secret), trust)
	if err != nil {
		e.t.Fatalf("submit code: %v", err)
	}
	return sess
}
