package app

import (
	"fmt"

	"twostep/core"
)

// SubmitCode answers a sign-in challenge with the 6-digit code from the authenticator app.
// With trust, this machine becomes a trusted device and later sign-ins here skip the code.
func (s *Service) SubmitCode(challengeID, code string, trust bool) (*Session, error) {
	return s.secondStep(challengeID, trust, core.MethodPasswordCode, func(a *core.Account) (func(*core.Account) error, error) {
		return s.checkTOTP(a, code)
	})
}

// SubmitBackupCode answers a sign-in challenge with a backup code, which is then used up.
// It returns how many backup codes are left.
func (s *Service) SubmitBackupCode(challengeID, code string, trust bool) (*Session, int, error) {
	left := 0
	sess, err := s.secondStep(challengeID, trust, core.MethodBackupCode, func(a *core.Account) (func(*core.Account) error, error) {
		use, err := checkBackup(a, code)
		if err != nil {
			return nil, err
		}
		return func(a *core.Account) error {
			if err := use(a); err != nil {
				return err
			}
			left = a.BackupCodes.Left()
			return nil
		}, nil
	})
	return sess, left, err
}

// check looks at a code against the account as read, and returns the change that marks it
// used, to be applied in the transaction that completes the sign-in.
type check func(a *core.Account) (func(*core.Account) error, error)

func (s *Service) secondStep(challengeID string, trust bool, method string, verify check) (*Session, error) {
	ch, err := s.challenge(challengeID)
	if err != nil {
		return nil, err
	}
	key := core.AccountThrottleKey(ch.id)
	if err := s.checkThrottle(key); err != nil {
		return nil, err
	}
	a, err := s.store.Account(ch.id)
	if err != nil {
		return nil, err
	}
	use, err := verify(&a)
	if countable(err) {
		return nil, s.fail(key, ch.id, core.EventSignInFailed, "wrong "+codeName(method), err)
	} else if err != nil {
		return nil, err
	}
	events := []core.Event{s.event(core.EventSignIn, method)}
	if method == core.MethodBackupCode {
		events = append(events, s.event(core.EventBackupUsed, fmt.Sprintf("%d left", a.BackupCodes.Left()-1)))
	}
	change := use
	if trust {
		if change, err = s.trustThisDevice(ch.id, use); err != nil {
			return nil, err
		}
		events = append(events, s.event(core.EventDeviceTrusted, s.device))
	}
	sess, err := s.complete(ch, change, events...)
	if err != nil {
		return nil, err
	}
	s.dropChallenge(challengeID)
	return sess, nil
}

func codeName(method string) string {
	if method == core.MethodBackupCode {
		return "backup code"
	}
	return "verification code"
}

// checkTOTP verifies a code against the account's secret and returns the change that
// records its time step, re-checked inside the transaction so that two windows racing
// with the same code cannot both win.
func (s *Service) checkTOTP(a *core.Account, code string) (func(*core.Account) error, error) {
	if _, err := core.NormalizeCode(code); err != nil {
		return nil, err // malformed: no keyring trip, no attempt spent
	}
	secret, err := s.secrets.Get(a.ID, core.SlotTOTP)
	switch {
	case core.IsKind(err, core.KindSecretMissing):
		return nil, core.Errorf(core.KindSecretMissing, "The authenticator secret is missing from this computer's keyring. Use a backup code, then turn two-step authentication off and on again.")
	case core.IsKind(err, core.KindDataCorrupt), err == nil && !core.ValidSecret(string(secret)):
		return nil, core.Errorf(core.KindSecretMissing, "The authenticator secret in this computer's keyring is damaged. Use a backup code, then turn two-step authentication off and on again.")
	case err != nil:
		return nil, err
	}
	step, err := core.VerifyCode(string(secret), code, s.now(), a.LastStep)
	if err != nil {
		return nil, err
	}
	return func(a *core.Account) error {
		if step <= a.LastStep {
			return core.Errorf(core.KindCodeReused, "")
		}
		a.LastStep = step
		return nil
	}, nil
}

// checkBackup finds the code in the set as read (the slow argon2id part), and returns the
// change that spends it on the set as read inside the transaction.
func checkBackup(a *core.Account, code string) (func(*core.Account) error, error) {
	i, err := a.BackupCodes.Find(code)
	if err != nil {
		return nil, err
	}
	params := a.BackupCodes.Params
	return func(a *core.Account) error { return a.BackupCodes.MarkUsed(i, params) }, nil
}

// checkSecondFactor accepts either a verification code or a backup code, as turning 2FA
// off and changing the password do.
func (s *Service) checkSecondFactor(a *core.Account, code string) (func(*core.Account) error, string, error) {
	if _, err := core.NormalizeCode(code); err == nil {
		use, err := s.checkTOTP(a, code)
		return use, "verification code", err
	}
	use, err := checkBackup(a, code)
	if core.IsKind(err, core.KindMalformedCode) {
		err = core.Errorf(core.KindMalformedCode, "Enter the 6-digit code from your authenticator app, or a backup code.")
	}
	return use, "backup code", err
}
