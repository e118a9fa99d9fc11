package app

import (
	"errors"
	"time"

	"github.com/twostep-app/twostep/core"
)

// What an error means for the person's next step: the window asks these instead of reading
// kinds itself.

// CodeComplete says whether input holds a whole verification code, ignoring the spaces and
// dashes people type, so a Verify button can wait until it does.
func CodeComplete(input string) bool {
	_, err := core.NormalizeCode(input)
	return err == nil
}

// LockedFor says how long sign-in (or a code) is refused after err, when err is a lockout.
func LockedFor(err error) (time.Duration, bool) {
	var e *core.Error
	if !errors.As(err, &e) || e.Kind != core.KindLockedOut {
		return 0, false
	}
	return e.Wait, true
}

// SignInAgain says whether err means the pending sign-in is gone and the person has to
// start again from the username and password (a wrong password comes to light at the second
// step when a backup code opens the account on a computer without its key).
// A lockout started by such a wrong password counts too: its cause decides.
func SignInAgain(err error) bool {
	for ; err != nil; err = errors.Unwrap(err) {
		switch core.KindOf(err) {
		case core.KindChallengeExpired, core.KindNotFound, core.KindWrongCredentials:
			return true
		case core.KindLockedOut:
			continue
		}
		return false
	}
	return false
}

// CodesCapped says whether err means too many wrong codes were typed in a row, so that
// only a backup code can complete the sign-in.
func CodesCapped(err error) bool { return core.IsKind(err, core.KindCodesCapped) }
