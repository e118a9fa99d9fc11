package app

import (
	"sync"

	"github.com/twostep-app/twostep/core"
)

// counter picks which of a throttle's counters an attempt feeds: wrong passwords, or wrong
// codes at the second step. They are kept apart so that a stranger's password guesses and
// the owner's code typos do not add up to one lock.
type counter func(*core.Throttle) *core.Counter

func passwords(t *core.Throttle) *core.Counter { return &t.Passwords }
func codes(t *core.Throttle) *core.Counter     { return &t.Codes }

// attempts serialises the attempts at one throttle key: the read of the throttle, the check
// (argon2id, a code) and the record of a failure happen one attempt after another, so that
// parallel calls cannot all pass the same read and be checked at once. One process holds the
// data file (bbolt's lock), so serialising in the process is serialising everywhere.
type attempts struct {
	mu   sync.Mutex
	keys map[string]*attempt
}

type attempt struct {
	sync.Mutex
	waiting int
}

// lock takes the key's turn and returns the function that gives it back.
func (a *attempts) lock(key string) (unlock func()) {
	a.mu.Lock()
	if a.keys == nil {
		a.keys = map[string]*attempt{}
	}
	at := a.keys[key]
	if at == nil {
		at = &attempt{}
		a.keys[key] = at
	}
	at.waiting++
	a.mu.Unlock()
	at.Lock()
	return func() {
		at.Unlock()
		a.mu.Lock()
		if at.waiting--; at.waiting == 0 {
			delete(a.keys, key)
		}
		a.mu.Unlock()
	}
}

// throttle reads the failures under key.
func (s *Service) throttle(key string) (core.Throttle, error) { return s.store.Throttle(key) }

// checkThrottle fails with KindLockedOut while the counter must wait.
func (s *Service) checkThrottle(key string, c counter) error {
	th, err := s.throttle(key)
	if err != nil {
		return err
	}
	return c(&th).Check(s.now())
}

// fail counts one failed attempt on the counter under key and records it on the account (if
// there is one) as kind: a failed sign-in, or a failed confirmation of a change in Settings.
// It returns cause; or, when this failure starts a wait, a lockout that wraps cause, so the
// person learns both what was wrong and how long to wait; or, when it was the wrong code that
// reached the cap, the cap.
func (s *Service) fail(key string, c counter, id core.AccountID, kind core.EventKind, wrong core.Factor, cause error) error {
	now := s.now()
	th, err := s.store.UpdateThrottle(key, func(t *core.Throttle) { c(t).Fail(now) })
	if err != nil {
		return err
	}
	n := c(&th)
	locked := n.Locked(now)
	capped := th.Capped() && n == &th.Codes && n.Failures == core.CodeGuessCap
	if id != "" {
		events := []core.Event{s.event(core.Event{Kind: kind, Wrong: wrong})}
		if locked {
			events = append(events, s.event(core.Event{Kind: core.EventLockedOut, Count: n.Failures, Wait: n.LockedUntil.Sub(now)}))
		}
		if err := s.store.AppendEvents(id, events...); err != nil {
			return err
		}
	}
	switch {
	case capped:
		return &core.Error{Kind: core.KindCodesCapped, Err: cause}
	case locked:
		return &core.Error{Kind: core.KindLockedOut, Wait: n.LockedUntil.Sub(now), Err: cause}
	}
	return cause
}

// countable reports whether a failed check should cost an attempt: malformed input does not.
func countable(err error) bool {
	switch core.KindOf(err) {
	case core.KindWrongCode, core.KindCodeReused, core.KindClockDrift, core.KindWrongCredentials:
		return true
	}
	return false
}
