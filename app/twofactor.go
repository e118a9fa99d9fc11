package app

import (
	"twostep/core"
)

// BeginEnrolment makes a new pending secret and returns what the person scans or types.
// Until ConfirmEnrolment, nothing about signing in changes; beginning again replaces it.
func (s *Service) BeginEnrolment(sess *Session) (core.Enrolment, error) {
	a, err := s.account(sess)
	if err != nil {
		return core.Enrolment{}, err
	}
	if a.TwoFactor {
		return core.Enrolment{}, core.Errorf(core.KindTwoFactorAlreadyOn, "")
	}
	e := core.NewEnrolment(a.Username)
	if err := s.secrets.Set(a.ID, core.SlotTOTPPending, []byte(e.Secret)); err != nil {
		return core.Enrolment{}, err
	}
	return e, nil
}

// ConfirmEnrolment turns two-step authentication on once the person proves their app
// makes the right codes, and returns the new backup codes to show once.
// Order: the secret goes into the keyring first, then bbolt says 2FA is on. A crash in
// between leaves 2FA off and an unused secret: the person signs in as before.
func (s *Service) ConfirmEnrolment(sess *Session, code string) ([]string, error) {
	a, err := s.account(sess)
	if err != nil {
		return nil, err
	}
	if a.TwoFactor {
		return nil, core.Errorf(core.KindTwoFactorAlreadyOn, "")
	}
	if _, err := core.NormalizeCode(code); err != nil {
		return nil, err
	}
	pending, err := s.secrets.Get(a.ID, core.SlotTOTPPending)
	if core.IsKind(err, core.KindSecretMissing) {
		return nil, core.Errorf(core.KindNotFound, "This setup has expired; press Enable to start again.")
	} else if err != nil {
		return nil, err
	}
	step, err := core.VerifyCode(string(pending), code, s.now(), 0)
	if err != nil {
		return nil, err
	}
	codes, set := core.NewBackupCodes(s.now())
	if err := s.secrets.Set(a.ID, core.SlotTOTP, pending); err != nil {
		return nil, err
	}
	err = s.store.UpdateAccount(a.ID, func(a *core.Account) error {
		if a.TwoFactor {
			return core.Errorf(core.KindTwoFactorAlreadyOn, "")
		}
		a.TwoFactor, a.LastStep, a.BackupCodes, a.Devices = true, step, set, nil
		return nil
	}, s.event(core.EventTwoFactorOn, ""), s.event(core.EventBackupGenerated, ""))
	if err != nil {
		return nil, err
	}
	_ = s.secrets.Delete(a.ID, core.SlotTOTPPending) // an orphan pending secret is harmless
	return codes, nil
}

// CancelEnrolment drops a pending secret; two-step authentication stays as it was.
func (s *Service) CancelEnrolment(sess *Session) error {
	if _, err := s.account(sess); err != nil {
		return err
	}
	return s.secrets.Delete(sess.ID, core.SlotTOTPPending)
}

// DisableTwoFactor turns two-step authentication off. It needs the password and a current
// code or a backup code, and removes the secret, the backup codes and every device's trust.
// bbolt is updated first, then the keyring entries go: a crash in between leaves 2FA off
// with orphan secrets, which nothing reads.
func (s *Service) DisableTwoFactor(sess *Session, password, code string) error {
	a, err := s.account(sess)
	if err != nil {
		return err
	}
	if !a.TwoFactor {
		return core.Errorf(core.KindTwoFactorOff, "")
	}
	use, err := s.reauthenticate(&a, password, code)
	if err != nil {
		return err
	}
	err = s.store.UpdateAccount(a.ID, func(a *core.Account) error {
		if err := use(a); err != nil {
			return err
		}
		a.TwoFactor, a.BackupCodes, a.Devices = false, core.BackupCodes{}, nil
		return nil
	}, s.event(core.EventTwoFactorOff, ""))
	if err != nil {
		return err
	}
	_ = s.secrets.Delete(a.ID, core.SlotDevice)
	return s.secrets.Delete(a.ID, core.SlotTOTP)
}

// RegenerateBackupCodes replaces the backup codes (the old set stops working) after the
// password is confirmed, and returns the new codes to show once.
func (s *Service) RegenerateBackupCodes(sess *Session, password string) ([]string, error) {
	a, err := s.account(sess)
	if err != nil {
		return nil, err
	}
	if !a.TwoFactor {
		return nil, core.Errorf(core.KindTwoFactorOff, "")
	}
	if err := s.checkPassword(a, password); err != nil {
		return nil, err
	}
	codes, set := core.NewBackupCodes(s.now())
	err = s.store.UpdateAccount(a.ID, func(a *core.Account) error {
		a.BackupCodes = set
		return nil
	}, s.event(core.EventBackupGenerated, ""))
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// checkPassword re-confirms the signed-in person's password, throttled like a sign-in.
func (s *Service) checkPassword(a core.Account, password string) error {
	key := core.AccountThrottleKey(a.ID)
	if err := s.checkThrottle(key); err != nil {
		return err
	}
	ok, err := core.CheckPassword(password, a.Password)
	if err != nil {
		return err
	}
	if !ok {
		return s.fail(key, a.ID, core.EventConfirmFailed, "wrong password", core.Errorf(core.KindWrongCredentials, "The password is wrong."))
	}
	return nil
}

// reauthenticate checks the password and, with 2FA on, a code or backup code. It returns
// the change that marks the code used, for the caller's transaction.
func (s *Service) reauthenticate(a *core.Account, password, code string) (func(*core.Account) error, error) {
	if err := s.checkPassword(*a, password); err != nil {
		return nil, err
	}
	if !a.TwoFactor {
		return func(*core.Account) error { return nil }, nil
	}
	if code == "" {
		return nil, core.Errorf(core.KindTwoFactorRequired, "")
	}
	use, what, err := s.checkSecondFactor(a, code)
	if countable(err) {
		return nil, s.fail(core.AccountThrottleKey(a.ID), a.ID, core.EventConfirmFailed, "wrong "+what, err)
	}
	return use, err
}
