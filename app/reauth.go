package app

import (
	"github.com/twostep-app/twostep/core"
)

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
	defer clear(p)
	if !p.Same(k.password) {
		return s.fail(key, passwords, a.ID, core.EventConfirmFailed, core.FactorPassword, core.Fail(core.KindWrongCredentials, "error.password.wrong"))
	}
	return nil
}

// reauthenticate checks the password and, with 2FA on, a code or backup code. It returns
// the change that marks the code used, for the caller's transaction.
func (s *Service) reauthenticate(k *keys, a *core.Account, password, code string) (core.Change, error) {
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
	if th.Capped() && CodeComplete(code) { // a verification code, not a backup code
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
