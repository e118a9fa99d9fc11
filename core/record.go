package core

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
)

// Every field of an account record carries an HMAC-SHA256 under a subkey of the account key:
// only a signed-in owner can make it, so a record changed outside Twostep is refused instead
// of believed. The authenticator covers the record's JSON with the MAC left out and the
// sealed profile replaced by its SHA-256: every field added later is covered without anyone
// listing it, JSON of these types reads back into the same bytes, and a megabyte of picture
// costs one hash (about half a millisecond here), not an HMAC per check of every field. So
// an older, authentic profile put back, or a profile deleted, fails the record as any other
// change does. (Twostep 0.2 left the profile out: keys_v2.go checks such records.)

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
	if a.Schema == 2 {
		return ak.verifyV2(a)
	}
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
	a.MAC = nil
	if len(a.Profile) > 0 {
		sum := sha256.Sum256(a.Profile)
		a.Profile = sum[:]
	}
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
