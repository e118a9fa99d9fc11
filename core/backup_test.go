package core

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var backupRE = regexp.MustCompile(`^[0-9a-z]{5}-[0-9a-z]{5}$`)

// knownBackupSet stores the given 10-character codes the way NewBackupCodes does, so that
// tests can pick codes with the digits 0 and 1 in them.
func knownBackupSet(t testing.TB, raws ...string) BackupCodes {
	t.Helper()
	set := BackupCodes{Params: NewKeyParams(BackupParams)}
	for _, r := range raws {
		if _, err := NormalizeBackupCode(r); err != nil {
			t.Fatalf("fixture %q is not a backup code: %v", r, err)
		}
		h, err := hashBackup(r, set.Params)
		if err != nil {
			t.Fatal(err)
		}
		set.Hashes = append(set.Hashes, h)
	}
	return set
}

func TestBackupAlphabet(t *testing.T) {
	if len(backupAlphabet) != 32 {
		t.Fatalf("alphabet has %d letters, want 32", len(backupAlphabet))
	}
	for i, r := range backupAlphabet {
		if strings.IndexRune(backupAlphabet, r) != i {
			t.Errorf("alphabet repeats %q", r)
		}
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z') {
			t.Errorf("alphabet has %q, want lower-case letters and digits only", r)
		}
	}
	if strings.ContainsAny(backupAlphabet, "ilou") {
		t.Error("alphabet has one of the look-alikes i, l, o, u")
	}
	if bits := float64(backupCodeLen) * math.Log2(float64(len(backupAlphabet))); bits != 50 {
		t.Errorf("a code carries %v bits, want 50", bits)
	}
}

func TestNewBackupCodes(t *testing.T) {
	t.Parallel() // argon2 per code: slow under -race
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	codes, set := NewBackupCodes(now)
	if len(codes) != 10 || len(set.Hashes) != 10 || BackupCodeCount != 10 {
		t.Fatalf("%d codes and %d hashes, want 10", len(codes), len(set.Hashes))
	}
	if !set.Generated.Equal(now) || set.Left() != 10 || set.Low() {
		t.Errorf("Generated %v, Left %d, Low %v", set.Generated, set.Left(), set.Low())
	}
	if p, salt, err := decodeParams(set.Params); err != nil || p != BackupParams || len(salt) < 16 {
		t.Errorf("Params %q: %+v, %d-byte salt, %v", set.Params, p, len(salt), err)
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if !backupRE.MatchString(c) {
			t.Errorf("code %q does not look like xxxxx-xxxxx", c)
		}
		if strings.ContainsAny(c, "ilou") {
			t.Errorf("code %q has a look-alike letter", c)
		}
		if seen[c] {
			t.Errorf("code %q appears twice", c)
		}
		seen[c] = true
	}
	_, other := NewBackupCodes(now)
	if other.Params == set.Params {
		t.Error("two sets share a salt")
	}
}

func TestBackupCodesStoreNoCodeText(t *testing.T) {
	t.Parallel() // argon2 per code: slow under -race
	codes, set := NewBackupCodes(time.Now())
	js, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range codes {
		raw := strings.ReplaceAll(c, "-", "")
		for _, form := range []string{c, raw, strings.ToUpper(c), strings.ToUpper(raw)} {
			for i, h := range set.Hashes {
				if bytes.Equal(h, []byte(form)) || bytes.Contains(h, []byte(form)) {
					t.Errorf("hash %d holds the code %q", i, form)
				}
			}
			if bytes.Contains(js, []byte(form)) {
				t.Errorf("the stored JSON holds the code %q", form)
			}
		}
	}
}

