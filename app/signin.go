package app

import (
	"encoding/hex"
	"strings"
	"time"

	"github.com/twostep-app/twostep/core"
)

// ChallengeTTL is how long a sign-in waits for its verification code after the password.
const ChallengeTTL = 5 * time.Minute

// SignInResult is either a Session (signed in) or a Challenge to answer with a verification
// code or a backup code. NeedsBackupCode says that only a backup code can answer it, and Note
// says why: this computer's keyring lacks the account's key (a new computer, an erased
// keyring, a data file restored from a backup), where a backup code with the password sets
// this computer up again; or too many wrong codes were typed since the last sign-in.
type SignInResult struct {
	Session         *Session
	Challenge       string
	NeedsBackupCode bool
	Note            string
}

// challenge is a sign-in whose password step is done and whose second step is pending.
type challenge struct {
	id        core.AccountID
	username  string
	expires   time.Time
	keys      keys   // keys.account is nil while only a backup code can go on
	secret    string // the TOTP secret, opened at the password step ("" if the account has none)
	twoFactor bool
	trusted   bool     // this computer is a trusted device: no code needed
	capped    bool     // too many wrong codes since the last sign-in: only a backup code
	relock    bool     // wrap the account key again at completion (stronger argon2id costs, a new computer key)
	newKey    bool     // keys.computer is new: it goes into the keyring before the record names it
	legacy    bool     // the record says 0.1's keyring entries may still be there: delete them
	upgrade   *upgrade // a Twostep 0.1 record, upgraded when the sign-in completes
}

// SignIn checks username and password. An unknown username costs the same argon2 work
// and gives the same answer as a wrong password, so names cannot be probed.
func (s *Service) SignIn(username, password string) (SignInResult, error) {
	username = strings.TrimSpace(username)
	if username == "" || password == "" {
		return SignInResult{}, core.Fail(core.KindInvalid, "error.signin.empty")
	}
	a, err := s.store.AccountByUsername(username)
	if core.IsKind(err, core.KindNotFound) {
		return SignInResult{}, s.unknownName(username, password)
	} else if err != nil {
		return SignInResult{}, err
	}
	key := core.AccountThrottleKey(a.ID)
	defer s.attempts.lock(key)()
	th, err := s.throttle(key)
	if err != nil {
		return SignInResult{}, err
	}
	if err := th.Check(s.now()); err != nil {
		return SignInResult{}, err
	}
	var ch *challenge
	if a.Schema < core.Schema {
		ch, err = s.legacyPasswordStep(a, password)
	} else {
		ch, err = s.passwordStep(a, password)
	}
	if core.IsKind(err, core.KindWrongCredentials) {
		return SignInResult{}, s.fail(key, passwords, a.ID, core.EventSignInFailed, core.FactorPassword, err)
	} else if err != nil {
		return SignInResult{}, err
	}
	ch.capped = th.Capped()
	return s.afterPassword(a, ch)
}

// unknownName answers a sign-in at a name with no account exactly as a wrong password
// would: same throttle, same argon2id work, same error.
func (s *Service) unknownName(username, password string) error {
	key := core.NameThrottleKey(s.store.InstallKey(), username)
	defer s.attempts.lock(key)()
	if err := s.checkThrottle(key, passwords); err != nil {
		return err
	}
	core.BurnPasswordCheck(password)
	return s.fail(key, passwords, "", core.EventSignInFailed, core.FactorPassword, core.Fail(core.KindWrongCredentials, ""))
}

func (s *Service) newChallenge(a core.Account) *challenge {
	return &challenge{id: a.ID, username: a.Username, expires: s.now().Add(ChallengeTTL), legacy: a.LegacyKeyring}
}

