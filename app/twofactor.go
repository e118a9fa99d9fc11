package app

import (
	"github.com/twostep-app/twostep/core"
)

// BeginEnrolment makes a new secret and returns what the person scans or types. The secret
// stays in the session's memory until ConfirmEnrolment; nothing about signing in changes
// before then, and beginning again replaces it.
func (s *Service) BeginEnrolment(sess *Session) (core.Enrolment, error) {
	a, _, err := s.account(sess)
	if err != nil {
		return core.Enrolment{}, err
	}
	if a.TwoFactor {
		return core.Enrolment{}, core.Fail(core.KindTwoFactorAlreadyOn, "")
	}
	e := core.NewEnrolment(a.Username)
	sess.setPending(e.Secret)
	return e, nil
}

// ConfirmEnrolment turns two-step authentication on once the person proves their app
// makes the right codes, and returns the new backup codes to show once. The account key is
// then wrapped under the password with this computer's new key, and with the recovery key
// of the backup codes; the password alone opens it no more.
// Order: the computer key goes into the keyring first, then the record. A crash in between
// leaves 2FA off and an unused key, which opens nothing: the person signs in as before.
func (s *Service) ConfirmEnrolment(sess *Session, code string) ([]string, error) {
	a, k, err := s.account(sess)
	if err != nil {
		return nil, err
	}
	if a.TwoFactor {
		return nil, core.Fail(core.KindTwoFactorAlreadyOn, "")
	}
	if _, err := core.NormalizeCode(code); err != nil {
		return nil, err
	}
	pending := sess.pendingSecret()
	if pending == "" {
		return nil, core.Fail(core.KindNotFound, "error.setup.expired")
	}
	step, err := core.VerifyCode(pending, code, s.now(), 0)
	if err != nil {
		return nil, err
	}
	computer := core.NewComputerKey()
	second := core.SecondSecrets{Computers: []core.ComputerKey{computer}, Recovery: core.NewRecoveryKey()}
	codes, set, err := core.NewBackupCodes(s.now(), second.Recovery, a.ID)
	if err != nil {
		return nil, err
	}
	totp, err := k.account.SealTOTP(pending, a.ID)
	if err != nil {
		return nil, err
	}
	if err := s.secrets.Set(a.ID, core.SlotComputerKey, computer.Marshal()); err != nil {
		return nil, err
	}
	err = s.update(sess, k, relocking(k, func(a *core.Account) error {
		if a.TwoFactor {
			return core.Fail(core.KindTwoFactorAlreadyOn, "")
		}
		a.TwoFactor, a.LastStep, a.BackupCodes, a.Devices, a.TOTP = true, step, set, nil, totp
		return a.Keys.Lock(k.account, k.password, k.params, &second, a.ID)
	}), s.event(core.Event{Kind: core.EventTwoFactorOn}), s.event(core.Event{Kind: core.EventBackupGenerated}))
	if err != nil {
		return nil, err
	}
	next := *k
	next.computer = &computer
	sess.setKeys(&next)
	sess.setPending("")
	return codes, nil
}

// CancelEnrolment drops a pending secret; two-step authentication stays as it was.
func (s *Service) CancelEnrolment(sess *Session) error {
	if _, _, err := s.account(sess); err != nil {
		return err
	}
	sess.setPending("")
	return nil
}

