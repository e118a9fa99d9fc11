package core

import (
	"bytes"
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"
)

// fastParams keep tests that are about the PHC format, not the cost, quick under -race.
var fastParams = KDFParams{Memory: 64, Time: 1, Threads: 1}

// randomLooking is deterministic text with no dictionary words or keyboard runs.
const randomLooking = "q8Vz3mR1kP0xT7wN5bL2yH9cJ4sF6dG8aE1uZ3iO7nM2vB5hK0pX9tW4rY6eQ1jU"

// realHash is one hash at the real cost, shared: at ~50 ms each (much more under -race)
// the tests make as few as they can.
var realHash = sync.OnceValue(func() string { return HashPassword(strongPassphrase, PasswordParams) })

const strongPassphrase = "violet tram ocean forty mustard quietly"

var phcRE = regexp.MustCompile(`^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$`)

func TestValidatePassword(t *testing.T) {
	if len(randomLooking) != 64 {
		t.Fatalf("randomLooking has %d characters, want 64", len(randomLooking))
	}
	tests := []struct {
		name, pw, user string
		ok             bool
	}{
		{"strong passphrase", strongPassphrase, "ada", true},
		{"long all-lowercase passphrase (no composition rules)", "purple elephants dance quietly under tangerine skies", "ada", true},
		{"64 random-looking characters", randomLooking, "ada", true},
		{"256 characters", strings.Repeat(randomLooking, 4), "ada", true},
		{"unicode passphrase", "ξένος ποταμός κόκκινο φεγγάρι", "ada", true},
		{"score 3, the least accepted", "quiet river stone", "ada", true},
		{"no username given", "margaret.h walks nine purple tractors", "", true},
		{"other username", "margaret.h walks nine purple tractors", "bob", true},

		{"empty", "", "ada", false},
		{"seven characters", "xK9#qL2", "ada", false},
		{"257 characters", strings.Repeat(randomLooking, 4) + "x", "ada", false},
		{"common password123", "password123", "ada", false},
		{"common qwertyuiop", "qwertyuiop", "ada", false},
		{"common iloveyou1", "iloveyou1", "ada", false},
		{"score 2, one short", "zebra umbrella", "ada", false},
		{"repeated letter", "aaaaaaaaaaaa", "ada", false},
		{"sequence", "abcdefgh12345678", "ada", false},
		{"contains username", "margaret.h walks nine purple tractors", "margaret.h", false},
		{"contains username, other case", "MARGARET.H walks nine purple tractors", "Margaret.H", false},
		{"app name", "twostep2024", "ada", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidatePassword(tt.pw, tt.user)
			if tt.ok && err != nil {
				t.Fatalf("ValidatePassword(%q, %q) = %v, want nil", tt.pw, tt.user, err)
			}
			if !tt.ok && !IsKind(err, KindInvalid) {
				t.Fatalf("ValidatePassword(%q, %q) = %v, want KindInvalid", tt.pw, tt.user, err)
			}
		})
	}
}

func TestPasswordStrength(t *testing.T) {
	tests := []struct {
		pw       string
		atLeast3 bool
	}{
		{"", false},
		{"password", false},
		{"password123", false},
		{"qwertyuiop", false},
		{"ada.lovelace1", false},    // the username
		{"zebra umbrella", false},   // 2
		{"quiet river stone", true}, // 3
		{strongPassphrase, true},
		{randomLooking, true},
		{strings.Repeat(randomLooking, 4), true}, // scored on its first 100 characters
	}
	for _, tt := range tests {
		s := PasswordStrength(tt.pw, "ada.lovelace")
		if s.Score < 0 || s.Score > 4 {
			t.Errorf("PasswordStrength(%q).Score = %d, want 0..4", tt.pw, s.Score)
		}
		if s.Empty != (tt.pw == "") || s.Crack < 0 {
			t.Errorf("PasswordStrength(%q) = %+v", tt.pw, s)
		}
		if s.Score >= MinStrength && s.Crack < 24*time.Hour {
			t.Errorf("PasswordStrength(%q) = %+v: good enough, yet cracked within a day", tt.pw, s)
		}
		if got := s.Score >= MinStrength; got != tt.atLeast3 {
			t.Errorf("PasswordStrength(%q).Score = %d, want >= %d: %v", tt.pw, s.Score, MinStrength, tt.atLeast3)
		}
	}
}