// passwordStep stretches the password once and opens the account key with it: alone (two-step
// off) or with this computer's key. Without a usable computer key only a backup code can go on.
// The wraps present are tried, not the ones the two-step flag names, so a flag flipped outside
// Twostep still opens the key and then fails the record's authenticator, which says so.
func (s *Service) passwordStep(a core.Account, password string) (*challenge, error) {
	ch := s.newChallenge(a)
	p, err := core.StretchPassword(password, a.Keys.Params)
	if err != nil {
		return nil, err
	}
	ch.keys.password, ch.keys.params = p, a.Keys.Params
	ak, err := s.openAccountKey(a, ch)
	if err != nil || ak == nil {
		return ch, err
	}
	if err := ak.Verify(a); err != nil {
		return nil, err
	}
	ch.keys.account, ch.twoFactor = ak, a.TwoFactor
	if a.TwoFactor {
		ch.trusted = a.Trusted(ch.keys.device()) >= 0
		if ch.secret, err = ak.OpenTOTP(a.TOTP, a.ID); err != nil && !core.IsKind(err, core.KindSecretMissing) {
			return nil, err
		}
	}
	if core.WeakParams(a.Keys.Params, core.MinPasswordParams) {
		ch.keys.params, ch.relock = core.NewPasswordParams(), true
		ch.keys.password, err = core.StretchPassword(password, ch.keys.params)
	}
	return ch, err
}

// openAccountKey tries the password wrap, then the computer wrap. It returns nil and no
// error when only the recovery wrap is left to try (this computer has no usable key).
func (s *Service) openAccountKey(a core.Account, ch *challenge) (core.AccountKey, error) {
	var err error = core.Fail(core.KindWrongCredentials, "")
	if len(a.Keys.Password) > 0 {
		var ak core.AccountKey
		if ak, err = a.Keys.OpenWithPassword(ch.keys.password, a.ID); err == nil {
			return ak, nil
		}
	}
	if len(a.Keys.Computers) == 0 {
		return nil, err
	}
	ck, kerr := s.computerKey(a)
	if kerr != nil || ck == nil {
		return nil, kerr
	}
	ch.keys.computer = ck
	return a.Keys.OpenWithComputer(ch.keys.password, *ck, a.ID)
}

// computerKey reads this computer's key for the account. None, one damaged by another
// program, or one the record was not locked with (a data file restored from before this
// computer was set up again) all read as none: a backup code then sets the computer up anew.
func (s *Service) computerKey(a core.Account) (*core.ComputerKey, error) {
	raw, err := s.secrets.Get(a.ID, core.SlotComputerKey)
	if core.IsKind(err, core.KindSecretMissing) || core.IsKind(err, core.KindKeyringDamaged) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	ck, err := core.ParseComputerKey(raw)
	if err != nil || !a.Keys.Fits(ck) {
		return nil, nil
	}
	return &ck, nil
}

// afterPassword signs in when nothing more is needed (two-step off, a trusted device) and
// otherwise keeps the challenge for the second step.
func (s *Service) afterPassword(a core.Account, ch *challenge) (SignInResult, error) {
	switch {
	case ch.keys.account == nil:
		return SignInResult{Challenge: s.keepChallenge(ch), NeedsBackupCode: true, Note: say(messages[core.KindComputerKeyMissing], nil)}, nil
	case !ch.twoFactor:
		sess, err := s.complete(ch, nil, s.event(core.Event{Kind: core.EventSignIn, Method: core.MethodPassword}))
		return SignInResult{Session: sess}, err
	case ch.trusted:
		sess, err := s.complete(ch, s.usedTrustedDevice(ch), s.event(core.Event{Kind: core.EventSignIn, Method: core.MethodTrustedDevice}))
		return SignInResult{Session: sess}, err
	case ch.capped:
		return SignInResult{Challenge: s.keepChallenge(ch), NeedsBackupCode: true, Note: say(messages[core.KindCodesCapped], nil)}, nil
	}
	return SignInResult{Challenge: s.keepChallenge(ch)}, nil
}

// usedTrustedDevice notes the use, and fails if the device was revoked meanwhile.
func (s *Service) usedTrustedDevice(ch *challenge) func(*core.Account) error {
	return func(a *core.Account) error {
		if i := a.Trusted(ch.keys.device()); i >= 0 {
			a.Devices[i].LastUsed = s.now()
			return nil
		}
		return core.Fail(core.KindNotFound, "error.device.just-revoked")
	}
}

