package core

import (
	"crypto/hkdf"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
)

// The key hierarchy of a schema-2 account (docs/security-design.md draws it):
//
//	password --argon2id--> password key P (the one slow step of a sign-in)
//	account key AK: 256 random bits, made once; the profile, the TOTP secret, the recovery key
//	and the record's authenticator each use their own HKDF subkey of it.
//
// AK is stored only wrapped (AES-256-GCM) under a key-encryption key that needs the password
// and, with two-step on, a second secret that the data file does not hold:
//
//	two-step off: HKDF(P)                     the "password" wrap
//	two-step on:  HKDF(P || computer key i)   a "computer" wrap per computer set up; each computer's
//	                                          keyring holds its own key
//	              HKDF(P || recovery key)     the "recovery" wrap; every unused backup code unwraps the
//	                                          recovery key
//
// So the keyring alone opens nothing (it lacks P), the data file and the password open
// nothing of a two-step account (they lack a computer key or a backup code), and a sign-in
// still runs argon2id once: the rest is HKDF and AES-GCM, microseconds. The computer keys and
// the recovery key are also sealed under AK, so that a signed-in owner can wrap AK again
// under a new password for every computer without visiting it.

// KeyLen is the size of every key here: AES-256, HMAC-SHA256, HKDF-SHA256 output.
const KeyLen = 32

// PasswordKey is the password stretched by argon2id: P above. It is never stored.
type PasswordKey []byte

// AccountKey is AK above: whoever holds it can read and change everything of the account.
type AccountKey []byte

// Keys is the stored key material of a schema-2 account. Nothing in it opens anything
// without the password.
type Keys struct {
	Params      string         `json:"params"`                 // argon2id parameters and salt of P
	Password    []byte         `json:"password,omitempty"`     // AK under P alone (two-step off)
	Computers   []ComputerWrap `json:"computers,omitempty"`    // AK under P and each computer's key (two-step on)
	Recovery    []byte         `json:"recovery,omitempty"`     // AK under P and the recovery key (two-step on)
	RecoveryKey []byte         `json:"recovery_key,omitempty"` // the recovery key, sealed under AK
}

// ComputerWrap is AK wrapped for one computer set up for a two-step account.
type ComputerWrap struct {
	Device string `json:"device"` // the ID in the computer's key, and among the trusted devices
	KeyID  []byte `json:"key_id"` // names the key, so a stale one is told apart from a wrong password
	Wrap   []byte `json:"wrap"`   // AK under P and the computer's key
	Sealed []byte `json:"sealed"` // the computer's key under AK
}

// Names of the wraps, bound into their key derivation and additional data.
const (
	wrapPassword = "password"
	wrapComputer = "computer"
	wrapRecovery = "recovery"
)

// NewPasswordParams returns fresh argon2id parameters and salt for P.
func NewPasswordParams() string { return NewKeyParams(PasswordParams) }

// StretchPassword runs argon2id over pw with the stored parameters: P.
func StretchPassword(pw, params string) (PasswordKey, error) {
	p, salt, err := decodeParams(params)
	if err != nil {
		return nil, err
	}
	return argon2id([]byte(pw), salt, p, KeyLen), nil
}

// Same reports, in constant time, whether two password keys are equal: the check that a
// password typed again in Settings is the one the session signed in with.
func (p PasswordKey) Same(q PasswordKey) bool {
	return len(p) == KeyLen && subtle.ConstantTimeCompare(p, q) == 1
}

// NewAccountKey returns a fresh random account key.
func NewAccountKey() AccountKey { return randomBytes(KeyLen) }

// derive is HKDF-SHA256 of secret for purpose, bound to the account: a key made for one
// purpose or account is useless for any other.
func derive(secret []byte, purpose string, id AccountID) []byte {
	k, err := hkdf.Key(sha256.New, secret, nil, "twostep v2 "+purpose+" "+string(id), KeyLen)
	if err != nil {
		panic(err) // only for a length HKDF-SHA256 cannot give; KeyLen is not one
	}
	return k
}

// kek is the key-encryption key of a wrap: P joined with the wrap's second secret (none
// for the password wrap). HKDF over the concatenation needs both; either alone is useless.
func kek(p PasswordKey, second []byte, wrap string, id AccountID) []byte {
	ikm := append(append(make([]byte, 0, len(p)+len(second)), p...), second...)
	return derive(ikm, "kek "+wrap, id)
}

func wrapAAD(wrap string, id AccountID) string {
	return "twostep v2 account key " + wrap + " " + string(id)
}

func wrapKey(ak AccountKey, p PasswordKey, second []byte, wrap string, id AccountID) ([]byte, error) {
	return Seal(kek(p, second, wrap, id), ak, wrapAAD(wrap, id))
}

func unwrapKey(sealed []byte, p PasswordKey, second []byte, wrap string, id AccountID) (AccountKey, error) {
	if len(sealed) == 0 {
		return nil, Fail(KindWrongCredentials, "")
	}
	ak, err := Open(kek(p, second, wrap, id), sealed, wrapAAD(wrap, id))
	if err != nil || len(ak) != KeyLen {
		// A wrong password and a damaged wrap look the same here; telling them apart would
		// need something in the data file that checks passwords without the second secret.
		return nil, Fail(KindWrongCredentials, "")
	}
	return ak, nil
}

