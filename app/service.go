// Package app holds Twostep's use cases: what the window and the command line call.
// It composes core's rules with a core.Store and core.Secrets that cmd/twostep hands in
// (the bbolt data file and the OS keyring; app/ imports neither adapter) and hides both
// behind plain methods that return core errors with kinds.
package app

import (
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/twostep-app/twostep/core"
)

// Service is the one entry point for the UI and the CLI. Its methods are safe to call from
// any goroutine, and most are slow (argon2, keyring, disk): never call them on the UI goroutine.
type Service struct {
	store   core.Store
	secrets core.Secrets
	now     core.Clock
	device  string
	log     *slog.Logger
	issuer  string // the name authenticator apps show above the code

	mu         sync.Mutex
	challenges map[string]*challenge
	done       map[string]time.Time // challenges completed lately, so a twin submit is told so
	sessions   map[*Session]bool    // signed in and not signed out: Close wipes their keys
	attempts   attempts             // one attempt at a time per throttle key
}

// Option adjusts a Service made by New.
type Option func(*Service)

// WithClock replaces time.Now (tests move time with it).
func WithClock(c core.Clock) Option { return func(s *Service) { s.now = c } }

// WithDeviceName names this machine in device records and activity.
func WithDeviceName(name string) Option { return func(s *Service) { s.device = name } }

// WithIssuer names the program in the authenticator app, above the code (default "Twostep").
func WithIssuer(name string) Option { return func(s *Service) { s.issuer = name } }

// WithLog sends the causes of errors, and failed clean-ups, to l (by default nowhere). Nothing
// secret is ever logged: causes are library text (D-Bus, bbolt, JSON), never a password, a
// code, a key or a profile.
func WithLog(l *slog.Logger) Option { return func(s *Service) { s.log = l } }

// New wires a Service over a store and a keyring.
func New(store core.Store, secrets core.Secrets, opts ...Option) *Service {
	s := &Service{store: store, secrets: secrets, now: time.Now, device: hostname(), challenges: map[string]*challenge{},
		done: map[string]time.Time{}, sessions: map[*Session]bool{}, log: slog.New(slog.DiscardHandler), issuer: core.Issuer}
	for _, o := range opts {
		o(s)
	}
	return s
}

// hostname is this computer's name for its device record, or "" when the system has none:
// the window then says "this computer" in the language of the day it is read.
func hostname() string {
	name, err := os.Hostname()
	if err != nil {
		return ""
	}
	return name
}

// Close wipes the keys of every session and pending sign-in, without recording a sign-out:
// Twostep calls it on quit.
func (s *Service) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, ch := range s.challenges {
		ch.keys.wipe()
		delete(s.challenges, id)
	}
	for sess := range s.sessions {
		sess.signOut()
		delete(s.sessions, sess)
	}
}

