package app

import (
	"github.com/twostep-app/twostep/core"
)

// SubmitCode answers a sign-in challenge with the 6-digit code from the authenticator app.
// With trust, this machine becomes a trusted device and later sign-ins here skip the code.
func (s *Service) SubmitCode(challengeID, code string, trust bool) (*Session, error) {
	return s.secondStep(challengeID, trust, core.MethodPasswordCode, func(ch *challenge, a *core.Account) (core.Change, error) {
		if ch.locked {
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
	sess, err := s.secondStep(challengeID, trust, core.MethodBackupCode, func(ch *challenge, a *core.Account) (core.Change, error) {
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
		left = len(sess.NewBackupCodes) // moving the account on replaced the set the code was in
	}
	return sess, left, err
}

// check looks at a code against the account as read, and returns the change that marks it
// used, to be applied in the transaction that completes the sign-in. It may fill in the
// challenge (its own copy), as a backup code on a computer without the account's key does.
type check func(ch *challenge, a *core.Account) (core.Change, error)

func (s *Service) secondStep(challengeID string, trust bool, method core.Method, verify check) (*Session, error) {
	first, err := s.challenge(challengeID)
	if err != nil {
		return nil, err
	}
	first.keys.wipe()
	key := core.AccountThrottleKey(first.id)
	defer s.attempts.lock(key)()
	// Taken again in this attempt's turn: a twin submit of the same code that completed the
	// sign-in meanwhile is told so, and no attempt is counted.
	ch, err := s.challenge(challengeID)
	if err != nil {
		return nil, err
	}
	defer ch.keys.wipe()
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
	if ch.upgrade == nil && !ch.locked {
		if err := ch.keys.follow(a, nil); err != nil {
			return nil, err
		}
		if ch.twoFactor && a.TwoFactor { // the authenticator may have been set up again meanwhile
			if ch.secret, err = ch.keys.account.OpenTOTP(a.TOTP, a.ID); core.IsKind(err, core.KindSecretMissing) {
				err = nil
			}
			if err != nil {
				return nil, err
			}
		}
	}
	use, err := verify(ch, &a)
	if countable(err) {
		wrong, c := factorOf(method), codes
		if core.IsKind(err, core.KindWrongCredentials) {
			// Found out only now, by the backup code that was right: a password guess.
			wrong, c = core.FactorPassword, passwords
			s.dropChallenge(challengeID, false)
		}
		return nil, s.fail(key, c, ch.id, core.EventSignInFailed, wrong, err)
	} else if err != nil {
		return nil, err
	}
	sess, err := s.complete(ch, use, trust, s.secondStepEvents(ch, a, method, trust)...)
	if err != nil {
		return nil, err
	}
	s.dropChallenge(challengeID, true)
	return sess, nil
}

func (s *Service) secondStepEvents(ch *challenge, a core.Account, method core.Method, trust bool) []core.Event {
	events := []core.Event{s.event(core.Event{Kind: core.EventSignIn, Method: method})}
	if method == core.MethodBackupCode {
		events = append(events, s.event(core.Event{Kind: core.EventBackupUsed, Count: a.BackupCodes.Left() - 1}))
	}
	if ch.newKey && ch.upgrade == nil {
		events = append(events, s.event(core.Event{Kind: core.EventComputerSetUp}))
	}
	if trust {
		events = append(events, s.event(core.Event{Kind: core.EventDeviceTrusted, Name: s.device}))
	}
	return events
}

func factorOf(method core.Method) core.Factor {
	if method == core.MethodBackupCode {
		return core.FactorBackupCode
	}
	return core.FactorCode
}

// checkTOTP verifies a code against the account's secret and returns the change that
// records its time step.
func (s *Service) checkTOTP(secret string, a *core.Account, code string) (core.Change, error) {
	if _, err := core.NormalizeCode(code); err != nil {
		return nil, err // malformed: no attempt spent
	}
	if secret == "" {
		return nil, core.Fail(core.KindSecretMissing, "error.secret.lost")
	}
	step, err := core.VerifyCode(secret, code, s.now(), a.LastTimeStep)
	if err != nil {
		return nil, err
	}
	return func(a *core.Account) error { return a.AcceptTimeStep(step) }, nil
}

// checkBackup finds the code in the set as read (the slow argon2id part), and returns the
// change that spends it on the set as read inside the transaction; spending one moves the
// account to a fresh key. On a computer without the account's key the code must also open it,
// with the password.
func (s *Service) checkBackup(ch *challenge, a *core.Account, code string) (core.Change, error) {
	if ch.locked && a.BackupCodes.Left() == 0 {
		return nil, core.Fail(core.KindComputerKeyMissing, "error.backup-codes.none-left")
	}
	m, err := a.BackupCodes.Find(code, a.ID)
	if err != nil {
		return nil, err
	}
	if ch.locked {
		if err := s.recover(ch, *a, m); err != nil {
			return nil, err
		}
	}
	ch.rekey = true
	return func(a *core.Account) error { return a.SpendBackupCode(m) }, nil
}

// recover opens the account key with the password and backup code m, and readies a new key
// for this computer, to be written when the sign-in completes.
func (s *Service) recover(ch *challenge, a core.Account, m core.Match) error {
	if a.Schema == 2 {
		return s.recoverV2(ch, a, m)
	}
	ak, err := a.Keys.OpenWithCode(ch.keys.password, m, a.ID)
	if core.IsKind(err, core.KindWrongCredentials) {
		// The code was right, so the password typed before it was not: start again from it.
		return core.Fail(core.KindWrongCredentials, "error.password.wrong-before-backup")
	} else if err != nil {
		return err
	}
	if err := ch.opened(a, ak); err != nil {
		return err
	}
	ck := core.NewComputerKey()
	ch.keys.computer, ch.newKey = &ck, true
	return nil
}

// checkSecondFactor accepts either a verification code or a backup code, as confirming a
// change in Settings does; after too many wrong codes in a row, only a backup code.
func (s *Service) checkSecondFactor(k *keys, a *core.Account, code string) (core.Change, core.Factor, error) {
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
	return func(a *core.Account) error { return a.SpendBackupCode(m) }, core.FactorBackupCode, nil
}
