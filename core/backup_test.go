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

const testAccount AccountID = "0123456789abcdef0123456789abcdef"

// knownBackupSet stores the given 10-character codes the way NewBackupCodes does, so that
// tests can pick codes with the digits 0 and 1 in them.
func knownBackupSet(t testing.TB, raws ...string) BackupCodes {
	t.Helper()
	set := BackupCodes{Version: Schema, Params: NewKeyParams(BackupParams),
		Hashes: make([][]byte, len(raws)), Publics: make([][]byte, len(raws)), Used: make([]bool, len(raws))}
	for i, r := range raws {
		if _, err := NormalizeBackupCode(r); err != nil {
			t.Fatalf("fixture %q is not a backup code: %v", r, err)
		}
		if err := set.fill(i, r, testAccount); err != nil {
			t.Fatal(err)
		}
	}
	return set
}

// newCodes is NewBackupCodes for a test account.
func newCodes(t testing.TB, now time.Time) ([]string, BackupCodes) {
	t.Helper()
	codes, set, err := NewBackupCodes(now, testAccount)
	if err != nil {
		t.Fatal(err)
	}
	return codes, set
}

// use finds a code and spends it, as a sign-in does in two steps.
func (b *BackupCodes) use(input string) error {
	m, err := b.Find(input, testAccount)
	if err != nil {
		return err
	}
	return b.MarkUsed(m)
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
	codes, set := newCodes(t, now)
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
	_, other := newCodes(t, now)
	if other.Params == set.Params {
		t.Error("two sets share a salt")
	}
}

func TestBackupCodesStoreNoCodeText(t *testing.T) {
	t.Parallel() // argon2 per code: slow under -race
	codes, set := newCodes(t, time.Now())
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
	codes, set := newCodes(t, time.Now())
	for i, c := range codes {
		if err := set.use(c); err != nil {
			t.Fatalf("first use of code %d: %v", i, err)
		}
		left := len(codes) - i - 1
		if set.Left() != left {
			t.Errorf("after %d uses Left = %d, want %d", i+1, set.Left(), left)
		}
		if set.Low() != (left <= 2) {
			t.Errorf("with %d left Low = %v", left, set.Low())
		}
		// A used code is named as used, with what is left (issue 8: it said "wrong").
		err := set.use(c)
		if e, ok := err.(*Error); !ok || e.Kind != KindCodeReused || e.Detail != "error.backup-code.used" || e.Data["Count"] != left {
			t.Errorf("second use of code %d: %v, want KindCodeReused saying %d left", i, err, left)
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
			if err := set.use(tt.typed); err != nil {
				t.Fatalf("Use(%q) = %v", tt.typed, err)
			}
			if set.Left() != 1 || !set.Used[1] || set.Used[0] || len(set.Holders()) != 1 {
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
			if err := set.use(tt.typed); !IsKind(err, tt.kind) {
				t.Fatalf("Use(%q) = %v, want %v", tt.typed, err, tt.kind)
			}
			if set.Left() != 1 {
				t.Fatalf("a refused code spent a backup code")
			}
			if err := set.use(raw); err != nil {
				t.Fatalf("the real code no longer works after Use(%q): %v", tt.typed, err)
			}
		})
	}
}

func TestUseBackupCodeEmptySet(t *testing.T) {
	var set BackupCodes
	if err := set.use("0a1b2-c3d4e"); !IsKind(err, KindWrongCode) {
		t.Errorf("Use on no codes = %v, want KindWrongCode", err)
	}
	if set.Left() != 0 || !set.Low() {
		t.Errorf("empty set: Left %d, Low %v", set.Left(), set.Low())
	}
}

