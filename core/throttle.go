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

// ThrottleKey keys throttle state by a hash of the case-folded username, so that counting
// works the same for names with and without an account (no probing by lockout), and a
// password typed into the username box by mistake is not written to disk.
func ThrottleKey(username string) string {
	sum := sha256.Sum256([]byte("twostep throttle\x00" + UsernameKey(username)))
	return hex.EncodeToString(sum[:])
}

// Check fails with KindLockedOut while a wait is running.
func (t Throttle) Check(now time.Time) error {
	if wait := t.LockedUntil.Sub(now); wait > 0 {
		return &Error{Kind: KindLockedOut, Wait: wait.Round(time.Second)}
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
