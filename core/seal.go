package core

import (
	"crypto/aes"
	"crypto/cipher"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// The personal information of an account is sealed under a random 256-bit data key. The
// data key sits in the keyring and, wrapped, in bbolt under a key-encryption key (KEK)
// that argon2id derives from the password with its own salt. The KEK is derived only when
// the wrapped copy is needed (account creation, a keyring that lost the data key, a new
// password), so an ordinary sign-in pays for one argon2id run, not two.

// DataKeyLen is the size of a data key: AES-256.
const DataKeyLen = 32

// NewDataKey returns a fresh random data key.
func NewDataKey() []byte { return randomBytes(DataKeyLen) }

// NewKeyParams returns fresh KEK parameters: "$argon2id$v=19$m=..,t=..,p=..$salt".
func NewKeyParams(p KDFParams) string {
	return strings.TrimSuffix(encodePHC(p, randomBytes(saltLen), nil), "$")
}

// DeriveKEK runs argon2id over pw with the stored KEK parameters.
func DeriveKEK(pw, keyParams string) ([]byte, error) {
	p, salt, err := decodeParams(keyParams)
	if err != nil {
		return nil, err
	}
	return argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, DataKeyLen), nil
}

// Seal encrypts plain with AES-256-GCM under key; aad binds it to its owner and purpose,
// so a ciphertext copied onto another account or field fails to open.
func Seal(key, plain []byte, aad string) ([]byte, error) {
	g, err := gcm(key)
	if err != nil {
		return nil, err
	}
	nonce := randomBytes(g.NonceSize())
	return g.Seal(nonce, nonce, plain, []byte(aad)), nil
}

// Open reverses Seal. A wrong key or tampered bytes give KindDataCorrupt.
func Open(key, sealed []byte, aad string) ([]byte, error) {
	g, err := gcm(key)
	if err != nil {
		return nil, err
	}
	if len(sealed) < g.NonceSize()+g.Overhead() {
		return nil, Errorf(KindDataCorrupt, "Sealed data is too short.")
	}
	plain, err := g.Open(nil, sealed[:g.NonceSize()], sealed[g.NonceSize():], []byte(aad))
	if err != nil {
		return nil, Wrap(KindDataCorrupt, err)
	}
	return plain, nil
}

func gcm(key []byte) (cipher.AEAD, error) {
	if len(key) != DataKeyLen {
		return nil, Wrap(KindInternal, fmt.Errorf("key of %d bytes, want %d", len(key), DataKeyLen))
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, Wrap(KindInternal, err)
	}
	return cipher.NewGCM(b)
}

// Additional data for the two sealed things an account holds.
func WrapAAD(id AccountID) string    { return "twostep data key v1 " + string(id) }
func ProfileAAD(id AccountID) string { return "twostep profile v1 " + string(id) }
