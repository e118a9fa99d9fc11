package app

import (
	"errors"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/core"
)

// The window (ui/) depends on this package only. These names let it speak about the
// domain without importing core.
type (
	Profile   = core.Profile
	Event     = core.Event
	Strength  = core.Strength
	Enrolment = core.Enrolment
)

// Limits and shapes the window shows or checks as the person types.
const (
	CodeDigits      = core.CodeDigits
	MaxPictureBytes = core.MaxPictureBytes
	BackupCodeCount = core.BackupCodeCount
)

// PasswordStrength scores a password as it is typed, counting the username as guessable.
func PasswordStrength(password, username string) Strength {
	return core.PasswordStrength(password, username)
}

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

// CheckPicture says whether data can be a profile picture (PNG or JPEG, not too large).
func CheckPicture(data []byte) error { return core.ValidatePicture(data) }

// LockedMessage is Message for a lockout, saying left as the time still to wait, so a
// countdown can keep the sentence true.
func LockedMessage(err error, left time.Duration) string {
	var e *core.Error
	if !errors.As(err, &e) || e.Kind != core.KindLockedOut {
		return Message(err)
	}
	again := *e
	again.Wait = left
	return Message(&again)
}

// CodesCapped says whether err means too many wrong codes were typed in a row, so that
// only a backup code can complete the sign-in.
func CodesCapped(err error) bool { return core.IsKind(err, core.KindCodesCapped) }

// UpgradedCodesNote is what the backup codes dialog says when a sign-in moved an account made
// by an older Twostep onto today's keys (Session.NewBackupCodes, Session.MovedFrom): the
// old codes no longer work.
func UpgradedCodesNote(from Release) string {
	if from == Release02 {
		return lang.X("error.note.moved-codes", "Twostep now gives each backup code a key of its own, so a used code opens nothing, not even in an old copy of your data file. Your old backup codes cannot do that, so they no longer work: save these new ones instead. Any other computer you had set up asks for one of them at its next sign-in.")
	}
	return lang.X("error.note.upgraded-codes", "Twostep now protects your account with keys that need your password and this computer, or your password and a backup code. Your old backup codes cannot do that, so they no longer work: save these new ones instead.")
}

// UnseenCodesNote is what the dashboard says when the newest backup codes were never shown
// to the end (Status.BackupCodesUnseen).
func UnseenCodesNote() string {
	return lang.X("error.note.unseen-codes", "Your newest backup codes were made but never shown to the end (Twostep closed first), so you may not have them. Generate new backup codes now and save them.")
}

// MinPasswordLen is the fewest characters a password may have.
const MinPasswordLen = core.MinPasswordLen
