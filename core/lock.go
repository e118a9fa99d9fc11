package core

import (
	"slices"
	"time"
)

// A signed-in window locks when its person steps away: after some time without use, when
// the screen locks or the computer goes to sleep, or when they say so. Locking ends the
// session in memory; unlocking is a sign-in. Each account chooses when, in its record.

// LockCause says why a window locked. It is stored in the activity as this code.
type LockCause string

const (
	LockByUser LockCause = "user"   // Lock now, or Ctrl+L
	LockIdle   LockCause = "idle"   // time without use
	LockScreen LockCause = "screen" // the desktop locked its screen
	LockSleep  LockCause = "sleep"  // the computer is going to sleep
)

// DefaultLockAfter is how long a window may go without use before it locks, unless the
// account chose otherwise.
const DefaultLockAfter = 15 * time.Minute

// LockAfterChoices are the times without use an account may choose; 0 is never.
var LockAfterChoices = []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour, 0}

// LockAfter is how long the account's window may go without use before it locks; 0 never.
func (a Account) LockAfter() time.Duration {
	switch {
	case a.LockAfterMinutes == 0:
		return DefaultLockAfter
	case a.LockAfterMinutes < 0:
		return 0
	}
	return time.Duration(a.LockAfterMinutes) * time.Minute
}

// LocksWithScreen reports whether the window locks when the screen locks or the computer
// sleeps.
func (a Account) LocksWithScreen() bool { return !a.KeepOnScreenLock }

// SetLock stores when the account's window locks. after must be one of LockAfterChoices.
func (a *Account) SetLock(after time.Duration, withScreen bool) error {
	if !slices.Contains(LockAfterChoices, after) {
		return Fail(KindInvalid, "error.lock.after")
	}
	switch after {
	case DefaultLockAfter:
		a.LockAfterMinutes = 0
	case 0:
		a.LockAfterMinutes = -1
	default:
		a.LockAfterMinutes = int(after / time.Minute)
	}
	a.KeepOnScreenLock = !withScreen
	return nil
}

// DesktopReports says what a desktop tells Twostep about its person, as found when Twostep
// started (core/presence): the window locks on what it is told, and says what it is not.
type DesktopReports struct {
	ScreenLock bool // that the screen locked
	Sleep      bool // that the computer is about to sleep
	Idle       bool // how long it has not been used
}