// Used codes are nil hashes; they must stay used through the JSON that bbolt stores.
func TestBackupCodesJSONRoundTrip(t *testing.T) {
	t.Parallel() // argon2 per code: slow under -race
	codes, set := newCodes(t, time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
	for _, c := range codes[:3] {
		if err := set.use(c); err != nil {
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
	if err := back.use(codes[0]); !IsKind(err, KindCodeReused) {
		t.Errorf("a used code works again after a JSON round trip: %v", err)
	}
	if err := back.use(codes[9]); err != nil {
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
	codes, set := newCodes(b, time.Now())
	fresh := slices.Clone(set.Hashes)
	for b.Loop() {
		set.Hashes = slices.Clone(fresh)
		if err := set.use(codes[9]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewBackupCodes(b *testing.B) {
	now := time.Now()
	for b.Loop() {
		NewBackupCodes(now, testAccount)
	}
}

func TestBackupFindThenMarkUsed(t *testing.T) {
	t.Parallel()
	codes, set := newCodes(t, time.Unix(0, 0))
	m, err := set.Find(codes[4], testAccount)
	if err != nil || m.Slot != 4 {
		t.Fatalf("Find = %d, %v; want 4", m.Slot, err)
	}
	// Another window spends the same code first: the second MarkUsed must fail.
	spent := set
	spent.Hashes = append([][]byte(nil), set.Hashes...)
	spent.Used = slices.Clone(set.Used)
	if err := spent.MarkUsed(m); err != nil {
		t.Fatal(err)
	}
	if err := spent.MarkUsed(m); KindOf(err) != KindCodeReused {
		t.Fatalf("second MarkUsed = %v, want KindCodeReused", err)
	}
	for _, h := range spent.Holders() {
		if h.Name == codeHolder(4) {
			t.Fatal("a used code is still a holder of the account key")
		}
	}
	// A new set replaced the old one meanwhile: a slot found in the old set is void.
	_, fresh := newCodes(t, time.Unix(0, 0))
	if err := fresh.MarkUsed(m); KindOf(err) != KindCodeReused {
		t.Fatalf("MarkUsed on a replaced set = %v, want KindCodeReused", err)
	}
	// An empty stored hash is a used slot, never a match for anything.
	set.Hashes[0] = []byte{}
	if set.Left() != BackupCodeCount-1 {
		t.Fatalf("Left = %d with one empty hash", set.Left())
	}
	if _, err := set.Find(codes[0], testAccount); KindOf(err) != KindWrongCode {
		t.Fatalf("Find of an emptied slot = %v", err)
	}
	// Damaged parameters are reported as damage, not as a wrong code that costs an attempt.
	set.Params = "$argon2id$v=19$m=x"
	if _, err := set.Find(codes[1], testAccount); KindOf(err) != KindDataCorrupt {
		t.Fatalf("Find with damaged params = %v, want KindDataCorrupt", err)
	}
}

// A Twostep 0.2 set: each code unwrapped the one recovery key, only for its own account; a
// wrap moved to another slot opens nothing; a 0.1 set (hashes only) recovers nothing.
func TestBackupCodesOfTwostep02UnwrapTheRecoveryKey(t *testing.T) {
	t.Parallel()
	rk := randomBytes(KeyLen)
	codes, set := knownV2Set(t, rk, "0a1b2c3d4e", "fghjk23456", "mnpqr78901", "stvwx23456")
	for _, i := range []int{0, 3} {
		m, err := set.Find(codes[i], testAccount)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := set.RecoveryKeyV2(m, testAccount); err != nil || !bytes.Equal(got, rk) {
			t.Fatalf("code %d: recovery key %x, %v", i, got, err)
		}
	}
	if _, err := set.Find(codes[1], "ffffffffffffffffffffffffffffffff"); !IsKind(err, KindWrongCode) {
		t.Fatalf("a code found for another account: %v", err)
	}
	m, _ := set.Find(codes[2], testAccount)
	moved := set
	moved.Wraps = slices.Clone(set.Wraps)
	moved.Wraps[2] = set.Wraps[3] // another slot's wrap, pasted in
	if _, err := moved.RecoveryKeyV2(m, testAccount); !IsKind(err, KindDataTampered) {
		t.Fatalf("a moved wrap: %v, want KindDataTampered", err)
	}
	legacy := knownLegacySet(t, "0a1b2c3d4e")
	lm, err := legacy.Find("0a1b2-c3d4e", testAccount)
	if err != nil {
		t.Fatalf("a 0.1 code is not found: %v", err)
	}
	if _, err := legacy.RecoveryKeyV2(lm, testAccount); !IsKind(err, KindComputerKeyMissing) || lm.Opens() {
		t.Fatalf("a 0.1 code recovered something: %v", err)
	}
}

// knownV2Set stores codes the way Twostep 0.2 did: each code wraps the recovery key rk.
func knownV2Set(t testing.TB, rk []byte, raws ...string) ([]string, BackupCodes) {
	t.Helper()
	set := BackupCodes{Version: 2, Params: NewKeyParams(BackupParams)}
	for i, r := range raws {
		out, err := stretchBackup(r, set.Params)
		if err != nil {
			t.Fatal(err)
		}
		w, err := Seal(deriveV2(out, "backup code wrap", testAccount), rk, backupWrapAAD(testAccount, i))
		if err != nil {
			t.Fatal(err)
		}
		set.Hashes = append(set.Hashes, deriveV2(out, "backup code hash", testAccount))
		set.Wraps = append(set.Wraps, w)
		set.Used = append(set.Used, false)
	}
	return raws, set
}

// knownLegacySet stores codes the way Twostep 0.1 did: raw argon2id output, no wraps.
func knownLegacySet(t testing.TB, raws ...string) BackupCodes {
	t.Helper()
	set := BackupCodes{Params: NewKeyParams(BackupParams)}
	for _, r := range raws {
		h, err := stretchBackup(r, set.Params)
		if err != nil {
			t.Fatal(err)
		}
		set.Hashes = append(set.Hashes, h)
	}
	return set
}
