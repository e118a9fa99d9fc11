package app

import (
	"fmt"

	"twostep/core"
)

// checkThrottle fails with KindLockedOut while the key must wait.
func (s *Service) checkThrottle(key string) error {
	th, err := s.store.Throttle(key)
	if err != nil {
		return err
	}
	return th.Check(s.now())
}

// fail counts one failed attempt against the key and records it on the account (if
// there is one) as kind: a failed sign-in, or a failed confirmation of a change in Settings. It returns cause, or, when this failure starts a wait, a lockout error
// that wraps cause so the person learns both what was wrong and how long to wait.
func (s *Service) fail(key string, id core.AccountID, kind core.EventKind, what string, cause error) error {
	now := s.now()
	th, err := s.store.UpdateThrottle(key, func(t *core.Throttle) { t.Fail(now) })
	if err != nil {
		return err
	}
	locked := th.Locked(now)
	if id != "" {
		events := []core.Event{s.event(kind, what)}
		if locked {
			events = append(events, s.event(core.EventLockedOut, fmt.Sprintf("after %d failed attempts, for %s", th.Failures, th.LockedUntil.Sub(now))))
		}
		if err := s.store.AppendEvents(id, events...); err != nil {
			return err
		}
	}
	if locked {
		return &core.Error{Kind: core.KindLockedOut, Wait: th.LockedUntil.Sub(now), Err: cause}
	}
	return cause
}

// succeed clears the account's failures after a whole sign-in.
func (s *Service) succeed(id core.AccountID) error {
	_, err := s.store.UpdateThrottle(core.AccountThrottleKey(id), func(t *core.Throttle) { *t = core.Throttle{} })
	return err
}

// countable reports whether a failed check should cost an attempt: malformed input does not.
func countable(err error) bool {
	switch core.KindOf(err) {
	case core.KindWrongCode, core.KindCodeReused, core.KindClockDrift, core.KindWrongCredentials:
		return true
	}
	return false
}
