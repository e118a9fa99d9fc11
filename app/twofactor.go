package app

import (
	"github.com/twostep-app/twostep/core"
)

// BeginEnrolment makes a new secret and returns what the person scans or types. The secret
// stays in the session's memory until ConfirmEnrolment; nothing about signing in changes
// before then, and beginning again replaces it.
func (s *Service) BeginEnrolment(sess *Session) (core.Enrolment, error) {
	a, k, err := s.account(sess)
	if err != nil {
		return core.Enrolment{}, err
	}
	defer k.wipe()
	if a.TwoFactor {
		return core.Enrolment{}, core.Fail(core.KindTwoFactorAlreadyOn, "")
	}
	e := core.NewIssuedEnrolment(s.issuer, a.Username)
	sess.setPending(e.Secret)
	return e, nil
}

// ConfirmEnrolment turns two-step authentication on once the person proves their app
// makes the right codes, and returns the new backup codes to show once. The account moves
// to a fresh key, boxed for this computer's new key and for each backup code, each with the
// password; the password alone opens it no more.
// Order: the computer key goes into the keyring first, then the record. A crash in between
// leaves 2FA off and an unused key, which opens nothing: the person signs in as before.
func (s *Service) ConfirmEnrolment(sess *Session, code string) ([]string, error) {
	a, k, err := s.account(sess)
	if err != nil {
		return nil, err
	}
	defer k.wipe()
	if a.TwoFactor {
		return nil, core.Fail(core.KindTwoFactorAlreadyOn, "")
	}
	step, pending, err := s.checkPending(sess, code, "error.setup.expired")
	if err != nil {
		return nil, err
	}
	computer := core.NewComputerKey()
	defer computer.Wipe()
	codes, set, err := core.NewBackupCodes(s.now(), a.ID)
	if err != nil {
		return nil, err
	}
	if err := s.secrets.Set(a.ID, core.SlotComputerKey, computer.Marshal()); err != nil {
		return nil, err
	}
	after := &keys{password: k.password, params: k.params, computer: &computer}
	err = s.rekey(sess, k, after, func(a *core.Account) error {
		if a.TwoFactor {
			return core.Fail(core.KindTwoFactorAlreadyOn, "")
		}
		if err := sameKeys(k, a); err != nil {
			return err
		}
		totp, err := k.account.SealTOTP(pending, a.ID)
		a.TwoFactor, a.LastTimeStep, a.BackupCodes, a.Devices, a.TOTP = true, step, set, nil, totp
		a.AddComputer(computer, s.device, s.now())
		return err
	}, s.event(core.Event{Kind: core.EventTwoFactorOn}), s.event(core.Event{Kind: core.EventBackupGenerated}))
	if err != nil {
		return nil, err
	}
	sess.setPending("")
	return codes, nil
}

// twoStepAccount is account, for a change that needs two-step on.
func (s *Service) twoStepAccount(sess *Session) (core.Account, *keys, error) {
	a, k, err := s.account(sess)
	if err == nil && !a.TwoFactor {
		k.wipe()
		return core.Account{}, nil, core.Fail(core.KindTwoFactorOff, "")
	}
	return a, k, err
}

// checkPending checks a code against the secret the session shows for setup, and returns
// the code's time step and the secret. expired names the sentence for a setup not begun.
func (s *Service) checkPending(sess *Session, code, expired string) (int64, string, error) {
	if _, err := core.NormalizeCode(code); err != nil {
		return 0, "", err
	}
	pending := sess.pendingSecret()
	if pending == "" {
		return 0, "", core.Fail(core.KindNotFound, expired)
	}
	step, err := core.VerifyCode(pending, code, s.now(), 0)
	return step, pending, err
}

// CancelEnrolment drops a pending secret; two-step authentication stays as it was.
func (s *Service) CancelEnrolment(sess *Session) error {
	_, k, err := s.account(sess)
	if err != nil {
		return err
	}
	k.wipe()
	sess.setPending("")
	return nil
}

// DisableTwoFactor turns two-step authentication off. It needs the password and a current
// code or a backup code, and removes the secret, the backup codes and every computer; the
// account moves to a fresh key, boxed for the password alone. The record goes first, then
// this computer's key: a crash in between leaves an orphan key, which opens nothing.
func (s *Service) DisableTwoFactor(sess *Session, password, code string) error {
	a, k, err := s.twoStepAccount(sess)
	if err != nil {
		return err
	}
	defer k.wipe()
	use, err := s.reauthenticate(k, &a, password, code)
	if err != nil {
		return err
	}
	after := &keys{password: k.password, params: k.params}
	err = s.rekey(sess, k, after, func(a *core.Account) error {
		if err := sameKeys(k, a); err != nil {
			return err
		}
		if err := use(a); err != nil {
			return err
		}
		a.TwoFactor, a.BackupCodes, a.Devices, a.TOTP = false, core.BackupCodes{}, nil, nil
		return nil
	}, s.event(core.Event{Kind: core.EventTwoFactorOff}))
	if err != nil {
		return err
	}
	// Best effort: two-step is off already, and an orphan key opens nothing.
	s.cleanupFailed("delete this computer's key", s.secrets.Delete(a.ID, core.SlotComputerKey))
	return nil
}

// RegenerateBackupCodes replaces the backup codes after the password and a verification
// code or backup code are confirmed, and returns the new codes to show once. The account
// moves to a fresh key, boxed for the new codes and the computers: the old codes open nothing
// in this data file (a copy made before keeps its own old codes, for its own old key).
func (s *Service) RegenerateBackupCodes(sess *Session, password, code string) ([]string, error) {
	a, k, err := s.twoStepAccount(sess)
	if err != nil {
		return nil, err
	}
	defer k.wipe()
	use, err := s.reauthenticate(k, &a, password, code)
	if err != nil {
		return nil, err
	}
	codes, set, err := core.NewBackupCodes(s.now(), a.ID)
	if err != nil {
		return nil, err
	}
	err = s.rekey(sess, k, nil, func(a *core.Account) error {
		if err := sameKeys(k, a); err != nil {
			return err
		}
		if err := use(a); err != nil {
			return err
		}
		a.BackupCodes = set
		return nil
	}, s.event(core.Event{Kind: core.EventBackupGenerated}))
	if err != nil {
		return nil, err
	}
	return codes, nil
}
