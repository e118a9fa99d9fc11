package words

import (
	"errors"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/core"
)

// Locked is Message for a lockout, saying left as the time still to wait, so a
// countdown can keep the sentence true.
func Locked(err error, left time.Duration) string {
	var e *core.Error
	if !errors.As(err, &e) || e.Kind != core.KindLockedOut {
		return Message(err)
	}
	again := *e
	again.Wait = left
	return Message(&again)
}

// UpgradedCodes is what the backup codes dialog says when a sign-in moved an account made
// by an older Twostep onto today's keys (app's Session.MovedFrom): the old codes no longer
// work. from02 says the account was Twostep 0.2's, whose codes already had keys.
func UpgradedCodes(from02 bool) string {
	if from02 {
		Ensure()
		return lang.X("error.note.moved-codes", "Twostep now gives each backup code a key of its own, so a used code opens nothing, not even in an old copy of your data file. Your old backup codes cannot do that, so they no longer work: save these new ones instead. Any other computer you had set up asks for one of them at its next sign-in.")
	}
	Ensure()
	return lang.X("error.note.upgraded-codes", "Twostep now protects your account with keys that need your password and this computer, or your password and a backup code. Your old backup codes cannot do that, so they no longer work: save these new ones instead.")
}

// UnseenCodes is what the dashboard says when the newest backup codes were never shown
// to the end (app's Status.BackupCodesUnseen).
func UnseenCodes() string {
	Ensure()
	return lang.X("error.note.unseen-codes", "Your newest backup codes were made but never shown to the end (Twostep closed first), so you may not have them. Generate new backup codes now and save them.")
}
