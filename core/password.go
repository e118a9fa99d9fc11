package core

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/twostep-app/twostep/internal/zxcvbn"
)

// KDFParams are argon2id costs. Memory is in KiB, as argon2 and the PHC string count it.
type KDFParams struct {
	Memory  uint32
	Time    uint32
	Threads uint8
}

// PasswordParams: OWASP's first argon2id option (m=19 MiB, t=2, p=1) at its memory, one
// more pass. Measured here at about 50 ms per hash on one core (BenchmarkHashPassword):
// slow for a guesser, unnoticeable behind a spinner.
var PasswordParams = KDFParams{Memory: 19 * 1024, Time: 3, Threads: 1}

// MinPasswordParams is the floor: a stored hash below it is re-hashed at the next sign-in.
var MinPasswordParams = KDFParams{Memory: 19 * 1024, Time: 2, Threads: 1}

const (
	MinPasswordLen = 8   // NIST SP 800-63B-4 minimum for a password used with other factors
	MaxPasswordLen = 256 // well past NIST's "at least 64"; bounds argon2 input and strength checks
	saltLen        = 16
	hashLen        = 32
	// MinStrength is the least zxcvbn score accepted. 3 means about 10^8..10^10 guesses:
	// enough that a stolen data file, where each guess pays the argon2 cost above, is out of
	// reach, while 2 (10^6..10^8) falls in hours to one GPU. It also rejects everything on
	// zxcvbn's common-password, name and word lists, as NIST asks.
	MinStrength = 3
	// strengthInputLimit: zxcvbn's cost grows with length and a long password is not weak
	// for being long; like zxcvbn.js we score the first 100 characters.
	strengthInputLimit = 100
)

// Strength is a password's zxcvbn score (0-4) and how long an offline guesser would need.
// The window says it in words (app.StrengthWords); core keeps no sentences.
type Strength struct {
	Score int
	Crack time.Duration // capped at maxCrack: beyond a century it is all "centuries"
	Empty bool          // nothing typed yet
}

const maxCrack = 200 * 365 * 24 * time.Hour

// PasswordStrength scores pw, counting the username and the app's name as guessable words.
func PasswordStrength(pw, username string) Strength {
	if utf8.RuneCountInString(pw) > strengthInputLimit {
		pw = string([]rune(pw)[:strengthInputLimit])
	}
	if pw == "" {
		return Strength{Empty: true}
	}
	m := zxcvbn.PasswordStrength(pw, []string{username, "twostep", "two-step", "authenticator"})
	crack := maxCrack
	if secs := m.CrackTime; secs < maxCrack.Seconds() {
		crack = time.Duration(secs * float64(time.Second))
	}
	return Strength{Score: m.Score, Crack: crack}
}

// ValidatePassword applies NIST SP 800-63B-4: length limits, no composition rules,
// and a block on common or guessable passwords.
func ValidatePassword(pw, username string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return Fail(KindInvalid, "error.password.short", "Min", MinPasswordLen)
	case n > MaxPasswordLen:
		return Fail(KindInvalid, "error.password.long", "Max", MaxPasswordLen)
	case username != "" && strings.Contains(strings.ToLower(pw), UsernameKey(username)):
		return Fail(KindInvalid, "error.password.has-username")
	}
	if s := PasswordStrength(pw, username); s.Score < MinStrength {
		return Fail(KindInvalid, "password.too-easy", "Crack", s.Crack) // the meter's own sentence
	}
	return nil
}

// HashPassword returns pw as an argon2id PHC string with a fresh salt.
func HashPassword(pw string, p KDFParams) string {
	salt := randomBytes(saltLen)
	return encodePHC(p, salt, argon2id([]byte(pw), salt, p, hashLen))
}

// CheckPassword compares pw with a PHC string in constant time. A malformed stored
// string is an internal error, never a match.
func CheckPassword(pw, phc string) (bool, error) {
	p, salt, want, err := decodePHC(phc)
	if err != nil {
		return false, err
	}
	got := argon2id([]byte(pw), salt, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// burnParams are a fresh account's costs with a fixed salt: an unknown username is stretched
// with them, so the reply costs the same argon2id work as a wrong password, and there is no
// hash to make first (0.1 made one at the first unknown name, which then answered slower).
var burnParams = strings.TrimSuffix(encodePHC(PasswordParams, []byte("twostep: no such account"), nil), "$")

// BurnPasswordCheck spends one password check's work on nothing.
func BurnPasswordCheck(pw string) { _, _ = StretchPassword(pw, burnParams) }

// WeakParams reports whether params (argon2id parameters and salt) are below min, or unreadable.
func WeakParams(params string, min KDFParams) bool {
	p, _, err := decodeParams(params)
	return err != nil || p.Memory < min.Memory || p.Time < min.Time || p.Threads < min.Threads
}

func encodePHC(p KDFParams, salt, hash []byte) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(hash))
}

func decodePHC(phc string) (p KDFParams, salt, hash []byte, err error) {
	i := strings.LastIndexByte(phc, '$')
	if i < 0 {
		return p, nil, nil, errDamagedHash
	}
	hash, err = base64.RawStdEncoding.DecodeString(phc[i+1:])
	if err != nil || len(hash) < 16 {
		return p, nil, nil, errDamagedHash
	}
	p, salt, err = decodeParams(phc[:i])
	return p, salt, hash, err
}

var errDamagedHash = Wrap(KindDataCorrupt, errors.New("damaged argon2id parameters or hash"))

// decodeParams reads "$argon2id$v=19$m=..,t=..,p=..$salt".
func decodeParams(s string) (p KDFParams, salt []byte, err error) {
	parts := strings.Split(s, "$")
	if len(parts) != 5 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return p, nil, errDamagedHash
	}
	// Sscanf ignores what follows the last number; re-encoding insists on exactly our form.
	if _, e := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); e != nil ||
		parts[3] != fmt.Sprintf("m=%d,t=%d,p=%d", p.Memory, p.Time, p.Threads) {
		return p, nil, errDamagedHash
	}
	salt, e := base64.RawStdEncoding.DecodeString(parts[4])
	if e != nil || len(salt) < 8 || p.Time == 0 || p.Memory < 8 || p.Threads == 0 {
		return p, nil, errDamagedHash
	}
	// argon2 trusts its parameters; a damaged m or t would otherwise make a sign-in
	// allocate terabytes (a fatal, unrecoverable error) or spin for hours.
	if p.Memory > maxKDFMemory || p.Time > maxKDFTime {
		return p, nil, errDamagedHash
	}
	return p, salt, nil
}

// Ceilings far above anything Twostep writes, far below what would hang or kill it.
const (
	maxKDFMemory = 1 << 20 // KiB: 1 GiB
	maxKDFTime   = 64
)

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}
