package app

import (
	"encoding/hex"
	"strings"
	"time"

	"github.com/twostep-app/twostep/core"
)

// ChallengeTTL is how long a sign-in waits for its verification code after the password.
// Then the pending sign-in is dropped and its keys wiped, whether or not anyone comes back.
const ChallengeTTL = 5 * time.Minute

// SignInResult is either a Session (signed in) or a Challenge to answer with a verification
// code or a backup code. NeedsBackupCode says that only a backup code can answer it, and Why
// says why, as the kind of error a code would have met (KindComputerKeyMissing or
// KindCodesCapped): this computer's keyring lacks the account's key (a new computer, an erased
// keyring, a data file restored from a backup), where a backup code with the password sets
// this computer up again; or too many wrong codes were typed since the last sign-in.
type SignInResult struct {
	Session         *Session
	Challenge       string
	NeedsBackupCode bool
	Why             core.Kind
}

// challenge is a sign-in whose password step is done and whose second step is pending.
type challenge struct {
	id        core.AccountID
	username  string
	expires   time.Time
	keys      keys   // keys.account is nil while locked
	secret    string // the TOTP secret, opened at the password step ("" if the account has none)
	twoFactor bool
	locked    bool     // this computer has no usable key: only a backup code opens the account key
	trusted   bool     // this computer is a trusted device: no code needed
	capped    bool     // too many wrong codes since the last sign-in: only a backup code
	rekey     bool     // move the record to a fresh account key when the sign-in completes
	newKey    bool     // keys.computer is new: it goes into the keyring before the record names it
	legacy    bool     // the record says older keyring entries may still be there: delete them
	upgrade   *upgrade // a record of an older Twostep, moved on when the sign-in completes
}

// clone is a copy with keys of its own, so racing submits of one challenge cannot wipe or
// change each other's.
func (ch *challenge) clone() *challenge {
	c := *ch
	c.keys = *ch.keys.clone()
	if ch.upgrade != nil {
		u := *ch.upgrade
		c.upgrade = &u
	}
	return &c
}

// SignIn checks username and password. An unknown username costs the same argon2 work
// and gives the same answer as a wrong password.
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
	if err := th.Passwords.Check(s.now()); err != nil {
		return SignInResult{}, err
	}
	ch, err := s.passwordStepOf(a, password)
	if core.IsKind(err, core.KindWrongCredentials) {
		return SignInResult{}, s.fail(key, passwords, a.ID, core.EventSignInFailed, core.FactorPassword, err)
	} else if err != nil {
		return SignInResult{}, err // a changed record is told as that, and costs no attempt
	}
	ch.capped = th.Capped()
	return s.afterPassword(ch)
}

// passwordStepOf runs the password step of the record's own format.
func (s *Service) passwordStepOf(a core.Account, password string) (*challenge, error) {
	switch a.Schema {
	case core.Schema:
		return s.passwordStep(a, password)
	case 2:
		return s.passwordStepV2(a, password)
	case 0:
		return s.legacyPasswordStep(a, password)
	}
	return nil, core.Fail(core.KindDataCorrupt, "")
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
	return &challenge{id: a.ID, username: a.Username, expires: s.now().Add(ChallengeTTL), legacy: a.LegacyKeyring,
		twoFactor: a.TwoFactor}
}

// passwordStep stretches the password once and opens the account key with it: alone (two-step
// off) or with this computer's key. Without a usable computer key only a backup code can go on.
// The boxes present are tried, not the ones the two-step flag names, so a flag flipped outside
// Twostep still opens the key and then fails the record's authenticator, which says so.
func (s *Service) passwordStep(a core.Account, password string) (*challenge, error) {
	ch := s.newChallenge(a)
	p, err := core.StretchPassword(password, a.Keys.Params)
	if err != nil {
		return nil, err
	}
	ch.keys.password, ch.keys.params = p, a.Keys.Params
	ak, err := s.openAccountKey(a, ch)
	if err != nil {
		return nil, err
	}
	if ak == nil {
		ch.locked = true
		return ch, nil
	}
	if err := ch.opened(a, ak); err != nil {
		return nil, err
	}
	ch.trusted = a.TwoFactor && a.IsTrusted(ch.keys.device())
	return ch, ch.strengthen(password)
}

