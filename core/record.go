package core

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
)

// The security-relevant part of an account record (two-step on or off, the last accepted
// time step, the backup codes, the trusted devices, the wrapped keys, the sealed TOTP secret)
// carries an HMAC-SHA256 under a subkey of the account key. Only a signed-in owner can make
// it, so a record changed outside Twostep is refused instead of believed.
//
// The authenticator covers the record's JSON with the MAC and the profile left out: every
// field added later is covered without anyone remembering to list it, and JSON of these types
// reads back into the same bytes. The profile has its own AES-GCM, bound to the account, and
// leaving out up to a megabyte of picture keeps every check well under a millisecond.

// Sign stores the record's authenticator in a.MAC.
func (ak AccountKey) Sign(a *Account) error {
	sum, err := ak.recordMAC(*a)
	if err != nil {
		return err
	}
	a.MAC = sum
	return nil
}

// Verify fails with KindDataTampered unless a.MAC is the authenticator ak makes for a.
func (ak AccountKey) Verify(a Account) error {
	sum, err := ak.recordMAC(a)
	if err != nil {
		return err
	}
	if !hmac.Equal(sum, a.MAC) {
		return Fail(KindDataTampered, "")
	}
	return nil
}

func (ak AccountKey) recordMAC(a Account) ([]byte, error) {
	a.MAC, a.Profile = nil, nil
	body, err := json.Marshal(a)
	if err != nil {
		return nil, Wrap(KindInternal, err)
	}
	m := hmac.New(sha256.New, derive(ak, "record mac", a.ID))
	m.Write(body)
	return m.Sum(nil), nil
}

// SealTOTP seals the TOTP secret under AK, bound to the account.
func (ak AccountKey) SealTOTP(secret string, id AccountID) ([]byte, error) {
	return ak.seal("totp secret", id, []byte(secret))
}

// OpenTOTP opens what SealTOTP made. Nothing stored is KindSecretMissing: an account upgraded
// from Twostep 0.1 whose keyring had lost the secret.
func (ak AccountKey) OpenTOTP(sealed []byte, id AccountID) (string, error) {
	if len(sealed) == 0 {
		return "", Fail(KindSecretMissing, "")
	}
	plain, err := ak.open("totp secret", id, sealed)
	if err != nil {
		return "", err
	}
	if !ValidSecret(string(plain)) {
		return "", Fail(KindDataCorrupt, "error.secret.damaged")
	}
	return string(plain), nil
}