// parsePHC takes a PHC string apart with the regexp above, independently of decodePHC.
func parsePHC(t *testing.T, phc string) (p KDFParams, salt, hash []byte) {
	t.Helper()
	m := phcRE.FindStringSubmatch(phc)
	if m == nil {
		t.Fatalf("%q is not an argon2id PHC string", phc)
	}
	num := func(s string, bits int) uint64 {
		n, err := strconv.ParseUint(s, 10, bits)
		if err != nil {
			t.Fatalf("parameter %q: %v", s, err)
		}
		return n
	}
	p = KDFParams{Memory: uint32(num(m[1], 32)), Time: uint32(num(m[2], 32)), Threads: uint8(num(m[3], 8))}
	var err error
	if salt, err = base64.RawStdEncoding.DecodeString(m[4]); err != nil {
		t.Fatalf("salt: %v", err)
	}
	if hash, err = base64.RawStdEncoding.DecodeString(m[5]); err != nil {
		t.Fatalf("hash: %v", err)
	}
	return p, salt, hash
}

func TestHashPasswordIsStandardArgon2id(t *testing.T) {
	phc := realHash()
	p, salt, hash := parsePHC(t, phc)
	if p.Memory < 19456 || p.Time < 2 || p.Threads < 1 {
		t.Errorf("parameters m=%d,t=%d,p=%d are below OWASP's m=19456,t=2,p=1", p.Memory, p.Time, p.Threads)
	}
	if p != PasswordParams {
		t.Errorf("parameters %+v, want PasswordParams %+v", p, PasswordParams)
	}
	if len(salt) < 16 || len(hash) < 32 {
		t.Errorf("salt %d bytes, hash %d bytes; want at least 16 and 32", len(salt), len(hash))
	}
	want := argon2.IDKey([]byte(strongPassphrase), salt, p.Time, p.Memory, p.Threads, uint32(len(hash)))
	if !bytes.Equal(hash, want) {
		t.Error("hash differs from argon2.IDKey over the parsed salt and parameters")
	}
}

func TestCheckPassword(t *testing.T) {
	phc := realHash()
	tests := []struct {
		pw   string
		want bool
	}{
		{strongPassphrase, true},
		{"violet tram ocean forty mustard quietlY", false},
		{"violet tram ocean forty mustard quietly ", false},
		{"Violet tram ocean forty mustard quietly", false},
		{"", false},
	}
	for _, tt := range tests {
		ok, err := CheckPassword(tt.pw, phc)
		if err != nil {
			t.Fatalf("CheckPassword(%q) error %v", tt.pw, err)
		}
		if ok != tt.want {
			t.Errorf("CheckPassword(%q) = %v, want %v", tt.pw, ok, tt.want)
		}
	}
}

func TestHashPasswordSaltsDiffer(t *testing.T) {
	const pw = "same password twice"
	a, b := HashPassword(pw, fastParams), HashPassword(pw, fastParams)
	_, saltA, hashA := parsePHC(t, a)
	_, saltB, hashB := parsePHC(t, b)
	if bytes.Equal(saltA, saltB) || bytes.Equal(hashA, hashB) {
		t.Fatalf("two hashes share a salt or hash:\n%s\n%s", a, b)
	}
	for _, phc := range []string{a, b} {
		if ok, err := CheckPassword(pw, phc); !ok || err != nil {
			t.Errorf("CheckPassword(right, %s) = %v, %v", phc, ok, err)
		}
	}
}

