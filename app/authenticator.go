package app

import (
	"github.com/twostep-app/twostep/core"
)

// Setting up the authenticator again gives the account a new TOTP secret without turning
// two-step off: a person who fears that an old copy of the data file, and so the secret
// sealed in it, has leaked makes that secret worthless. The password and a code (or a
// backup code) confirm it; a code from the new entry proves the new secret before it
// replaces the old one, which is then refused.

// BeginNewAuthenticator checks the password and a verification code or backup code, spends
// the code, and returns the new secret to scan. Nothing about signing in changes until
// ConfirmNewAuthenticator.
func (s *Service) BeginNewAuthenticator(sess *Session, password, code string) (core.Enrolment, error) {
	a, k, err := s.twoStepAccount(sess)
	if err != nil {
		return core.Enrolment{}, err
	}
	defer k.wipe()
	use, err := s.reauthenticate(k, &a, password, code)
	if err != nil {
		return core.Enrolment{}, err
	}
	spend := func(a *core.Account) error {
		if err := sameKeys(k, a); err != nil {
			return err
		}
		return use(a)
	}
	if CodeComplete(code) {
		err = s.update(sess, k, spend)
	} else {
		err = s.rekey(sess, k, nil, spend) // a backup code was spent
	}
	if err != nil {
		return core.Enrolment{}, err
	}
	e := core.NewIssuedEnrolment(s.issuer, a.Username)
	sess.setPending(e.Secret)
	return e, nil
}

// ConfirmNewAuthenticator replaces the TOTP secret with the one BeginNewAuthenticator showed,
// once code proves the app makes it, and moves the account to a fresh key.
func (s *Service) ConfirmNewAuthenticator(sess *Session, code string) error {
	_, k, err := s.twoStepAccount(sess)
	if err != nil {
		return err
	}
	defer k.wipe()
	step, pending, err := s.checkPending(sess, code, "error.new-authenticator.expired")
	if err != nil {
		return err
	}
	err = s.rekey(sess, k, nil, func(a *core.Account) error {
		if err := sameKeys(k, a); err != nil {
			return err
		}
		totp, err := k.account.SealTOTP(pending, a.ID)
		a.TOTP, a.LastTimeStep = totp, step // the old secret's steps mean nothing to the new one
		return err
	}, s.event(core.Event{Kind: core.EventAuthenticatorReplaced}))
	if err != nil {
		return err
	}
	sess.setPending("")
	return nil
}
