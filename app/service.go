// Package app holds Twostep's use cases: what the window and the command line call.
// It composes core's rules with a core.Store (bbolt) and core.Secrets (the OS keyring)
// and hides both behind plain methods that return core errors with kinds.
package app

import (
	"os"
	"sync"
	"time"

	"twostep/core"
	"twostep/core/keyring"
)

// Service is the one entry point for the UI and the CLI. Its methods are safe to call from
// any goroutine, and most are slow (argon2, keyring, disk): never call them on the UI goroutine.
type Service struct {
	store   core.Store
	secrets core.Secrets
	now     core.Clock
	device  string

	mu         sync.Mutex
	challenges map[string]*challenge
}

// Option adjusts a Service made by New.
type Option func(*Service)

// WithClock replaces time.Now (tests move time with it).
func WithClock(c core.Clock) Option { return func(s *Service) { s.now = c } }

// WithDeviceName names this machine in device records and activity.
func WithDeviceName(name string) Option { return func(s *Service) { s.device = name } }

// New wires a Service over a store and a keyring.
func New(store core.Store, secrets core.Secrets, opts ...Option) *Service {
	s := &Service{store: store, secrets: secrets, now: time.Now, device: hostname(), challenges: map[string]*challenge{}}
	for _, o := range opts {
		o(s)
	}
	return s
}

func hostname() string {
	name, err := os.Hostname()
	if err != nil || name == "" {
		return "this computer"
	}
	return name
}

// Session is a signed-in person. It holds the account's data key in memory, so that the
// profile can be read without asking the keyring each time; SignOut wipes it.
type Session struct {
	ID       core.AccountID
	Username string
	dataKey  []byte
}

func (s *Service) event(kind core.EventKind, detail string) core.Event {
	return core.Event{Time: s.now(), Kind: kind, Device: s.device, Detail: detail}
}

func (s *Service) account(sess *Session) (core.Account, error) {
	if sess == nil || sess.dataKey == nil {
		return core.Account{}, core.Errorf(core.KindNotFound, "You are signed out.")
	}
	return s.store.Account(sess.ID)
}

// Version is Twostep's version; FyneApp.toml carries the same number.
const Version = "0.1.0"

// ID is Twostep's application ID: the Fyne app ID (FyneApp.toml's), which names the
// preferences folder, and the keyring service its secrets are filed under.
const ID = keyring.Service
