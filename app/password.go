package app

import (
	"github.com/twostep-app/twostep/core"
)

// ChangePassword sets a new password after the current one (and, with 2FA on, a code or
// backup code). The account moves to a fresh key, boxed under the new password for every
// computer and backup code (their public keys are in the record, so none needs a visit and
// the authenticator app keeps working), and every computer, this one included, stops being
// trusted. Nothing in the record opens with the old password afterwards.
func (s *Service) ChangePassword(sess *Session, current, next, code string) error {
	a, k, err := s.account(sess)
	if err != nil {
		return err
	}
	defer k.wipe()
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
	after := &keys{params: core.NewPasswordParams(), computer: k.computer}
	if after.password, err = core.StretchPassword(next, after.params); err != nil {
		return err
	}
	defer clear(after.password)
	return s.rekey(sess, k, after, func(a *core.Account) error {
		if err := sameKeys(k, a); err != nil {
			return err
		}
		if err := use(a); err != nil {
			return err
		}
		a.DistrustAll()
		a.PasswordChanged = s.now()
		return nil
	}, s.event(core.Event{Kind: core.EventPasswordChanged}))
}
