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

// Computers are set up with a key, trusted and distrusted by ID, and removed.
func TestComputersAndTrust(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	var a Account
	keys := []ComputerKey{NewComputerKey(), NewComputerKey(), NewComputerKey()}
	for i, name := range []string{"laptop", "desktop", "work"} {
		a.AddComputer(keys[i], name, now)
	}
	first, twice := a.Trust(keys[1].DeviceID), a.Trust(keys[1].DeviceID)
	if !first || !twice || a.Trust(NewComputerKey().DeviceID) {
		t.Fatal("Trust: a set-up computer is trusted (twice is once), an unknown one is not")
	}
	if len(a.Devices) != 3 || a.Devices[1].Name != "desktop" || !a.Devices[1].Created.Equal(now) || a.TrustedCount() != 1 {
		t.Fatalf("devices = %+v", a.Devices)
	}
	tests := []struct {
		name, device  string
		index         int
		trusted, fits bool
	}{
		{"first", keys[0].DeviceID, 0, false, true}, {"middle", keys[1].DeviceID, 1, true, true}, {"last", keys[2].DeviceID, 2, false, true},
		{"unknown", NewComputerKey().DeviceID, -1, false, false}, {"empty", "", -1, false, false},
	}
	for _, tt := range tests {
		if got := a.DeviceIndex(tt.device); got != tt.index {
			t.Errorf("%s: DeviceIndex = %d, want %d", tt.name, got, tt.index)
		}
		if got := a.IsTrusted(tt.device); got != tt.trusted {
			t.Errorf("%s: IsTrusted = %v, want %v", tt.name, got, tt.trusted)
		}
		if tt.index >= 0 && a.Fits(keys[tt.index]) != tt.fits {
			t.Errorf("%s: its own key does not fit", tt.name)
		}
	}
	if a.Fits(ComputerKey{DeviceID: keys[0].DeviceID, Key: keys[1].Key}) {
		t.Error("another computer's key fits under this computer's ID")
	}
	again := ComputerKey{DeviceID: keys[1].DeviceID, Key: NewComputerKey().Key}
	a.AddComputer(again, "desktop, set up again", now.Add(time.Hour))
	if len(a.Devices) != 3 || a.IsTrusted(again.DeviceID) || a.Fits(keys[1]) || !a.Fits(again) {
		t.Fatalf("setting a computer up again kept its old key or trust: %+v", a.Devices)
	}
	a.Trust(keys[0].DeviceID)
	if !a.Distrust(keys[0].DeviceID) || a.Distrust(keys[0].DeviceID) || a.IsTrusted(keys[0].DeviceID) {
		t.Error("Distrust")
	}
	a.Trust(keys[0].DeviceID)
	a.Trust(keys[2].DeviceID)
	a.DistrustAll()
	if a.TrustedCount() != 0 || len(a.Devices) != 3 {
		t.Errorf("DistrustAll: %+v", a.Devices)
	}
	if !a.RemoveDevice(keys[2].DeviceID) || len(a.Devices) != 2 || a.DeviceIndex(keys[2].DeviceID) != -1 {
		t.Fatalf("RemoveDevice: devices = %+v", a.Devices)
	}
	if a.RemoveDevice(keys[2].DeviceID) || a.RemoveDevice("no-such-id") || len(a.Devices) != 2 {
		t.Error("RemoveDevice of an unknown device changed something")
	}
}

// Twostep 0.1 recognised a trusted machine by the SHA-256 of a token in its keyring; the
// upgrade still reads that once.
func TestDeviceIndexByToken(t *testing.T) {
	var a Account
	var tokens [][]byte
	for range 3 {
		tok := randomBytes(32)
		sum := sha256.Sum256(tok)
		tokens = append(tokens, tok)
		a.Devices = append(a.Devices, Device{ID: NewComputerKey().DeviceID, TokenHash: sum[:]})
	}
	flipped := bytes.Clone(tokens[1])
	flipped[31] ^= 1
	tests := []struct {
		name  string
		token []byte
		want  int
	}{
		{"first", tokens[0], 0}, {"last", tokens[2], 2}, {"unknown", randomBytes(32), -1},
		{"one bit off", flipped, -1}, {"nil", nil, -1}, {"too short", tokens[1][:31], -1},
		{"the stored hash itself", a.Devices[1].TokenHash, -1},
	}
	for _, tt := range tests {
		if got := a.DeviceIndexByToken(tt.token); got != tt.want {
			t.Errorf("%s: DeviceIndexByToken = %d, want %d", tt.name, got, tt.want)
		}
	}
}