// Lock stores ak under the password key p (made with params): under p alone when second is
// nil (two-step off), else under p with each computer key and p with the recovery key. Every
// wrap not made here is dropped, so no older way in stays behind.
func (k *Keys) Lock(ak AccountKey, p PasswordKey, params string, second *SecondSecrets, id AccountID) error {
	next := Keys{Params: params}
	var err error
	if second == nil {
		next.Password, err = wrapKey(ak, p, nil, wrapPassword, id)
	} else {
		err = next.lockTwoStep(ak, p, *second, id)
	}
	if err != nil {
		return err
	}
	*k = next
	return nil
}

func (k *Keys) lockTwoStep(ak AccountKey, p PasswordKey, s SecondSecrets, id AccountID) (err error) {
	if len(s.Computers) == 0 || len(s.Recovery) != KeyLen {
		return Wrap(KindInternal, errors.New("a computer key and a recovery key are needed to lock a two-step account"))
	}
	for _, c := range s.Computers {
		w := ComputerWrap{Device: c.Device, KeyID: c.ID()}
		if w.Wrap, err = wrapKey(ak, p, c.Key, wrapComputer+" "+c.Device, id); err != nil {
			return err
		}
		if w.Sealed, err = ak.seal("computer key "+c.Device, id, c.Marshal()); err != nil {
			return err
		}
		k.Computers = append(k.Computers, w)
	}
	if k.Recovery, err = wrapKey(ak, p, s.Recovery, wrapRecovery, id); err != nil {
		return err
	}
	k.RecoveryKey, err = ak.seal("recovery key", id, s.Recovery)
	return err
}

// SecondSecrets are what joins the password in a two-step account's wraps.
type SecondSecrets struct {
	Computers []ComputerKey
	Recovery  []byte
}

// Second opens, with the account key, the computer keys and the recovery key the wraps were
// made with, so they can be made again under a new password. Nil for a two-step-off account.
func (k Keys) Second(ak AccountKey, id AccountID) (*SecondSecrets, error) {
	if len(k.RecoveryKey) == 0 {
		return nil, nil
	}
	rk, err := ak.open("recovery key", id, k.RecoveryKey)
	if err != nil {
		return nil, err
	}
	s := &SecondSecrets{Recovery: rk}
	for _, w := range k.Computers {
		raw, err := ak.open("computer key "+w.Device, id, w.Sealed)
		if err != nil {
			return nil, err
		}
		c, err := ParseComputerKey(raw)
		if err != nil {
			return nil, err
		}
		s.Computers = append(s.Computers, c)
	}
	return s, nil
}

// With returns s with c among its computers (once).
func (s SecondSecrets) With(c ComputerKey) *SecondSecrets {
	out := SecondSecrets{Recovery: s.Recovery}
	for _, have := range s.Computers {
		if have.Device != c.Device {
			out.Computers = append(out.Computers, have)
		}
	}
	out.Computers = append(out.Computers, c)
	return &out
}

// OpenWithPassword unwraps AK of a two-step-off account. A wrong password is KindWrongCredentials.
func (k Keys) OpenWithPassword(p PasswordKey, id AccountID) (AccountKey, error) {
	return unwrapKey(k.Password, p, nil, wrapPassword, id)
}

// OpenWithComputer unwraps AK with P and this computer's key.
func (k Keys) OpenWithComputer(p PasswordKey, c ComputerKey, id AccountID) (AccountKey, error) {
	i := k.computer(c)
	if i < 0 {
		return nil, Fail(KindWrongCredentials, "")
	}
	return unwrapKey(k.Computers[i].Wrap, p, c.Key, wrapComputer+" "+c.Device, id)
}

// OpenWithRecovery unwraps AK with P and the recovery key that a backup code gave.
func (k Keys) OpenWithRecovery(p PasswordKey, recovery []byte, id AccountID) (AccountKey, error) {
	return unwrapKey(k.Recovery, p, recovery, wrapRecovery, id)
}

// Fits reports whether c is a computer key the account was locked with.
func (k Keys) Fits(c ComputerKey) bool { return k.computer(c) >= 0 }

func (k Keys) computer(c ComputerKey) int {
	id := c.ID()
	for i, w := range k.Computers {
		if w.Device == c.Device && subtle.ConstantTimeCompare(w.KeyID, id) == 1 {
			return i
		}
	}
	return -1
}

// NewRecoveryKey returns a fresh recovery key: what every backup code of one set unwraps.
func NewRecoveryKey() []byte { return randomBytes(KeyLen) }

// seal and open use AK's subkey for purpose; the additional data names it too, so a
// ciphertext moved to another field or account does not open.
func (ak AccountKey) seal(purpose string, id AccountID, plain []byte) ([]byte, error) {
	return Seal(derive(ak, purpose, id), plain, "twostep v2 "+purpose+" "+string(id))
}

func (ak AccountKey) open(purpose string, id AccountID, sealed []byte) ([]byte, error) {
	return Open(derive(ak, purpose, id), sealed, "twostep v2 "+purpose+" "+string(id))
}
