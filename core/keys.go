package core

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"strconv"
)

// The key hierarchy of a schema-3 account (docs/security-design.md draws it):
//
//	password --argon2id--> password key P (the one slow step of a sign-in)
//	account key AK: 256 random bits, replaced at every security change; the profile, the
//	TOTP secret and the record's authenticator each use their own HKDF subkey of it.
//
// AK is stored only sealed, in a box per way in (box.go):
//
//	two-step off: the password box            needs P
//	two-step on:  a box per computer set up   needs P and that computer's key (its keyring)
//	              a box per unused backup code needs P and the code
//
// The boxes are sealed to the holders' public keys, so a signed-in owner seals a new AK for
// all of them at once, and the data file holds no holder's secret: the keyring alone opens
// nothing (it lacks P), the file and the password open nothing of a two-step account (they
// lack a holder's key), and a spent code, a removed computer, an old password or an older
// AK opens nothing in today's file, because today's AK was never sealed for them.

// KeyLen is the size of every key here: AES-256, HMAC-SHA256, HKDF-SHA256 output, X25519.
const KeyLen = 32

// PasswordKey is the password stretched by argon2id: P above. It is never stored.
type PasswordKey []byte

// AccountKey is AK above: whoever holds it can read and change everything of the account.
type AccountKey []byte

// Keys is the stored key material of an account. Nothing in it opens anything without the
// password.
type Keys struct {
	Params      string `json:"params"`                 // argon2id parameters and salt of P
	KeyID       []byte `json:"key_id,omitempty"`       // names the AK inside the boxes (AccountKey.ID)
	PasswordBox []byte `json:"password_box,omitempty"` // AK for P alone (two-step off)
	Boxes       []Box  `json:"boxes,omitempty"`        // AK for P and each holder (two-step on)
	KeysV2             // what Twostep 0.2 kept instead, read once to move the account on
}

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

// ID names ak in the record without revealing it, so that a session holding an older key
// can be told from a record changed outside Twostep.
func (ak AccountKey) ID(id AccountID) []byte {
	sum := sha256.Sum256(append([]byte("twostep v3 account key id "+string(id)+"\x00"), ak...))
	return sum[:16]
}

// LockKeys returns keys that hold ak for p alone when holders is empty (two-step off), else
// for p with each holder.
func LockKeys(ak AccountKey, p PasswordKey, params string, holders []Holder, id AccountID) (Keys, error) {
	k := Keys{Params: params, KeyID: ak.ID(id)}
	var err error
	if len(holders) == 0 {
		k.PasswordBox, err = sealPasswordBox(ak, p, params, id)
		return k, err
	}
	for _, h := range holders {
		b, err := sealBox(ak, p, params, h, id)
		if err != nil {
			return Keys{}, err
		}
		k.Boxes = append(k.Boxes, b)
	}
	return k, nil
}

// OpenWithPassword opens AK of a two-step-off account. A wrong password is
// KindWrongCredentials; a damaged box KindDataTampered.
func (k Keys) OpenWithPassword(p PasswordKey, id AccountID) (AccountKey, error) {
	if len(k.PasswordBox) == 0 {
		return nil, Fail(KindWrongCredentials, "")
	}
	ak, err := openPasswordBox(k.PasswordBox, p, k.Params, id)
	return k.checked(ak, err, id)
}

// OpenWithComputer opens AK with P and this computer's key. Without a box for it the
// computer is not set up: KindComputerKeyMissing.
func (k Keys) OpenWithComputer(p PasswordKey, c ComputerKey, id AccountID) (AccountKey, error) {
	key, err := c.private()
	if err != nil {
		return nil, err
	}
	b, ok := k.box(computerHolder(c.DeviceID), key.PublicKey().Bytes())
	if !ok {
		return nil, Fail(KindComputerKeyMissing, "")
	}
	ak, err := b.open(key, p, k.Params, id)
	return k.checked(ak, err, id)
}

// OpenWithCode opens AK with P and the backup code that Find matched.
func (k Keys) OpenWithCode(p PasswordKey, m Match, id AccountID) (AccountKey, error) {
	if m.key == nil {
		return nil, Fail(KindComputerKeyMissing, "")
	}
	b, ok := k.box(codeHolder(m.Slot), m.key.PublicKey().Bytes())
	if !ok {
		// The code's hash is in the set but its box is gone: the set and the boxes disagree.
		return nil, Wrap(KindDataTampered, errors.New("an unused backup code has no box"))
	}
	ak, err := b.open(m.key, p, k.Params, id)
	return k.checked(ak, err, id)
}

// checked refuses an AK that is not the one the record names: a box from another version of
// the record.
func (k Keys) checked(ak AccountKey, err error, id AccountID) (AccountKey, error) {
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare(ak.ID(id), k.KeyID) != 1 {
		return nil, Wrap(KindDataTampered, errors.New("a box holds another account key than the record names"))
	}
	return ak, nil
}

func (k Keys) box(name string, public []byte) (Box, bool) {
	for _, b := range k.Boxes {
		if b.Name == name && subtle.ConstantTimeCompare(b.Public, public) == 1 {
			return b, true
		}
	}
	return Box{}, false
}

func computerHolder(device string) string { return "computer " + device }
func codeHolder(slot int) string          { return "code " + strconv.Itoa(slot) }

// seal and open use AK's subkey for purpose; the additional data names it too, so a
// ciphertext moved to another field or account does not open.
func (ak AccountKey) seal(purpose string, id AccountID, plain []byte) ([]byte, error) {
	return Seal(derive(ak, purpose, id), plain, "twostep v3 "+purpose+" "+string(id))
}

func (ak AccountKey) open(purpose string, id AccountID, sealed []byte) ([]byte, error) {
	return Open(derive(ak, purpose, id), sealed, "twostep v3 "+purpose+" "+string(id))
}

// OpenBox opens box b with a holder's raw private key and p, whoever the holder is: for
// tests that try every secret an attacker might hold against every box of a record.
func (k Keys) OpenBox(b Box, private []byte, p PasswordKey, id AccountID) (AccountKey, error) {
	key, err := newHolderKey(private)
	if err != nil {
		return nil, err
	}
	ak, err := b.open(key, p, k.Params, id)
	return k.checked(ak, err, id)
}