// opened takes the account key once it has opened: the record must verify under it, and the
// TOTP secret is read for the second step.
func (ch *challenge) opened(a core.Account, ak core.AccountKey) error {
	if err := ak.Verify(a); err != nil {
		return err
	}
	ch.keys.account, ch.locked = ak, false
	if !a.TwoFactor {
		return nil
	}
	secret, err := ak.OpenTOTP(a.TOTP, a.ID)
	if err != nil && !core.IsKind(err, core.KindSecretMissing) {
		return err
	}
	ch.secret = secret
	return nil
}

// strengthen readies new argon2id costs when the stored ones are below the floor: the record
// moves to them (and a fresh account key) when the sign-in completes.
func (ch *challenge) strengthen(password string) error {
	if !core.WeakParams(ch.keys.params, core.MinPasswordParams) {
		return nil
	}
	var err error
	ch.keys.params, ch.rekey = core.NewPasswordParams(), true
	ch.keys.password, err = core.StretchPassword(password, ch.keys.params)
	return err
}

// openAccountKey opens the password box, or this computer's box. It returns nil and no
// error when this computer has no usable key, so only a backup code's box is left to try.
func (s *Service) openAccountKey(a core.Account, ch *challenge) (core.AccountKey, error) {
	switch {
	case len(a.Keys.PasswordBox) > 0:
		return a.Keys.OpenWithPassword(ch.keys.password, a.ID)
	case len(a.Keys.Boxes) == 0:
		return nil, core.Fail(core.KindDataTampered, "") // no way in at all
	}
	ck, err := s.computerKey(a)
	if err != nil || ck == nil {
		return nil, err
	}
	ch.keys.computer = ck
	ak, err := a.Keys.OpenWithComputer(ch.keys.password, *ck, a.ID)
	if core.IsKind(err, core.KindComputerKeyMissing) {
		// The record names this computer but holds no box for it.
		return nil, core.Fail(core.KindDataTampered, "")
	}
	return ak, err
}

// computerKey reads this computer's key for the account. None, one damaged by another
// program, or one the record does not name (a data file restored from before this computer
// was set up again) all read as none: a backup code then sets the computer up anew.
func (s *Service) computerKey(a core.Account) (*core.ComputerKey, error) {
	raw, err := s.secrets.Get(a.ID, core.SlotComputerKey)
	if core.IsKind(err, core.KindSecretMissing) || core.IsKind(err, core.KindKeyringDamaged) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	ck, err := core.ParseComputerKey(raw)
	if err != nil || !a.Fits(ck) {
		return nil, nil
	}
	return &ck, nil
}

// afterPassword signs in when nothing more is needed (two-step off, a trusted device) and
// otherwise keeps the challenge for the second step.
func (s *Service) afterPassword(ch *challenge) (SignInResult, error) {
	switch {
	case ch.locked:
		return SignInResult{Challenge: s.keepChallenge(ch), NeedsBackupCode: true, Why: core.KindComputerKeyMissing}, nil
	case !ch.twoFactor:
		defer ch.keys.wipe()
		sess, err := s.complete(ch, nil, false, s.event(core.Event{Kind: core.EventSignIn, Method: core.MethodPassword}))
		return SignInResult{Session: sess}, err
	case ch.trusted:
		defer ch.keys.wipe()
		sess, err := s.complete(ch, s.usedTrustedDevice(ch), false, s.event(core.Event{Kind: core.EventSignIn, Method: core.MethodTrustedDevice}))
		return SignInResult{Session: sess}, err
	case ch.capped:
		return SignInResult{Challenge: s.keepChallenge(ch), NeedsBackupCode: true, Why: core.KindCodesCapped}, nil
	}
	return SignInResult{Challenge: s.keepChallenge(ch)}, nil
}

// usedTrustedDevice fails if this device's trust was revoked meanwhile. (A record being moved
// on from an older Twostep was checked at the password step, and is rebuilt whole.)
func (s *Service) usedTrustedDevice(ch *challenge) core.Change {
	if ch.upgrade != nil {
		return nil
	}
	return func(a *core.Account) error {
		if !a.IsTrusted(ch.keys.device()) {
			return core.Fail(core.KindNotFound, "error.device.just-revoked")
		}
		return nil
	}
}