// complete finishes a sign-in in one bbolt transaction: the second step's change (a used
// code, a trusted device), any new wraps of the account key, the events, and the cleared
// failures. A new computer key goes into the keyring before it: a crash in between leaves
// a key the record does not name, which reads as no key, and nothing spent.
func (s *Service) complete(ch *challenge, change func(*core.Account) error, events ...core.Event) (*Session, error) {
	if ch.legacy {
		ch.legacy = !s.dropLegacyEntries(ch.id)
	}
	if ch.upgrade != nil {
		u := *ch.upgrade // racing submits of one challenge each make their own codes
		ch.upgrade = &u
		if err := ch.upgrade.makeCodes(s); err != nil {
			return nil, err
		}
		events = append(events, s.event(core.Event{Kind: core.EventUpgraded}))
	}
	if ch.newKey {
		if err := s.secrets.Set(ch.id, core.SlotComputerKey, ch.keys.computer.Marshal()); err != nil {
			return nil, err
		}
	}
	failed, err := s.failedSince(ch.id) // read before this sign-in's own event is written
	if err != nil {
		return nil, err
	}
	err = s.store.UpdateAccountThrottle(ch.id, core.AccountThrottleKey(ch.id), func(a *core.Account, th *core.Throttle) error {
		if err := ch.finish(a, change); err != nil {
			return err
		}
		*th = core.Throttle{}
		return nil
	}, events...)
	if err != nil {
		return nil, err
	}
	sess := &Session{ID: ch.id, Username: ch.username, keys: &ch.keys, Failed: failed}
	if ch.upgrade != nil {
		sess.NewBackupCodes = ch.upgrade.codes
		s.afterUpgrade(sess)
	}
	return sess, nil
}

// finish applies a sign-in's change to the record as stored, inside the transaction.
func (ch *challenge) finish(a *core.Account, change func(*core.Account) error) error {
	if ch.upgrade != nil {
		return ch.upgrade.apply(a, change, &ch.keys)
	}
	return signed(ch.keys.account, func(a *core.Account) error {
		if change != nil {
			if err := change(a); err != nil {
				return err
			}
		}
		if !ch.legacy {
			a.LegacyKeyring = false
		}
		if !ch.relock {
			return nil
		}
		second, err := ch.keys.second(*a)
		if err != nil {
			return err
		}
		return a.Keys.Lock(ch.keys.account, ch.keys.password, ch.keys.params, second, a.ID)
	})(a)
}

func (s *Service) keepChallenge(ch *challenge) string {
	id := hex.EncodeToString(core.NewAccountKey()[:16])
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, c := range s.challenges {
		if s.now().After(c.expires) {
			delete(s.challenges, k)
		}
	}
	s.challenges[id] = ch
	return id
}

func (s *Service) challenge(id string) (*challenge, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, ok := s.challenges[id]
	if !ok || s.now().After(ch.expires) {
		delete(s.challenges, id)
		return nil, core.Fail(core.KindChallengeExpired, "")
	}
	return ch, nil
}

func (s *Service) dropChallenge(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.challenges, id)
}

// SignOut ends the session; this device stays trusted.
func (s *Service) SignOut(sess *Session) error {
	k := sess.current()
	if k == nil {
		return nil
	}
	// The keys are dropped, not zeroed in place: a read still running for the window would
	// otherwise check the record with a zeroed key and report it as tampered with.
	sess.setKeys(nil)
	return s.store.AppendEvents(sess.ID, s.event(core.Event{Kind: core.EventSignOut}))
}

// SignOutCompletely ends the session and this device's trust: the next sign-in here asks
// for a code. Only the record changes; this computer keeps its key, which alone opens nothing.
func (s *Service) SignOutCompletely(sess *Session) error {
	if err := s.forgetThisDevice(sess, core.Event{Kind: core.EventDeviceRevoked, SignedOut: true}); err != nil {
		return err
	}
	return s.SignOut(sess)
}
