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

// Schema is the record layout this code writes; see keys.go. A record of an older layout is
// read only to be moved to this one at its owner's next sign-in: 0 was written by Twostep 0.1
// (legacy.go), 2 by Twostep 0.2 (keys_v2.go).
const Schema = 3

// Account is what bbolt holds for one person. Nothing in it is secret on its own and nothing
// in it opens without the password: the account key is boxed (Keys), the profile and the TOTP
// secret sealed under it, and every field authenticated by MAC (record.go).
type Account struct {
	ID       AccountID `json:"id"`
	Username string    `json:"username"`
	Created  time.Time `json:"created"`
	Schema   int       `json:"schema,omitempty"` // 0: Twostep 0.1

	Keys    Keys   `json:"keys"`
	Profile []byte `json:"profile"`        // the personal information, sealed under the account key
	TOTP    []byte `json:"totp,omitempty"` // the TOTP secret, sealed under the account key
	// DataKeys are the keys of a program's own data (datakeys.go), sealed under the account
	// key; none in Twostep's own records.
	DataKeys []byte `json:"data_keys,omitempty"`

	TwoFactor       bool        `json:"two_factor"`
	LastTimeStep    int64       `json:"last_step"` // newest accepted TOTP time step (replay guard)
	BackupCodes     BackupCodes `json:"backup_codes"`
	Devices         []Device    `json:"devices"` // the computers set up (schema 3); the trusted ones (before)
	PasswordChanged time.Time   `json:"password_changed"`
	// When the signed-in window locks (lock.go): after LockAfterMinutes without use (0: the
	// default, -1: never), and when the screen locks or the computer sleeps unless
	// KeepOnScreenLock.
	LockAfterMinutes int  `json:"lock_after,omitempty"`
	KeepOnScreenLock bool `json:"keep_on_screen_lock,omitempty"`
	// LegacyKeyring: this account was upgraded from Twostep 0.1 and the keyring entries 0.1
	// made may still be there; they are deleted at the next chance.
	LegacyKeyring bool   `json:"legacy_keyring,omitempty"`
	MAC           []byte `json:"mac,omitempty"`

	Legacy // what only a Twostep 0.1 record holds
}

// Legacy is the part of a Twostep 0.1 record that schema 2 does without: an argon2id hash
// of the password, and the data key wrapped under the password alone.
type Legacy struct {
	Password   string `json:"password,omitempty"`    // argon2id PHC string
	KeyParams  string `json:"key_params,omitempty"`  // argon2id parameters and salt of the key-wrapping key
	WrappedKey []byte `json:"wrapped_key,omitempty"` // the data key, sealed under the password-derived key
}

// Device is one computer set up for a two-step account: the one whose keyring holds the
// private half of Public, under this ID. A trusted one signs in without a code. (In records
// of Twostep 0.1 and 0.2 the list held only the trusted devices, without keys.)
type Device struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Created   time.Time `json:"created"`
	LastUsed  time.Time `json:"last_used"`
	Public    []byte    `json:"public,omitempty"`     // the computer's X25519 public key: its box's holder
	Trusted   bool      `json:"trusted,omitempty"`    // signs in with the password alone
	TokenHash []byte    `json:"token_hash,omitempty"` // Twostep 0.1: SHA-256 of a token in that machine's keyring
}

// UsernameKey is the case-folded form used for uniqueness and look-up.
func UsernameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// ValidateUsername enforces 3-32 characters of letters, digits, '.', '_' and '-'.
// ASCII only: look-alike Unicode letters would let two accounts read the same.
func ValidateUsername(name string) error {
	n := utf8.RuneCountInString(name)
	if n < 3 || n > 32 {
		return Fail(KindInvalid, "error.username.length", "Min", 3, "Max", 32)
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
		if !ok {
			return Fail(KindInvalid, "error.username.characters")
		}
	}
	return nil
}
