package core

import (
	"crypto/hkdf"
	"crypto/sha256"
)

// kdf is HKDF-SHA256: the one way Twostep makes a key from other key material. info names
// the purpose, the record format and the account, so that a key made for one of them is
// useless for any other.
func kdf(secret, salt []byte, info string) []byte {
	k, err := hkdf.Key(sha256.New, secret, salt, info, KeyLen)
	if err != nil {
		panic(err) // only for a length HKDF-SHA256 cannot give; KeyLen is not one
	}
	return k
}

// derive is kdf of secret for purpose in a schema-3 record of account id.
func derive(secret []byte, purpose string, id AccountID) []byte {
	return kdf(secret, nil, "twostep v3 "+purpose+" "+string(id))
}

// deriveV2 is what Twostep 0.2 (schema 2) derived, read when such a record is moved on.
func deriveV2(secret []byte, purpose string, id AccountID) []byte {
	return kdf(secret, nil, "twostep v2 "+purpose+" "+string(id))
}
