package app

import (
	"github.com/twostep-app/twostep/core"
)

// ChangePassword sets a new password after the current one (and, with 2FA on, a code or
// backup code). The account key is wrapped again under the new password (with this computer's
// key and the recovery key, which do not change, so the backup codes and the authenticator
// app keep working), and every device of the account, this one included, stops being trusted.
// Nothing in the record opens with the old password afterwards.
func (s *Service) ChangePassword(sess *Session, current, next, code string) error {
	a, k, err := s.account(sess)
	if err != nil {
		return err
	}
	if err := core.ValidatePassword(next, a.Username); err != nil {
		return err
	}
	if next == current {
		return core.Fail(core.KindInvalid, "error.password.same")
	}
	use, err := s.reauthenticate(k, &a, current, code)
	if err != nil {
		return err
	}
	fresh := *k
	fresh.params = core.NewPasswordParams()
	if fresh.password, err = core.StretchPassword(next, fresh.params); err != nil {
		return err
	}
	err = s.update(sess, k, rewrap(k, use, fresh.password, fresh.params, func(a *core.Account, _ *core.SecondSecrets) {
		a.Devices, a.PasswordChanged = nil, s.now()
	}), s.event(core.Event{Kind: core.EventPasswordChanged}))
	if err != nil {
		return err
	}
	sess.setKeys(&fresh)
	return nil
}