// DisableTwoFactor turns two-step authentication off. It needs the password and a current
// code or a backup code, and removes the secret, the backup codes and every device's trust;
// the account key is wrapped under the password alone again. The record goes first, then
// this computer's key: a crash in between leaves an orphan key, which opens nothing.
func (s *Service) DisableTwoFactor(sess *Session, password, code string) error {
	a, k, err := s.account(sess)
	if err != nil {
		return err
	}
	if !a.TwoFactor {
		return core.Fail(core.KindTwoFactorOff, "")
	}
	use, err := s.reauthenticate(k, &a, password, code)
	if err != nil {
		return err
	}
	err = s.update(sess, k, relocking(k, func(a *core.Account) error {
		if err := use(a); err != nil {
			return err
		}
		a.TwoFactor, a.BackupCodes, a.Devices, a.TOTP = false, core.BackupCodes{}, nil, nil
		return a.Keys.Lock(k.account, k.password, k.params, nil, a.ID)
	}), s.event(core.Event{Kind: core.EventTwoFactorOff}))
	if err != nil {
		return err
	}
	next := *k
	next.computer = nil
	sess.setKeys(&next)
	// Best effort: two-step is off already, and an orphan key opens nothing.
	s.cleanupFailed("delete this computer's key", s.secrets.Delete(a.ID, core.SlotComputerKey))
	return nil
}

// RegenerateBackupCodes replaces the backup codes after the password and a verification
// code or backup code are confirmed, and returns the new codes to show once. The new set
// unwraps a new recovery key, and the account key is wrapped under that one only: the old
// codes open nothing in this data file (a copy made before keeps its own old codes).
func (s *Service) RegenerateBackupCodes(sess *Session, password, code string) ([]string, error) {
	a, k, err := s.account(sess)
	if err != nil {
		return nil, err
	}
	if !a.TwoFactor {
		return nil, core.Fail(core.KindTwoFactorOff, "")
	}
	use, err := s.reauthenticate(k, &a, password, code)
	if err != nil {
		return nil, err
	}
	recovery := core.NewRecoveryKey()
	codes, set, err := core.NewBackupCodes(s.now(), recovery, a.ID)
	if err != nil {
		return nil, err
	}
	err = s.update(sess, k, rewrap(k, use, k.password, k.params, func(a *core.Account, second *core.SecondSecrets) {
		second.Recovery, a.BackupCodes = recovery, set
	}), s.event(core.Event{Kind: core.EventBackupGenerated}))
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// checkPassword re-confirms the signed-in person's password, throttled like a sign-in: the
// password is stretched again and compared with the session's, in constant time. No keyring
// trip, and nothing in the data file that could check a password without the account key.
func (s *Service) checkPassword(k *keys, a core.Account, password string) error {
	key := core.AccountThrottleKey(a.ID)
	defer s.attempts.lock(key)()
	if err := s.checkThrottle(key, passwords); err != nil {
		return err
	}
	if a.Keys.Params != k.params {
		return staleSession()
	}
	p, err := core.StretchPassword(password, a.Keys.Params)
	if err != nil {
		return err
	}
	if !p.Same(k.password) {
		return s.fail(key, passwords, a.ID, core.EventConfirmFailed, core.FactorPassword, core.Fail(core.KindWrongCredentials, "error.password.wrong"))
	}
	return nil
}

// reauthenticate checks the password and, with 2FA on, a code or backup code. It returns
// the change that marks the code used, for the caller's transaction.
func (s *Service) reauthenticate(k *keys, a *core.Account, password, code string) (func(*core.Account) error, error) {
	if err := s.checkPassword(k, *a, password); err != nil {
		return nil, err
	}
	if !a.TwoFactor {
		return func(*core.Account) error { return nil }, nil
	}
	if code == "" {
		return nil, core.Fail(core.KindTwoFactorRequired, "")
	}
	key := core.AccountThrottleKey(a.ID)
	defer s.attempts.lock(key)()
	th, err := s.throttle(key)
	if err != nil {
		return nil, err
	}
	if _, notTOTP := core.NormalizeCode(code); th.Capped() && notTOTP == nil {
		return nil, core.Fail(core.KindCodesCapped, "") // refused unchecked, wait or no wait
	}
	if err := th.Codes.Check(s.now()); err != nil {
		return nil, err
	}
	use, factor, err := s.checkSecondFactor(k, a, code)
	if countable(err) {
		return nil, s.fail(key, codes, a.ID, core.EventConfirmFailed, factor, err)
	}
	return use, err
}
