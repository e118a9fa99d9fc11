package core

import (
	"bytes"
	"crypto/sha256"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestValidateUsername(t *testing.T) {
	tests := []struct {
		name string
		in   string
		ok   bool
	}{
		{"three characters", "bob", true},
		{"thirty-two characters", strings.Repeat("a", 32), true},
		{"letters digits and punctuation", "Ada.Lovelace_1815-x", true},
		{"upper case", "ADA", true},
		{"two characters", "ab", false},
		{"thirty-three characters", strings.Repeat("a", 33), false},
		{"empty", "", false},
		{"inner space", "ada lovelace", false},
		{"leading space", " ada", false},
		{"trailing space", "ada ", false},
		{"tab", "ada\tl", false},
		{"at sign", "ada@example", false},
		{"unicode letter", "adé", false},
		{"cyrillic look-alike", "аda", false}, // first letter is U+0430
		{"fullwidth letters", "ａｄａ", false},
		{"slash", "ada/x", false},
		{"colon", "ada:x", false},
		{"NUL", "ada\x00", false},
		{"emoji", "ada🙂", false},
		{"invalid UTF-8", "ad\xff", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateUsername(tt.in)
			if tt.ok && err != nil {
				t.Fatalf("ValidateUsername(%q) = %v, want nil", tt.in, err)
			}
			if !tt.ok && !IsKind(err, KindInvalid) {
				t.Fatalf("ValidateUsername(%q) = %v, want KindInvalid", tt.in, err)
			}
		})
	}
}

func TestUsernameKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ada", "ada"},
		{"Ada", "ada"},
		{"ADA.Lovelace", "ada.lovelace"},
		{"  Bob_Smith-2 ", "bob_smith-2"},
	}
	for _, tt := range tests {
		if got := UsernameKey(tt.in); got != tt.want {
			t.Errorf("UsernameKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if UsernameKey("Alice") != UsernameKey("aLICE") {
		t.Error("UsernameKey does not fold case: Alice and aLICE differ")
	}
	if UsernameKey("alice") == UsernameKey("alice2") {
		t.Error("UsernameKey merges different names")
	}
}

func TestNewAccountID(t *testing.T) {
	re := regexp.MustCompile(`^[0-9a-f]{32}$`)
	a, b := NewAccountID(), NewAccountID()
	if !re.MatchString(string(a)) {
		t.Errorf("NewAccountID() = %q, want 32 hex digits", a)
	}
	if a == b {
		t.Error("two account IDs are equal")
	}
}

func TestNewDeviceToken(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	token, d := NewDeviceToken("laptop", now)
	if len(token) != 32 {
		t.Fatalf("token has %d bytes, want 32", len(token))
	}
	sum := sha256.Sum256(token)
	if !bytes.Equal(d.TokenHash, sum[:]) {
		t.Error("TokenHash is not the SHA-256 of the token")
	}
	if bytes.Contains(d.TokenHash, token) {
		t.Error("stored record contains the token")
	}
	if d.Name != "laptop" || !d.Created.Equal(now) || !d.LastUsed.Equal(now) || d.ID == "" {
		t.Errorf("device record = %+v", d)
	}
	token2, d2 := NewDeviceToken("laptop", now)
	if bytes.Equal(token, token2) || d.ID == d2.ID {
		t.Error("two device tokens or IDs are equal")
	}
}

func TestTrustedDevice(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	var a Account
	var tokens [][]byte
	for _, name := range []string{"laptop", "desktop", "work"} {
		tok, d := NewDeviceToken(name, now)
		tokens = append(tokens, tok)
		a.Devices = append(a.Devices, d)
	}
	other, _ := NewDeviceToken("stranger", now)
	flipped := bytes.Clone(tokens[1])
	flipped[31] ^= 1

	tests := []struct {
		name  string
		token []byte
		want  int
	}{
		{"first", tokens[0], 0},
		{"middle", tokens[1], 1},
		{"last", tokens[2], 2},
		{"unknown token", other, -1},
		{"one bit off", flipped, -1},
		{"nil", nil, -1},
		{"too short", tokens[1][:31], -1},
		{"too long", append(bytes.Clone(tokens[1]), 0), -1},
		{"the stored hash itself", a.Devices[1].TokenHash, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.TrustedDevice(tt.token); got != tt.want {
				t.Errorf("TrustedDevice = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestRemoveDevice(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	var a Account
	var tokens [][]byte
	for _, name := range []string{"laptop", "desktop", "work"} {
		tok, d := NewDeviceToken(name, now)
		tokens = append(tokens, tok)
		a.Devices = append(a.Devices, d)
	}
	removed := a.Devices[1].ID

	if !a.RemoveDevice(removed) {
		t.Fatal("RemoveDevice of a trusted device = false")
	}
	if len(a.Devices) != 2 {
		t.Fatalf("%d devices left, want 2", len(a.Devices))
	}
	if got := a.TrustedDevice(tokens[1]); got != -1 {
		t.Errorf("removed device still trusted at index %d", got)
	}
	if got := a.TrustedDevice(tokens[2]); got != 1 {
		t.Errorf("TrustedDevice(third) after removal = %d, want 1", got)
	}
	if a.RemoveDevice(removed) {
		t.Error("RemoveDevice of an already removed device = true")
	}
	if a.RemoveDevice("no-such-id") {
		t.Error("RemoveDevice of an unknown ID = true")
	}
	if len(a.Devices) != 2 {
		t.Errorf("%d devices left after no-op removals, want 2", len(a.Devices))
	}
}
