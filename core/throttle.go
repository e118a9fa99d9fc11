package core

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Throttling: the first FreeFailures consecutive failures cost nothing; every failure after
// that locks the username for a wait that doubles from FirstWait up to MaxWait.
const (
	FreeFailures = 5
	FirstWait    = 30 * time.Second
	MaxWait      = time.Hour
)

// Throttle is the stored failure state of one username.
type Throttle struct {
	Failures    int       `json:"failures"`
	LockedUntil time.Time `json:"locked_until"`
}

// AccountThrottleKey keys the failures of an existing account by its ID.
func AccountThrottleKey(id AccountID) string { return "account:" + string(id) }

// NameThrottleKey keys failures at a username that has no account, so that such names lock
// exactly as real ones do (no probing by lockout). It keeps only 16 bits of a hash of the
// case-folded name: enough to count repeated tries at one name, far too few to recover what
// was typed, which may be a password entered into the username box by mistake.
func NameThrottleKey(username string) string {
	sum := sha256.Sum256([]byte("twostep throttle\x00" + UsernameKey(username)))
	return "name:" + hex.EncodeToString(sum[:2])
}

// Check fails with KindLockedOut while a wait is running.
func (t Throttle) Check(now time.Time) error {
	if wait := t.LockedUntil.Sub(now); wait > 0 {
		// Rounded up: "try again in 0 seconds" would be a lie.
		return &Error{Kind: KindLockedOut, Wait: (wait + time.Second - 1).Truncate(time.Second)}
	}
	return nil
}

// Fail records one failure at now.
func (t *Throttle) Fail(now time.Time) {
	t.Failures++
	if t.Failures >= FreeFailures {
		t.LockedUntil = now.Add(LockWait(t.Failures))
	}
}

// Locked reports whether the last Fail started a wait.
func (t Throttle) Locked(now time.Time) bool { return t.LockedUntil.After(now) }

// LockWait is the wait after the nth consecutive failure: none before FreeFailures,
// then FirstWait doubling each time, capped at MaxWait.
func LockWait(n int) time.Duration {
	if n < FreeFailures {
		return 0
	}
	w := FirstWait
	for i := FreeFailures; i < n && w < MaxWait; i++ {
		w *= 2
	}
	return min(w, MaxWait)
}
