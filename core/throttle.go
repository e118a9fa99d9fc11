package core

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// Throttling: the first FreeFailures consecutive failures cost nothing; every failure after
// that locks for a wait that doubles from FirstWait up to MaxWait. Wrong passwords and wrong
// codes at the second step are counted apart, so a stranger's guesses at the password and the
// owner's typos at the code do not add up.
//
// Verification codes have only 10^6 values, so waits alone would let a guesser who knows the
// password go on for ever (about 8,760 guesses a year). After CodeGuessCap consecutive wrong
// codes only a backup code (50 random bits) can complete a sign-in, until the next successful
// one: at most CodeGuessCap code guesses between two visits of the owner (NIST SP 800-63B
// allows 100; GitLab locks after 10).
const (
	FreeFailures = 5
	FirstWait    = 30 * time.Second
	MaxWait      = time.Hour
	CodeGuessCap = 10
)

// Counter is one kind of consecutive failures and the wait they impose.
type Counter struct {
	Failures    int       `json:"failures"`
	LockedUntil time.Time `json:"locked_until"`
}

// Throttle is the stored failure state of an account, or of a bucket of unknown names:
// Passwords counts wrong passwords, Codes wrong verification and backup codes.
type Throttle struct {
	Passwords Counter
	Codes     Counter
}

// throttleJSON is how a Throttle is stored: the password counter's fields at the top, as
// Twostep 0.1 wrote its one counter (which counted every failure), so its entries read as
// they were.
type throttleJSON struct {
	Counter
	Codes Counter `json:"codes,omitzero"`
}

// MarshalJSON writes t in its stored form.
func (t Throttle) MarshalJSON() ([]byte, error) {
	return json.Marshal(throttleJSON{Counter: t.Passwords, Codes: t.Codes})
}

// UnmarshalJSON reads the stored form.
func (t *Throttle) UnmarshalJSON(b []byte) error {
	var w throttleJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	t.Passwords, t.Codes = w.Counter, w.Codes
	return nil
}

// AccountThrottleKey keys the failures of an existing account by its ID.
func AccountThrottleKey(id AccountID) string { return "account:" + string(id) }

// NameThrottleKey keys failures at a username that has no account, so that such names lock
// exactly as real ones do (no probing by lockout). It keeps only 16 bits of an HMAC of the
// case-folded name under installKey, a random secret of this data file: enough to count
// repeated tries at one name, far too few to recover what was typed (which may be a password
// typed into the username box), and, without the key, no way to find offline a name that
// shares a real account's bucket and lock it to learn whether that account exists.
func NameThrottleKey(installKey []byte, username string) string {
	m := hmac.New(sha256.New, installKey)
	m.Write([]byte("twostep throttle\x00" + UsernameKey(username)))
	return "name:" + hex.EncodeToString(m.Sum(nil)[:2])
}

// Check fails with KindLockedOut while a wait is running. The wait is never longer than the
// failures could have earned, so a lock taken while the clock was set years ahead ends on
// time once the clock is put right.
func (c Counter) Check(now time.Time) error {
	wait := min(c.LockedUntil.Sub(now), LockWait(c.Failures))
	if wait > 0 {
		// Rounded up: "try again in 0 seconds" would be a lie.
		return &Error{Kind: KindLockedOut, Wait: (wait + time.Second - 1).Truncate(time.Second)}
	}
	return nil
}

// Fail records one failure at now.
func (c *Counter) Fail(now time.Time) {
	c.Failures++
	if c.Failures >= FreeFailures {
		c.LockedUntil = now.Add(LockWait(c.Failures))
	}
}

// Locked reports whether a wait is running at now.
func (c Counter) Locked(now time.Time) bool { return c.Check(now) != nil }

// Capped reports whether so many codes in a row were wrong that verification codes are
// refused until the next successful sign-in.
func (t Throttle) Capped() bool { return t.Codes.Failures >= CodeGuessCap }

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