// newSession is a signed-in session holding a copy of k.
func (s *Service) newSession(id core.AccountID, username string, k *keys) *Session {
	sess := &Session{ID: id, Username: username}
	sess.setKeys(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[sess] = true
	return sess
}

// Session is a signed-in person. It holds the account's keys in memory, never on disk, so
// Settings can change what needs them without asking the keyring again; SignOut wipes them.
type Session struct {
	ID       core.AccountID
	Username string
	// NewBackupCodes, when set, were made during this sign-in: moving an account made by an
	// older Twostep (MovedFrom says which) onto today's keys replaces its backup codes. Show
	// them once, as after turning two-step on.
	NewBackupCodes []string
	MovedFrom      Release
	// Failed are the failed sign-in attempts since the last successful sign-in before this
	// one: the owner hears about guessing.
	Failed FailedSignIns

	mu      sync.Mutex
	keys    *keys  // nil once signed out
	pending string // a TOTP secret shown by BeginEnrolment or BeginNewAuthenticator, not yet confirmed
}

// Release names the Twostep that wrote a record moved on at sign-in.
type Release int

const (
	Release01 Release = iota + 1 // Twostep 0.1: a password hash, secrets in the keyring
	Release02                    // Twostep 0.2: one account key for life, one recovery key for every code
)

// keys are what a signed-in account is opened with. Every use case works on its own copy
// (clone) and wipes it when done, so wiping the session's own copy at sign-out leaves no key
// behind once the last call has returned.
type keys struct {
	account  core.AccountKey
	password core.PasswordKey
	params   string            // the argon2id parameters password was stretched with
	computer *core.ComputerKey // this computer's key for the account; nil with two-step off
}

// device is this computer's device ID for the account, or "".
func (k *keys) device() string {
	if k == nil || k.computer == nil {
		return ""
	}
	return k.computer.DeviceID
}

func (k *keys) clone() *keys {
	if k == nil {
		return nil
	}
	c := &keys{account: clip(k.account), password: clip(k.password), params: k.params}
	if k.computer != nil {
		c.computer = &core.ComputerKey{DeviceID: k.computer.DeviceID, Key: clip(k.computer.Key)}
	}
	return c
}

func clip(b []byte) []byte { return append([]byte(nil), b...) }

// wipe overwrites the keys in memory. (Go's runtime may have copied them meanwhile, when a
// stack grew; argon2id's own buffers are not wiped: this is best effort, as in any Go program.)
func (k *keys) wipe() {
	if k == nil {
		return
	}
	clear(k.account)
	clear(k.password)
	k.computer.Wipe()
}

// current is a copy of the session's keys, or nil once signed out: the caller wipes it.
func (sess *Session) current() *keys {
	if sess == nil {
		return nil
	}
	sess.mu.Lock()
	defer sess.mu.Unlock()
	return sess.keys.clone()
}

// setKeys replaces the session's keys with a copy of k, wiping the ones it held.
func (sess *Session) setKeys(k *keys) {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	sess.keys.wipe()
	sess.keys = k.clone()
}

// signOut wipes the session's keys and reports whether it was signed in.
func (sess *Session) signOut() bool {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	was := sess.keys != nil
	sess.keys.wipe()
	sess.keys, sess.pending = nil, ""
	return was
}

// Report logs the cause of err if it is one a person cannot act on alone (see Report).
// The window calls it for every error it shows.
func (s *Service) Report(err error) { Report(s.log, err) }

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

// account reads the signed-in account and checks it against its authenticator. The keys it
// returns are the caller's copy, to wipe when done.
func (s *Service) account(sess *Session) (core.Account, *keys, error) {
	k := sess.current()
	if k == nil {
		return core.Account{}, nil, core.Fail(core.KindNotFound, "error.signed-out")
	}
	a, err := s.store.Account(sess.ID)
	if err == nil {
		err = k.follow(a, sess)
	}
	if err == nil {
		err = checkRecord(k.account, a)
	}
	if err != nil {
		k.wipe()
		return core.Account{}, nil, err
	}
	return a, k, nil
}

// follow reopens the account key when another sign-in moved the record to a new one (a
// backup code spent on another computer sharing the file, say), with the password key and
// this computer's key that k holds, and keeps it in sess (if any). When those no longer open
// it (the password was changed, this computer removed) the session is stale.
func (k *keys) follow(a core.Account, sess *Session) error {
	if a.Schema != core.Schema || k.account == nil || string(a.Keys.KeyID) == string(k.account.ID(a.ID)) {
		return nil
	}
	var ak core.AccountKey
	var err error
	switch {
	case !a.TwoFactor:
		ak, err = a.Keys.OpenWithPassword(k.password, a.ID)
	case k.computer != nil:
		ak, err = a.Keys.OpenWithComputer(k.password, *k.computer, a.ID)
	default:
		return staleSession()
	}
	if core.IsKind(err, core.KindWrongCredentials) || core.IsKind(err, core.KindComputerKeyMissing) {
		return staleSession()
	} else if err != nil {
		return err
	}
	if err := ak.Verify(a); err != nil {
		return err
	}
	clear(k.account)
	k.account = ak
	if sess != nil {
		sess.setKeys(k)
	}
	return nil
}

// checkRecord checks a against its authenticator under ak. A record whose account key is no
// longer ak was changed by a later session (another window moved it to a new key), which is
// not tampering.
func checkRecord(ak core.AccountKey, a core.Account) error {
	err := ak.Verify(a)
	if err != nil && a.Schema == core.Schema && string(a.Keys.KeyID) != string(ak.ID(a.ID)) {
		return staleSession()
	}
	return err
}

// update applies edit to the signed-in account in one transaction, with events: the record
// as stored is checked against its authenticator first, so a change made outside Twostep is
// refused rather than signed over, and the changed record is signed after.
func (s *Service) update(sess *Session, k *keys, edit core.Change, events ...core.Event) error {
	return s.store.UpdateAccount(sess.ID, func(a *core.Account) error {
		if err := checkRecord(k.account, *a); err != nil {
			return err
		}
		if edit != nil {
			if err := edit(a); err != nil {
				return err
			}
		}
		return k.account.Sign(a)
	}, events...)
}

// rekey is update for a security change: after edit the record moves to a fresh account key,
// sealed for every holder the record names then, with the password key and this computer's
// key of after (nil: those of k); the session keeps the new keys once the transaction is
// stored.
func (s *Service) rekey(sess *Session, k, after *keys, edit core.Change, events ...core.Event) error {
	if after == nil {
		after = k
	}
	var next core.AccountKey
	err := s.store.UpdateAccount(sess.ID, func(a *core.Account) error {
		if err := checkRecord(k.account, *a); err != nil {
			return err
		}
		if err := edit(a); err != nil {
			return err
		}
		var err error
		next, err = a.Rekey(k.account, after.password, after.params)
		return err
	}, events...)
	if err != nil {
		return err
	}
	sess.setKeys(&keys{account: next, password: after.password, params: after.params, computer: after.computer})
	s.resealData(sess.ID, next)
	clear(next)
	return nil
}

// sameKeys guards a change made with the password or this computer's key: the record must
// still take the ones the session holds.
func sameKeys(k *keys, a *core.Account) error {
	if a.Keys.Params != k.params || (a.TwoFactor && (k.computer == nil || !a.Fits(*k.computer))) {
		return staleSession()
	}
	return nil
}

// staleSession is the answer to a session whose keys the record no longer matches.
func staleSession() error {
	return core.Fail(core.KindNotFound, "error.account.changed-elsewhere")
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
