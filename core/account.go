package core

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"
)

// AccountID is random and immutable; storage keys use it, never the username,
// so a rename (or a name with odd characters) can never collide or leak into key space.
type AccountID string

// NewAccountID returns 128 random bits in hex.
func NewAccountID() AccountID {
	b := make([]byte, 16)
	rand.Read(b) // crypto/rand.Read never fails on Linux (Go >= 1.24 panics instead)
	return AccountID(hex.EncodeToString(b))
}

// Account is what bbolt holds for one person. Nothing in it is secret on its own:
// secrets live in the keyring, the profile is sealed under the data key.
type Account struct {
	ID         AccountID `json:"id"`
	Username   string    `json:"username"`
	Created    time.Time `json:"created"`
	Password   string    `json:"password"`    // argon2id PHC string
	KeyParams  string    `json:"key_params"`  // argon2id parameters and salt of the key-wrapping key
	WrappedKey []byte    `json:"wrapped_key"` // the data key, sealed under the password-derived key
	Profile    []byte    `json:"profile"`     // the personal information, sealed under the data key

	TwoFactor       bool        `json:"two_factor"`
	LastStep        int64       `json:"last_step"` // newest accepted TOTP time step (replay guard)
	BackupCodes     BackupCodes `json:"backup_codes"`
	Devices         []Device    `json:"devices"`
	PasswordChanged time.Time   `json:"password_changed"`
}

// Device is one machine this account trusts to skip the verification code.
type Device struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Created   time.Time `json:"created"`
	LastUsed  time.Time `json:"last_used"`
	TokenHash []byte    `json:"token_hash"` // SHA-256 of the token held in this machine's keyring
}

// UsernameKey is the case-folded form used for uniqueness and look-up.
func UsernameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// ValidateUsername enforces 3-32 characters of letters, digits, '.', '_' and '-'.
// ASCII only: look-alike Unicode letters would let two accounts read the same.
func ValidateUsername(name string) error {
	n := utf8.RuneCountInString(name)
	if n < 3 || n > 32 {
		return Errorf(KindInvalid, "A username has 3 to 32 characters.")
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
		if !ok {
			return Errorf(KindInvalid, "A username may use only letters, digits, '.', '_' and '-'.")
		}
	}
	return nil
}