// complete finishes a sign-in in one bbolt transaction: the second step's change (a used
// code), trust, any move to a fresh account key, the events, and the cleared failures. A new
// computer key goes into the keyring before it: a crash in between leaves a key the record
// does not name, which reads as no key, and nothing spent.
func (s *Service) complete(ch *challenge, use core.Change, trust bool, events ...core.Event) (*Session, error) {
	if ch.legacy {
		ch.legacy = !s.dropLegacyEntries(ch.id)
	}
	if ch.upgrade != nil {
		if err := ch.upgrade.makeCodes(s, ch.twoFactor); err != nil {
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
		if err := ch.finish(a, use, trust, s); err != nil {
			return err
		}
		*th = core.Throttle{}
		return nil
	}, events...)
	if err != nil {
		return nil, err
	}
	sess := s.newSession(ch.id, ch.username, &ch.keys)
	sess.Failed = failed
	if ch.rekey {
		s.resealData(ch.id, ch.keys.account)
	}
	if ch.upgrade != nil {
		sess.NewBackupCodes, sess.MovedFrom = ch.upgrade.codes, ch.upgrade.from
		s.afterUpgrade(sess)
	}
	return sess, nil
}

// finish applies a sign-in's change to the record as stored, inside the transaction.
func (ch *challenge) finish(a *core.Account, use core.Change, trust bool, s *Service) error {
	if ch.upgrade != nil {
		return ch.upgrade.apply(a, use, trust, ch, s)
	}
	if err := checkRecord(ch.keys.account, *a); err != nil {
		return err
	}
	if use != nil {
		if err := use(a); err != nil {
			return err
		}
	}
	device := ch.keys.device()
	if ch.newKey {
		a.AddComputer(*ch.keys.computer, s.device, s.now())
	}
	if trust {
		a.Trust(device)
	}
	if i := a.DeviceIndex(device); i >= 0 {
		a.Devices[i].LastUsed = s.now()
	}
	if !ch.legacy {
		a.LegacyKeyring = false
	}
	if !ch.rekey {
		return ch.keys.account.Sign(a)
	}
	next, err := a.Rekey(ch.keys.account, ch.keys.password, ch.keys.params)
	if err != nil {
		return err
	}
	clear(ch.keys.account)
	ch.keys.account = next
	return nil
}

// keepChallenge stores ch until its second step, and for ChallengeTTL at most: then it is
// dropped and its keys wiped, even if no one comes back to it.
func (s *Service) keepChallenge(ch *challenge) string {
	id := hex.EncodeToString(core.NewAccountKey()[:16])
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked()
	s.challenges[id] = ch
	time.AfterFunc(ChallengeTTL, func() { s.dropChallenge(id, false) })
	return id
}

// ExpireChallenges drops, and wipes, every pending sign-in older than ChallengeTTL by the
// service's clock. Pending sign-ins also expire on their own, on a timer.
func (s *Service) ExpireChallenges() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked()
}

func (s *Service) expireLocked() {
	now := s.now()
	for id, c := range s.challenges {
		if now.After(c.expires) {
			c.keys.wipe()
			delete(s.challenges, id)
		}
	}
	for id, at := range s.done {
		if now.Sub(at) > ChallengeTTL {
			delete(s.done, id)
		}
	}
}

// challenge returns a copy of the pending sign-in, for one submit to work on. One that a
// twin submit completed is "just used", not expired.
func (s *Service) challenge(id string) (*challenge, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.done[id]; ok {
		return nil, core.Fail(core.KindCodeReused, "error.sign-in.just-completed")
	}
	ch, ok := s.challenges[id]
	if !ok || s.now().After(ch.expires) {
		if ok {
			ch.keys.wipe()
		}
		delete(s.challenges, id)
		return nil, core.Fail(core.KindChallengeExpired, "")
	}
	return ch.clone(), nil
}

// dropChallenge forgets a pending sign-in and wipes its keys; completed says it signed in.
func (s *Service) dropChallenge(id string, completed bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch, ok := s.challenges[id]; ok {
		ch.keys.wipe()
		delete(s.challenges, id)
	}
	if completed {
		s.done[id] = s.now()
	}
}

// SignOut ends the session and wipes its keys; this device stays trusted. A call still
// running for the window works on its own copy of the keys, wiped when it returns.
func (s *Service) SignOut(sess *Session) error {
	if sess == nil || !sess.signOut() {
		return nil
	}
	s.mu.Lock()
	delete(s.sessions, sess)
	s.mu.Unlock()
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