func TestUseBackupCodes(t *testing.T) {
	t.Parallel() // argon2 per code: slow under -race
	codes, set := NewBackupCodes(time.Now())
	for i, c := range codes {
		if err := set.Use(c); err != nil {
			t.Fatalf("first use of code %d: %v", i, err)
		}
		left := len(codes) - i - 1
		if set.Left() != left {
			t.Errorf("after %d uses Left = %d, want %d", i+1, set.Left(), left)
		}
		if set.Low() != (left <= 2) {
			t.Errorf("with %d left Low = %v", left, set.Low())
		}
		if err := set.Use(c); !IsKind(err, KindWrongCode) {
			t.Errorf("second use of code %d: %v, want KindWrongCode", i, err)
		}
		if set.Left() != left {
			t.Errorf("a refused second use changed Left to %d", set.Left())
		}
	}
}

func TestUseBackupCodeForms(t *testing.T) {
	t.Parallel() // argon2 per code: slow under -race
	// Shown as 0a1b2-c3d4e; it has both of the digits that letters stand in for.
	const raw = "0a1b2c3d4e"
	tests := []struct{ name, typed string }{
		{"as shown", "0a1b2-c3d4e"},
		{"upper case", "0A1B2-C3D4E"},
		{"no dash", "0a1b2c3d4e"},
		{"spaces", "0a1b2 c3d4e"},
		{"spaces around", "  0a1b2-c3d4e\t"},
		{"spaced out", "0 a 1 b 2 c 3 d 4 e"},
		{"O for 0", "Oa1b2-c3d4e"},
		{"o for 0", "oa1b2-c3d4e"},
		{"I for 1", "0aIb2-c3d4e"},
		{"L for 1", "0aLb2-c3d4e"},
		{"l for 1", "0alb2-c3d4e"},
		{"all look-alikes upper case", "OAIB2C3D4E"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := knownBackupSet(t, "zzzzzzzzzz", raw)
			if err := set.Use(tt.typed); err != nil {
				t.Fatalf("Use(%q) = %v", tt.typed, err)
			}
			if set.Left() != 1 || set.Hashes[1] != nil {
				t.Errorf("Use(%q) did not spend exactly the matching code", tt.typed)
			}
		})
	}
}

func TestUseBackupCodeRefusals(t *testing.T) {
	t.Parallel() // argon2 per code: slow under -race
	const raw = "0a1b2c3d4e"
	tests := []struct {
		name, typed string
		kind        Kind
	}{
		{"empty", "", KindMalformedCode},
		{"nine characters", "0a1b2-c3d4", KindMalformedCode},
		{"eleven characters", "0a1b2-c3d4ee", KindMalformedCode},
		{"u is not in the alphabet", "0a1b2-c3d4u", KindMalformedCode},
		{"punctuation", "0a1b2-c3d4!", KindMalformedCode},
		{"underscore", "0a1b2_c3d4e", KindMalformedCode},
		{"unicode", "0a1b2-c3d4é", KindMalformedCode},
		{"verification code", "123456", KindMalformedCode},
		{"well-formed but wrong", "0a1b2-c3d4f", KindWrongCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := knownBackupSet(t, raw)
			if err := set.Use(tt.typed); !IsKind(err, tt.kind) {
				t.Fatalf("Use(%q) = %v, want %v", tt.typed, err, tt.kind)
			}
			if set.Left() != 1 {
				t.Fatalf("a refused code spent a backup code")
			}
			if err := set.Use(raw); err != nil {
				t.Fatalf("the real code no longer works after Use(%q): %v", tt.typed, err)
			}
		})
	}
}

func TestUseBackupCodeEmptySet(t *testing.T) {
	var set BackupCodes
	if err := set.Use("0a1b2-c3d4e"); !IsKind(err, KindWrongCode) {
		t.Errorf("Use on no codes = %v, want KindWrongCode", err)
	}
	if set.Left() != 0 || !set.Low() {
		t.Errorf("empty set: Left %d, Low %v", set.Left(), set.Low())
	}
}

