package app

import (
	"twostep/core"
)

// ChangePassword sets a new password after the current one (and, with 2FA on, a code or
// backup code). The data key is re-wrapped under the new password, and every device of the
// account, this one included, stops being trusted.
func (s *Service) ChangePassword(sess *Session, current, next, code string) error {
	a, err := s.account(sess)
	if err != nil {
		return err
	}
	if err := core.ValidatePassword(next, a.Username); err != nil {
		return err
	}
	if next == current {
		return core.Errorf(core.KindInvalid, "The new password is the same as the current one.")
	}
	use, err := s.reauthenticate(&a, current, code)
	if err != nil {
		return err
	}
	fresh := a
	if err := s.setPassword(&fresh, next, sess.dataKey); err != nil {
		return err
	}
	err = s.store.UpdateAccount(a.ID, func(a *core.Account) error {
		if err := use(a); err != nil {
			return err
		}
		a.Password, a.KeyParams, a.WrappedKey = fresh.Password, fresh.KeyParams, fresh.WrappedKey
		a.Devices, a.PasswordChanged = nil, s.now()
		return nil
	}, s.event(core.EventPasswordChanged, "every trusted device will ask for a code again"))
	if err != nil {
		return err
	}
	return s.secrets.Delete(a.ID, core.SlotDevice)
}
