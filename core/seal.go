package core

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
	"strings"
)

// Seal and Open are AES-256-GCM with a random nonce, the one cipher of Twostep.

// NewKeyParams returns fresh KEK parameters: "$argon2id$v=19$m=..,t=..,p=..$salt".
func NewKeyParams(p KDFParams) string {
	return strings.TrimSuffix(encodePHC(p, randomBytes(saltLen), nil), "$")
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
		return nil, Wrap(KindDataCorrupt, errors.New("sealed data is too short"))
	}
	plain, err := g.Open(nil, sealed[:g.NonceSize()], sealed[g.NonceSize():], []byte(aad))
	if err != nil {
		return nil, Wrap(KindDataCorrupt, err)
	}
	return plain, nil
}

func gcm(key []byte) (cipher.AEAD, error) {
	if len(key) != KeyLen {
		return nil, Wrap(KindInternal, fmt.Errorf("key of %d bytes, want %d", len(key), KeyLen))
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, Wrap(KindInternal, err)
	}
	return cipher.NewGCM(b)
}