func TestCheckPasswordDamagedHash(t *testing.T) {
	const pw = "correct horse"
	good := HashPassword(pw, fastParams)
	parts := strings.Split(good, "$") // "", argon2id, v=19, m=..,t=..,p=.., salt, hash
	join := func(p ...string) string { return strings.Join(p, "$") }
	salt, hash := parts[4], parts[5]
	b64 := base64.RawStdEncoding.EncodeToString

	tests := []struct{ name, phc string }{
		{"empty", ""},
		{"plain text", pw},
		{"only dollars", "$$$$$"},
		{"argon2i", join("", "argon2i", "v=19", parts[3], salt, hash)},
		{"argon2d", join("", "argon2d", "v=19", parts[3], salt, hash)},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"old version", join("", "argon2id", "v=16", parts[3], salt, hash)},
		{"no version", join("", "argon2id", parts[3], salt, hash)},
		{"no leading dollar", strings.TrimPrefix(good, "$")},
		{"leading space", " " + good},
		{"extra field", good + "$AAAA"},
		{"no hash", join("", "argon2id", "v=19", parts[3], salt)},
		{"empty hash", join("", "argon2id", "v=19", parts[3], salt, "")},
		{"truncated hash", good[:len(good)-10]},
		{"short hash", join("", "argon2id", "v=19", parts[3], salt, b64(make([]byte, 8)))},
		{"hash not base64", join("", "argon2id", "v=19", parts[3], salt, "!!!!"+hash[4:])},
		{"padded hash", good + "="},
		{"empty salt", join("", "argon2id", "v=19", parts[3], "", hash)},
		{"short salt", join("", "argon2id", "v=19", parts[3], b64([]byte("abcd")), hash)},
		{"salt not base64", join("", "argon2id", "v=19", parts[3], "*"+salt[1:], hash)},
		{"params missing", join("", "argon2id", "v=19", "", salt, hash)},
		{"params not numbers", join("", "argon2id", "v=19", "m=x,t=1,p=1", salt, hash)},
		{"params out of order", join("", "argon2id", "v=19", "t=1,m=64,p=1", salt, hash)},
		{"params with trailing junk", join("", "argon2id", "v=19", "m=64,t=1,p=1,x=9", salt, hash)},
		{"params with sign", join("", "argon2id", "v=19", "m=+64,t=1,p=1", salt, hash)},
		{"m=0", join("", "argon2id", "v=19", "m=0,t=1,p=1", salt, hash)},
		{"t=0", join("", "argon2id", "v=19", "m=64,t=0,p=1", salt, hash)},
		{"p=0", join("", "argon2id", "v=19", "m=64,t=1,p=0", salt, hash)},
		{"negative m", join("", "argon2id", "v=19", "m=-64,t=1,p=1", salt, hash)},
		{"m beyond uint32", join("", "argon2id", "v=19", "m=4294967296,t=1,p=1", salt, hash)},
		{"p beyond uint8", join("", "argon2id", "v=19", "m=64,t=1,p=256", salt, hash)},
		// A damaged file must not make sign-in allocate terabytes or spin for hours.
		{"absurd memory", join("", "argon2id", "v=19", "m=4294967295,t=1,p=1", salt, hash)},
		{"absurd time", join("", "argon2id", "v=19", "m=64,t=4294967295,p=1", salt, hash)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := CheckPassword(pw, tt.phc)
			if ok {
				t.Fatalf("CheckPassword matched the damaged hash %q", tt.phc)
			}
			if !IsKind(err, KindDataCorrupt) {
				t.Fatalf("CheckPassword(%q) error = %v, want KindDataCorrupt", tt.phc, err)
			}
		})
	}
	if ok, err := CheckPassword(pw, good); !ok || err != nil {
		t.Fatalf("the undamaged hash does not check: %v, %v", ok, err)
	}
}

func TestWeakParams(t *testing.T) {
	tests := []struct {
		name   string
		params string
		min    KDFParams
		want   bool
	}{
		{"m=4096", NewKeyParams(KDFParams{Memory: 4096, Time: 3, Threads: 1}), MinPasswordParams, true},
		{"t=1", NewKeyParams(KDFParams{Memory: 19 * 1024, Time: 1, Threads: 1}), MinPasswordParams, true},
		{"PasswordParams against the floor", NewPasswordParams(), MinPasswordParams, false},
		{"PasswordParams against themselves", NewPasswordParams(), PasswordParams, false},
		{"more memory than asked", NewKeyParams(KDFParams{Memory: 32 * 1024, Time: 2, Threads: 1}), MinPasswordParams, false},
		{"fewer threads than asked", NewKeyParams(KDFParams{Memory: 64, Time: 1, Threads: 1}), KDFParams{Memory: 64, Time: 1, Threads: 2}, true},
		{"damaged", "$argon2id$v=19$m=x", MinPasswordParams, true},
		{"absurd memory", "$argon2id$v=19$m=4294967295,t=3,p=1$c2FsdHNhbHQ", MinPasswordParams, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WeakParams(tt.params, tt.min); got != tt.want {
				t.Errorf("WeakParams(%s, %+v) = %v, want %v", tt.params, tt.min, got, tt.want)
			}
		})
	}
}

func TestPasswordParamsFloor(t *testing.T) {
	p, m := PasswordParams, MinPasswordParams
	if p.Memory < m.Memory || p.Time < m.Time || p.Threads < m.Threads {
		t.Errorf("PasswordParams %+v are below MinPasswordParams %+v: every sign-in would re-hash", p, m)
	}
	if m.Memory < 19456 || m.Time < 2 || m.Threads < 1 {
		t.Errorf("MinPasswordParams %+v are below OWASP's m=19456,t=2,p=1", m)
	}
}

func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		HashPassword(strongPassphrase, PasswordParams)
	}
}

func BenchmarkCheckPassword(b *testing.B) {
	phc := HashPassword(strongPassphrase, PasswordParams)
	for b.Loop() {
		if ok, err := CheckPassword(strongPassphrase, phc); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}
