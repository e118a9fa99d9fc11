package app

import (
	"time"

	"github.com/twostep-app/twostep/core"
)

// LockCause says why a window locked; the window puts it into words.
type LockCause = core.LockCause

const (
	LockByUser = core.LockByUser
	LockIdle   = core.LockIdle
	LockScreen = core.LockScreen
	LockSleep  = core.LockSleep
)

// LockAfterChoices are the times without use Settings offers; 0 is never.
var LockAfterChoices = core.LockAfterChoices

// LockSettings say when the signed-in window locks: after After without use (0: never), and
// when the screen locks or the computer sleeps if OnScreenLock.
type LockSettings struct {
	After        time.Duration
	OnScreenLock bool
}

// SetLockSettings stores when the account's window locks, in its authenticated record.
func (s *Service) SetLockSettings(sess *Session, l LockSettings) error {
	_, k, err := s.account(sess)
	if err != nil {
		return err
	}
	defer k.wipe()
	return s.update(sess, k, func(a *core.Account) error { return a.SetLock(l.After, l.OnScreenLock) })
}

// Lock ends the session in memory, as signing out does, and records why in the activity
// (idle: the time without use). Unlocking is a sign-in, with its throttle and its cap.
func (s *Service) Lock(sess *Session, cause core.LockCause, idle time.Duration) error {
	if sess == nil || !sess.signOut() {
		return nil
	}
	s.mu.Lock()
	delete(s.sessions, sess)
	s.mu.Unlock()
	return s.store.AppendEvents(sess.ID, s.event(core.Event{Kind: core.EventLocked, Cause: cause, Wait: idle}))
}

// Desktop is what the desktop tells about its person, for the window's lock: cmd/twostep
// hands in the one of this system (D-Bus on Linux, session notifications on Windows).
type Desktop interface {
	// Locks delivers LockScreen when the screen locks and LockSleep when the computer is
	// about to sleep.
	Locks() <-chan core.LockCause
	// IdleTime is how long nobody touched the desktop, when the desktop says (ok).
	IdleTime() (idle time.Duration, ok bool)
	// Reports says which of these this desktop tells, as found when Twostep started.
	Reports() DesktopReports
}

// DesktopReports says what a desktop tells Twostep.
type DesktopReports = core.DesktopReports
