package app

import (
	"encoding/hex"
	"strings"
	"time"

	"twostep/core"
)

// ChallengeTTL is how long a sign-in waits for its verification code after the password.
const ChallengeTTL = 5 * time.Minute

// SignInResult is either a Session (signed in) or a Challenge to answer with a
// verification code or a backup code.
type SignInResult struct {
	Session   *Session
	Challenge string
}

// challenge is a sign-in whose password was right and whose second step is pending.
type challenge struct {
	id       core.AccountID
	username string
	dataKey  []byte
	restore  bool   // the keyring lost the data key; put it back once signed in
	rehash   string // a stronger hash of the password, to store once signed in
	expires  time.Time
}

// SignIn checks username and password. An unknown username costs the same argon2 work
// and gives the same answer as a wrong password, so names cannot be probed.
func (s *Service) SignIn(username, password string) (SignInResult, error) {
	username = strings.TrimSpace(username)
	if username == "" || password == "" {
		return SignInResult{}, core.Errorf(core.KindInvalid, "Enter your username and password.")
	}
	a, err := s.store.AccountByUsername(username)
	if core.IsKind(err, core.KindNotFound) {
		return SignInResult{}, s.unknownName(username, password)
	} else if err != nil {
		return SignInResult{}, err
	}
	key := core.AccountThrottleKey(a.ID)
	if err := s.checkThrottle(key); err != nil {
		return SignInResult{}, err
	}
	ok, err := core.CheckPassword(password, a.Password)
	if err != nil {
		return SignInResult{}, err
	}
	if !ok {
		return SignInResult{}, s.fail(key, a.ID, core.EventSignInFailed, "wrong password", core.Errorf(core.KindWrongCredentials, ""))
	}
	ch, err := s.passwordAccepted(a, password)
	if err != nil {
		return SignInResult{}, err
	}
	if !a.TwoFactor {
		sess, err := s.complete(ch, nil, s.event(core.EventSignIn, core.MethodPassword))
		return SignInResult{Session: sess}, err
	}
	if sess, err := s.signInTrusted(ch); sess != nil || err != nil {
		return SignInResult{Session: sess}, err
	}
	return SignInResult{Challenge: s.keepChallenge(ch)}, nil
}

// unknownName answers a sign-in at a name with no account exactly as a wrong password
// would: same throttle, same argon2id work, same error.
func (s *Service) unknownName(username, password string) error {
	key := core.NameThrottleKey(username)
	if err := s.checkThrottle(key); err != nil {
		return err
	}
	core.BurnPasswordCheck(password)
	return s.fail(key, "", core.EventSignInFailed, "", core.Errorf(core.KindWrongCredentials, ""))
}

// passwordAccepted gathers what the rest of the sign-in needs once the password is right:
// the data key (from the keyring, or unwrapped with the password if the keyring lost it)
// and, for a hash weaker than today's floor, its replacement.
func (s *Service) passwordAccepted(a core.Account, password string) (*challenge, error) {
	ch := &challenge{id: a.ID, username: a.Username, expires: s.now().Add(ChallengeTTL)}
	key, err := s.secrets.Get(a.ID, core.SlotDataKey)
	switch {
	case err == nil && len(key) == core.DataKeyLen:
		ch.dataKey = key
	case err == nil, core.IsKind(err, core.KindSecretMissing), core.IsKind(err, core.KindDataCorrupt):
		// Lost or mangled in the keyring: the wrapped copy and the password rebuild it.
		if ch.dataKey, err = unwrapDataKey(a, password); err != nil {
			return nil, err
		}
		ch.restore = true
	default:
		return nil, err
	}
	if core.NeedsRehash(a.Password, core.MinPasswordParams) {
		ch.rehash = core.HashPassword(password, core.PasswordParams)
	}
	return ch, nil
}

func unwrapDataKey(a core.Account, password string) ([]byte, error) {
	kek, err := core.DeriveKEK(password, a.KeyParams)
	if err != nil {
		return nil, err
	}
	return core.Open(kek, a.WrappedKey, core.WrapAAD(a.ID))
}

// signInTrusted completes the sign-in when this machine holds a token the account trusts.
// No token (never trusted, signed out completely, keyring erased) means: ask for a code.
func (s *Service) signInTrusted(ch *challenge) (*Session, error) {
	token, err := s.secrets.Get(ch.id, core.SlotDevice)
	if core.IsKind(err, core.KindSecretMissing) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	a, err := s.store.Account(ch.id)
	if err != nil || a.TrustedDevice(token) < 0 {
		return nil, err
	}
	return s.complete(ch, func(a *core.Account) error {
		if i := a.TrustedDevice(token); i >= 0 {
			a.Devices[i].LastUsed = s.now()
			return nil
		}
		return core.Errorf(core.KindNotFound, "This device was revoked a moment ago; sign in again.")
	}, s.event(core.EventSignIn, core.MethodTrustedDevice))
}

// complete finishes a sign-in: one bbolt transaction applies the second step's change
// (a used code, a new device) with the rehash and the event, then the throttle is cleared
// and a lost keyring copy of the data key is put back.
func (s *Service) complete(ch *challenge, change func(*core.Account) error, events ...core.Event) (*Session, error) {
	err := s.store.UpdateAccount(ch.id, func(a *core.Account) error {
		if change != nil {
			if err := change(a); err != nil {
				return err
			}
		}
		if ch.rehash != "" {
			a.Password = ch.rehash
		}
		return nil
	}, events...)
	if err != nil {
		return nil, err
	}
	if err := s.succeed(ch.id); err != nil {
		return nil, err
	}
	if ch.restore {
		if err := s.secrets.Set(ch.id, core.SlotDataKey, ch.dataKey); err != nil {
			return nil, err
		}
	}
	return &Session{ID: ch.id, Username: ch.username, dataKey: ch.dataKey}, nil
}

func (s *Service) keepChallenge(ch *challenge) string {
	id := hex.EncodeToString(core.NewDataKey()[:16])
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
		return nil, core.Errorf(core.KindChallengeExpired, "")
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
	if sess == nil || sess.dataKey == nil {
		return nil
	}
	err := s.store.AppendEvents(sess.ID, s.event(core.EventSignOut, ""))
	clear(sess.dataKey)
	sess.dataKey = nil
	return err
}

// SignOutCompletely ends the session and this device's trust: the next sign-in here asks
// for a code. The bbolt record goes first, then the keyring token: a crash in between
// leaves a token nothing accepts.
func (s *Service) SignOutCompletely(sess *Session) error {
	if _, err := s.account(sess); err != nil {
		return err
	}
	if err := s.forgetThisDevice(sess.ID, "signed out completely"); err != nil {
		return err
	}
	return s.SignOut(sess)
}
