package core

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
)

// Twostep 0.2 (schema 2) sealed its account key, made once per account and never replaced,
// under HKDF(P || second secret): one wrap per computer (its 256-bit key in the keyring), one
// under a recovery key that every backup code of the set unwrapped, and, with two-step off,
// one under P alone. It also sealed each computer's key and the recovery key under AK, so a
// password change could wrap again. A record of 0.2 is read here once, at its owner's next
// sign-in, and moved to schema 3 (app/upgrade.go); nothing here writes schema 2.

// KeysV2 are the wraps of a schema-2 record.
type KeysV2 struct {
	Password    []byte         `json:"password,omitempty"`     // AK under P alone (two-step off)
	Computers   []ComputerWrap `json:"computers,omitempty"`    // AK under P and each computer's key
	Recovery    []byte         `json:"recovery,omitempty"`     // AK under P and the recovery key
	RecoveryKey []byte         `json:"recovery_key,omitempty"` // the recovery key, sealed under AK
}

// ComputerWrap is AK wrapped for one computer in a schema-2 record.
type ComputerWrap struct {
	Device string `json:"device"`
	KeyID  []byte `json:"key_id"`
	Wrap   []byte `json:"wrap"`
	Sealed []byte `json:"sealed"`
}

// ComputerKeyV2 is what 0.2 kept in a computer's keyring: a device ID and a random key.
type ComputerKeyV2 struct {
	Device string
	Key    []byte
}

// ParseComputerKeyV2 reads 0.2's keyring form: version 2, the device ID, the key.
func ParseComputerKeyV2(b []byte) (ComputerKeyV2, error) {
	if len(b) != computerKeyLen || b[0] != 2 {
		return ComputerKeyV2{}, Wrap(KindKeyringDamaged, errors.New("the computer key is not in the form Twostep 0.2 wrote"))
	}
	return ComputerKeyV2{Device: hex.EncodeToString(b[1 : 1+deviceIDLen]), Key: append([]byte(nil), b[1+deviceIDLen:]...)}, nil
}

func (c ComputerKeyV2) id() []byte {
	sum := sha256.Sum256(append([]byte("twostep v2 computer key id\x00"), c.Key...))
	return sum[:16]
}

func kekV2(p PasswordKey, second []byte, wrap string, id AccountID) []byte {
	ikm := append(append(make([]byte, 0, len(p)+len(second)), p...), second...)
	return deriveV2(ikm, "kek "+wrap, id)
}

func unwrapV2(sealed []byte, p PasswordKey, second []byte, wrap string, id AccountID) (AccountKey, error) {
	if len(sealed) == 0 {
		return nil, Fail(KindWrongCredentials, "")
	}
	ak, err := Open(kekV2(p, second, wrap, id), sealed, "twostep v2 account key "+wrap+" "+string(id))
	if err != nil || len(ak) != KeyLen {
		return nil, Fail(KindWrongCredentials, "") // 0.2 could not tell a damaged wrap from a wrong password
	}
	return ak, nil
}

// OpenV2WithPassword unwraps AK of a schema-2 account with two-step off.
func (k KeysV2) OpenV2WithPassword(p PasswordKey, id AccountID) (AccountKey, error) {
	return unwrapV2(k.Password, p, nil, "password", id)
}

// FitsV2 reports whether c is a computer key the schema-2 record was locked with.
func (k KeysV2) FitsV2(c ComputerKeyV2) bool { return k.computerV2(c) >= 0 }

func (k KeysV2) computerV2(c ComputerKeyV2) int {
	found := -1
	for i, w := range k.Computers {
		if w.Device == c.Device && subtle.ConstantTimeCompare(w.KeyID, c.id()) == 1 {
			found = i
		}
	}
	return found
}

// OpenV2WithComputer unwraps AK of a schema-2 account with P and this computer's 0.2 key.
func (k KeysV2) OpenV2WithComputer(p PasswordKey, c ComputerKeyV2, id AccountID) (AccountKey, error) {
	i := k.computerV2(c)
	if i < 0 {
		return nil, Fail(KindWrongCredentials, "")
	}
	return unwrapV2(k.Computers[i].Wrap, p, c.Key, "computer "+c.Device, id)
}

// OpenV2WithRecovery unwraps AK of a schema-2 account with P and the recovery key a 0.2
// backup code gave.
func (k KeysV2) OpenV2WithRecovery(p PasswordKey, recovery []byte, id AccountID) (AccountKey, error) {
	return unwrapV2(k.Recovery, p, recovery, "recovery", id)
}

func (ak AccountKey) openV2(purpose string, id AccountID, sealed []byte) ([]byte, error) {
	return Open(deriveV2(ak, purpose, id), sealed, "twostep v2 "+purpose+" "+string(id))
}

// verifyV2 checks a schema-2 record's authenticator, which left the profile out.
func (ak AccountKey) verifyV2(a Account) error {
	mac := a.MAC
	a.MAC, a.Profile = nil, nil
	body, err := json.Marshal(a)
	if err != nil {
		return Wrap(KindInternal, err)
	}
	m := hmac.New(sha256.New, deriveV2(ak, "record mac", a.ID))
	m.Write(body)
	if !hmac.Equal(m.Sum(nil), mac) {
		return Fail(KindDataTampered, "")
	}
	return nil
}

// OpenV2Profile and OpenV2TOTP read what a schema-2 record sealed under AK.
func (ak AccountKey) OpenV2Profile(sealed []byte, id AccountID) (Profile, error) {
	if len(sealed) == 0 {
		return Profile{}, nil
	}
	plain, err := ak.openV2("profile", id, sealed)
	if err != nil {
		return Profile{}, Wrap(KindDataTampered, err) // the record verified: only a swapped profile fails here
	}
	return decodeProfile(plain)
}

func (ak AccountKey) OpenV2TOTP(sealed []byte, id AccountID) (string, error) {
	if len(sealed) == 0 {
		return "", Fail(KindSecretMissing, "")
	}
	plain, err := ak.openV2("totp secret", id, sealed)
	if err != nil {
		return "", Wrap(KindDataTampered, err)
	}
	if !ValidSecret(string(plain)) {
		return "", Fail(KindDataCorrupt, "error.secret.damaged")
	}
	return string(plain), nil
}