// Used codes are nil hashes; they must stay used through the JSON that bbolt stores.
func TestBackupCodesJSONRoundTrip(t *testing.T) {
	t.Parallel() // argon2 per code: slow under -race
	codes, set := NewBackupCodes(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
	for _, c := range codes[:3] {
		if err := set.Use(c); err != nil {
			t.Fatal(err)
		}
	}
	js, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	var back BackupCodes
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if back.Left() != 7 || !back.Generated.Equal(set.Generated) {
		t.Fatalf("after a JSON round trip: Left %d, Generated %v", back.Left(), back.Generated)
	}
	if err := back.Use(codes[0]); !IsKind(err, KindWrongCode) {
		t.Errorf("a used code works again after a JSON round trip: %v", err)
	}
	if err := back.Use(codes[9]); err != nil {
		t.Errorf("an unused code fails after a JSON round trip: %v", err)
	}
}

func FuzzNormalizeBackupCode(f *testing.F) {
	for _, s := range []string{"0a1b2-c3d4e", "OAIB2C3D4E", "0 a 1 b 2 c 3 d 4 e", "", "0a1b2-c3d4", "0a1b2-c3d4u", "\u212a" + "bcdefghjk", "İbcdefghjk", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := NormalizeBackupCode(in)
		if err != nil {
			if !IsKind(err, KindMalformedCode) || out != "" {
				t.Fatalf("NormalizeBackupCode(%q) = %q, %v", in, out, err)
			}
			return
		}
		if len(out) != backupCodeLen {
			t.Fatalf("NormalizeBackupCode(%q) = %q: not %d characters", in, out, backupCodeLen)
		}
		for i := 0; i < len(out); i++ {
			if strings.IndexByte(backupAlphabet, out[i]) < 0 {
				t.Fatalf("NormalizeBackupCode(%q) = %q: %q is not in the alphabet", in, out, out[i])
			}
		}
		if again, err := NormalizeBackupCode(out); err != nil || again != out {
			t.Fatalf("NormalizeBackupCode is not idempotent on %q: %q, %v", out, again, err)
		}
	})
}

func BenchmarkUseBackupCode(b *testing.B) {
	codes, set := NewBackupCodes(time.Now())
	fresh := slices.Clone(set.Hashes)
	for b.Loop() {
		set.Hashes = slices.Clone(fresh)
		if err := set.Use(codes[9]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewBackupCodes(b *testing.B) {
	now := time.Now()
	for b.Loop() {
		NewBackupCodes(now)
	}
}

func TestBackupFindThenMarkUsed(t *testing.T) {
	t.Parallel()
	codes, set := NewBackupCodes(time.Unix(0, 0))
	i, err := set.Find(codes[4])
	if err != nil || i != 4 {
		t.Fatalf("Find = %d, %v; want 4", i, err)
	}
	// Another window spends the same code first: the second MarkUsed must fail.
	spent := set
	spent.Hashes = append([][]byte(nil), set.Hashes...)
	if err := spent.MarkUsed(i, set.Params); err != nil {
		t.Fatal(err)
	}
	if err := spent.MarkUsed(i, set.Params); KindOf(err) != KindCodeReused {
		t.Fatalf("second MarkUsed = %v, want KindCodeReused", err)
	}
	// A new set replaced the old one meanwhile: a slot found in the old set is void.
	_, fresh := NewBackupCodes(time.Unix(0, 0))
	if err := fresh.MarkUsed(i, set.Params); KindOf(err) != KindCodeReused {
		t.Fatalf("MarkUsed on a replaced set = %v, want KindCodeReused", err)
	}
	// An empty stored hash is a used slot, never a match for anything.
	set.Hashes[0] = []byte{}
	if set.Left() != BackupCodeCount-1 {
		t.Fatalf("Left = %d with one empty hash", set.Left())
	}
	if _, err := set.Find(codes[0]); KindOf(err) != KindWrongCode {
		t.Fatalf("Find of an emptied slot = %v", err)
	}
	// Damaged parameters are reported as damage, not as a wrong code that costs an attempt.
	set.Params = "$argon2id$v=19$m=x"
	if _, err := set.Find(codes[1]); KindOf(err) != KindDataCorrupt {
		t.Fatalf("Find with damaged params = %v, want KindDataCorrupt", err)
	}
}
