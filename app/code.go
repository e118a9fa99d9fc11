package app

import (
	"github.com/twostep-app/twostep/core"
)

// SubmitCode answers a sign-in challenge with the 6-digit code from the authenticator app.
// With trust, this machine becomes a trusted device and later sign-ins here skip the code.
func (s *Service) SubmitCode(challengeID, code string, trust bool) (*Session, error) {
	return s.secondStep(challengeID, trust, core.MethodPasswordCode, func(ch *challenge, a *core.Account) (func(*core.Account) error, error) {
		if ch.keys.account == nil {
			return nil, core.Fail(core.KindComputerKeyMissing, "")
		}
		return s.checkTOTP(ch.secret, a, code)
	})
}

// SubmitBackupCode answers a sign-in challenge with a backup code, which is then used up.
// It returns how many backup codes are left. On a computer without the account's key, the
// code and the password open the account key, and this computer gets a new key.
func (s *Service) SubmitBackupCode(challengeID, code string, trust bool) (*Session, int, error) {
	left := 0
	sess, err := s.secondStep(challengeID, trust, core.MethodBackupCode, func(ch *challenge, a *core.Account) (func(*core.Account) error, error) {
		use, err := s.checkBackup(ch, a, code)
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
	if sess != nil && sess.NewBackupCodes != nil {
		left = len(sess.NewBackupCodes) // the upgrade from 0.1 replaced the set the code was in
	}
	return sess, left, err
}

// check looks at a code against the account as read, and returns the change that marks it
// used, to be applied in the transaction that completes the sign-in. It may fill in the
// challenge (its own copy), as a backup code on a computer without the account's key does.
type check func(ch *challenge, a *core.Account) (func(*core.Account) error, error)

func (s *Service) secondStep(challengeID string, trust bool, method core.Method, verify check) (*Session, error) {
	shared, err := s.challenge(challengeID)
	if err != nil {
		return nil, err
	}
	ch := *shared // racing submits each work on their own copy
	key := core.AccountThrottleKey(ch.id)
	defer s.attempts.lock(key)()
	th, err := s.throttle(key)
	if err != nil {
		return nil, err
	}
	if ch.capped = th.Capped(); ch.capped && method == core.MethodPasswordCode {
		return nil, core.Fail(core.KindCodesCapped, "") // refused unchecked, wait or no wait
	}
	if err := th.Codes.Check(s.now()); err != nil {
		return nil, err
	}
	a, err := s.store.Account(ch.id)
	if err != nil {
		return nil, err
	}
	use, err := verify(&ch, &a)
	if countable(err) {
		wrong, c := factorOf(method), codes
		if core.IsKind(err, core.KindWrongCredentials) {
			// Found out only now, by the backup code that was right: a password guess.
			wrong, c = core.FactorPassword, passwords
			s.dropChallenge(challengeID)
		}
		return nil, s.fail(key, c, ch.id, core.EventSignInFailed, wrong, err)
	} else if err != nil {
		return nil, err
	}
	events := []core.Event{s.event(core.Event{Kind: core.EventSignIn, Method: method})}
	if method == core.MethodBackupCode {
		events = append(events, s.event(core.Event{Kind: core.EventBackupUsed, Count: a.BackupCodes.Left() - 1}))
	}
	if ch.newKey {
		events = append(events, s.event(core.Event{Kind: core.EventComputerSetUp}))
	}
	change := use
	if trust {
		change = s.trusting(&ch, use)
		events = append(events, s.event(core.Event{Kind: core.EventDeviceTrusted, Name: s.device}))
	}
	sess, err := s.complete(&ch, change, events...)
	if err != nil {
		return nil, err
	}
	s.dropChallenge(challengeID)
	return sess, nil
}

func factorOf(method core.Method) core.Factor {
	if method == core.MethodBackupCode {
		return core.FactorBackupCode
	}
	return core.FactorCode
}

// trusting adds this computer to the trusted devices after the second step's own change.
func (s *Service) trusting(ch *challenge, then func(*core.Account) error) func(*core.Account) error {
	return func(a *core.Account) error {
		if err := then(a); err != nil {
			return err
		}
		a.Trust(ch.keys.device(), s.device, s.now())
		return nil
	}
}

// checkTOTP verifies a code against the account's secret and returns the change that
// records its time step.
func (s *Service) checkTOTP(secret string, a *core.Account, code string) (func(*core.Account) error, error) {
	if _, err := core.NormalizeCode(code); err != nil {
		return nil, err // malformed: no attempt spent
	}
	if secret == "" {
		return nil, core.Fail(core.KindSecretMissing, "error.secret.lost")
	}
	step, err := core.VerifyCode(secret, code, s.now(), a.LastStep)
	if err != nil {
		return nil, err
	}
	return func(a *core.Account) error { return a.AcceptStep(step) }, nil
}

// checkBackup finds the code in the set as read (the slow argon2id part), and returns the
// change that spends it on the set as read inside the transaction. Without the account key
// (no usable computer key here) the code must also open it, with the password.
func (s *Service) checkBackup(ch *challenge, a *core.Account, code string) (func(*core.Account) error, error) {
	if ch.keys.account == nil && a.BackupCodes.Left() == 0 {
		return nil, core.Fail(core.KindComputerKeyMissing, "error.backup-codes.none-left")
	}
	m, err := a.BackupCodes.Find(code, a.ID)
	if err != nil {
		return nil, err
	}
	if ch.keys.account == nil {
		if err := s.recover(ch, *a, m); err != nil {
			return nil, err
		}
	}
	return func(a *core.Account) error { return a.BackupCodes.MarkUsed(m) }, nil
}

// recover opens the account key with the password and the recovery key that backup code m
// unwraps, and readies a new key for this computer, to be written when the sign-in completes.
func (s *Service) recover(ch *challenge, a core.Account, m core.Match) error {
	rk, err := a.BackupCodes.RecoveryKey(m, a.ID)
	if err != nil {
		return err
	}
	ak, err := a.Keys.OpenWithRecovery(ch.keys.password, rk, a.ID)
	if err != nil {
		// The code was right, so the password typed before it was not: start again from it.
		return core.Fail(core.KindWrongCredentials, "error.password.wrong-before-backup")
	}
	if err := ak.Verify(a); err != nil {
		return err
	}
	ck := core.NewComputerKey()
	ch.keys.account, ch.keys.computer, ch.twoFactor = ak, &ck, a.TwoFactor
	ch.relock, ch.newKey = true, true
	return nil
}

// checkSecondFactor accepts either a verification code or a backup code, as confirming a
// change in Settings does; after too many wrong codes in a row, only a backup code.
func (s *Service) checkSecondFactor(k *keys, a *core.Account, code string) (func(*core.Account) error, core.Factor, error) {
	if _, err := core.NormalizeCode(code); err == nil {
		secret, err := k.account.OpenTOTP(a.TOTP, a.ID)
		if err != nil && !core.IsKind(err, core.KindSecretMissing) {
			return nil, core.FactorCode, err
		}
		use, err := s.checkTOTP(secret, a, code)
		return use, core.FactorCode, err
	}
	m, err := a.BackupCodes.Find(code, a.ID)
	if core.IsKind(err, core.KindMalformedCode) {
		err = core.Fail(core.KindMalformedCode, "error.code.malformed-or-backup", "Digits", core.CodeDigits)
	}
	if err != nil {
		return nil, core.FactorBackupCode, err
	}
	return func(a *core.Account) error { return a.BackupCodes.MarkUsed(m) }, core.FactorBackupCode, nil
}
