// Package app holds Twostep's use cases: what the window and the command line call.
// It composes core's rules with a core.Store and core.Secrets that cmd/twostep hands in
// (the bbolt data file and the OS keyring; app/ imports neither adapter) and hides both
// behind plain methods that return core errors with kinds.
package app

import (
	"io"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/core"
)

// Service is the one entry point for the UI and the CLI. Its methods are safe to call from
// any goroutine, and most are slow (argon2, keyring, disk): never call them on the UI goroutine.
type Service struct {
	store   core.Store
	secrets core.Secrets
	now     core.Clock
	device  string
	log     *Log

	mu         sync.Mutex
	challenges map[string]*challenge
	attempts   attempts // one attempt at a time per throttle key
}

// Option adjusts a Service made by New.
type Option func(*Service)

// WithClock replaces time.Now (tests move time with it).
func WithClock(c core.Clock) Option { return func(s *Service) { s.now = c } }

// WithDeviceName names this machine in device records and activity.
func WithDeviceName(name string) Option { return func(s *Service) { s.device = name } }

// WithLog sends the causes of errors, and failed clean-ups, to l (by default nowhere).
func WithLog(l *Log) Option { return func(s *Service) { s.log = l } }

// New wires a Service over a store and a keyring.
func New(store core.Store, secrets core.Secrets, opts ...Option) *Service {
	s := &Service{store: store, secrets: secrets, now: time.Now, device: hostname(), challenges: map[string]*challenge{},
		log: NewLog(io.Discard)}
	for _, o := range opts {
		o(s)
	}
	return s
}

func hostname() string {
	name, err := os.Hostname()
	if err != nil || name == "" {
		return lang.X("device.unnamed", "this computer") // stored as the device's name, in the language of that day
	}
	return name
}

// Session is a signed-in person. It holds the account's keys in memory, never on disk, so
// Settings can change what needs them without asking the keyring again; SignOut wipes them.
type Session struct {
	ID       core.AccountID
	Username string
	// NewBackupCodes, when set, were made during this sign-in: the upgrade of an account made
	// by Twostep 0.1 replaces its backup codes. Show them once, as after turning two-step on.
	NewBackupCodes []string
	// Failed are the failed sign-in attempts since the last successful sign-in before this
	// one: the owner hears about guessing.
	Failed FailedSignIns

	mu      sync.Mutex
	keys    *keys  // nil once signed out
	pending string // a TOTP secret shown by BeginEnrolment and not yet confirmed
}

// keys are what a signed-in account is opened with.
type keys struct {
	account  core.AccountKey
	password core.PasswordKey
	params   string            // the argon2id parameters password was stretched with
	computer *core.ComputerKey // this computer's key for the account; nil with two-step off
}

// device is this computer's trusted-device ID for the account, or "".
func (k *keys) device() string {
	if k == nil || k.computer == nil {
		return ""
	}
	return k.computer.Device
}

// second is what joins the password in the account's wraps, this computer's key included:
// nil with two-step off.
func (k *keys) second(a core.Account) (*core.SecondSecrets, error) {
	if !a.TwoFactor {
		return nil, nil
	}
	s, err := a.Keys.Second(k.account, a.ID)
	if err != nil || s == nil || k.computer == nil {
		return nil, core.Fail(core.KindDataTampered, "")
	}
	return s.With(*k.computer), nil
}

func (sess *Session) current() *keys {
	if sess == nil {
		return nil
	}
	sess.mu.Lock()
	defer sess.mu.Unlock()
	return sess.keys
}

func (sess *Session) setKeys(k *keys) {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	sess.keys = k
}

// Report logs the cause of err if it is one a person cannot act on alone (see Log.Report).
// The window calls it for every error it shows.
func (s *Service) Report(err error) { s.log.Report(err) }

// cleanupFailed logs a clean-up that failed after the change it follows was stored: the
// change stands, so the person is not told it failed.
func (s *Service) cleanupFailed(what string, err error) {
	if err != nil {
		s.log.Warn("clean-up failed", "what", what, "error", err.Error())
	}
}

// event stamps ev, which says what happened, with when and on which computer.
func (s *Service) event(ev core.Event) core.Event {
	ev.Time, ev.Device = s.now(), s.device
	return ev
}

// account reads the signed-in account and checks it against its authenticator.
func (s *Service) account(sess *Session) (core.Account, *keys, error) {
	k := sess.current()
	if k == nil {
		return core.Account{}, nil, core.Fail(core.KindNotFound, "error.signed-out")
	}
	a, err := s.store.Account(sess.ID)
	if err != nil {
		return core.Account{}, nil, err
	}
	if err := k.account.Verify(a); err != nil {
		return core.Account{}, nil, err
	}
	return a, k, nil
}

// update applies change to the signed-in account in one transaction, with events.
func (s *Service) update(sess *Session, k *keys, change func(*core.Account) error, events ...core.Event) error {
	return s.store.UpdateAccount(sess.ID, signed(k.account, change), events...)
}

// signed wraps a change to a record: inside the transaction the record as stored is checked
// against its authenticator first, so a change made outside Twostep is refused rather than
// signed over, and the changed record is signed after.
func signed(ak core.AccountKey, change func(*core.Account) error) func(*core.Account) error {
	return func(a *core.Account) error {
		if err := ak.Verify(*a); err != nil {
			return err
		}
		if change != nil {
			if err := change(a); err != nil {
				return err
			}
		}
		return ak.Sign(a)
	}
}

// relocking guards a change that wraps the account key again: the session must hold the keys
// the record was last locked with, or a new wrap would be made with stale ones.
func relocking(k *keys, change func(*core.Account) error) func(*core.Account) error {
	return func(a *core.Account) error {
		if a.Keys.Params != k.params || (a.TwoFactor && (k.computer == nil || !a.Keys.Fits(*k.computer))) {
			return staleSession()
		}
		return change(a)
	}
}

// staleSession is the answer to a session whose keys the record no longer matches.
func staleSession() error {
	return core.Fail(core.KindNotFound, "error.account.changed-elsewhere")
}

// rewrap is a change confirmed by a code (use spends it) that ends by wrapping the account key
// again under p (made with params): edit changes the record and the second secrets first.
func rewrap(k *keys, use func(*core.Account) error, p core.PasswordKey, params string, edit func(*core.Account, *core.SecondSecrets)) func(*core.Account) error {
	return relocking(k, func(a *core.Account) error {
		if err := use(a); err != nil {
			return err
		}
		second, err := k.second(*a)
		if err != nil {
			return err
		}
		edit(a, second)
		return a.Keys.Lock(k.account, p, params, second, a.ID)
	})
}

func (sess *Session) setPending(secret string) {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	sess.pending = secret
}

func (sess *Session) pendingSecret() string {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	return sess.pending
}
