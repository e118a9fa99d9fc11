package core

import (
	"bytes"
	"regexp"
	"testing"

	"golang.org/x/crypto/argon2"
)

func TestSealOpen(t *testing.T) {
	key := NewAccountKey()
	if len(key) != 32 {
		t.Fatalf("data key has %d bytes, want 32", len(key))
	}
	aad := "twostep profile acct-a"
	for _, plain := range [][]byte{nil, []byte("x"), []byte("the personal information of Ada"), bytes.Repeat([]byte{0xab}, 1<<16)} {
		sealed, err := Seal(key, plain, aad)
		if err != nil {
			t.Fatal(err)
		}
		if len(plain) > 4 && bytes.Contains(sealed, plain) {
			t.Error("sealed bytes contain the plaintext")
		}
		got, err := Open(key, sealed, aad)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("Open(Seal(%d bytes)) = %d bytes, %v", len(plain), len(got), err)
		}
	}
	a, _ := Seal(key, []byte("same"), aad)
	b, _ := Seal(key, []byte("same"), aad)
	if bytes.Equal(a, b) {
		t.Error("two seals of the same text are equal: nonce reused")
	}
}

func TestOpenRefuses(t *testing.T) {
	key := NewAccountKey()
	aad := "twostep key acct-a"
	sealed, err := Seal(key, []byte("a data key, say"), aad)
	if err != nil {
		t.Fatal(err)
	}
	flip := func(i int) []byte {
		b := bytes.Clone(sealed)
		b[i] ^= 0x01
		return b
	}
	tests := []struct {
		name   string
		key    []byte
		sealed []byte
		aad    string
	}{
		{"wrong key", NewAccountKey(), sealed, aad},
		{"other account", key, sealed, "twostep key acct-b"},
		{"other purpose", key, sealed, "twostep profile acct-a"},
		{"empty aad", key, sealed, ""},
		{"flipped nonce byte", key, flip(0), aad},
		{"flipped ciphertext byte", key, flip(14), aad},
		{"flipped tag byte", key, flip(len(sealed) - 1), aad},
		{"truncated", key, sealed[:len(sealed)-1], aad},
		{"too short for a nonce and tag", key, sealed[:20], aad},
		{"empty", key, nil, aad},
		{"extended", key, append(bytes.Clone(sealed), 0), aad},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain, err := Open(tt.key, tt.sealed, tt.aad)
			if !IsKind(err, KindDataCorrupt) || plain != nil {
				t.Fatalf("Open = %q, %v; want KindDataCorrupt", plain, err)
			}
		})
	}
	for i := range sealed {
		if _, err := Open(key, flip(i), aad); !IsKind(err, KindDataCorrupt) {
			t.Fatalf("flipping byte %d: %v, want KindDataCorrupt", i, err)
		}
	}
}

func TestSealBadKeyLength(t *testing.T) {
	for _, n := range []int{0, 16, 24, 31, 33} {
		if _, err := Seal(make([]byte, n), []byte("x"), "aad"); !IsKind(err, KindInternal) || err == nil {
			t.Errorf("Seal with a %d-byte key: %v, want KindInternal", n, err)
		}
		if _, err := Open(make([]byte, n), make([]byte, 64), "aad"); !IsKind(err, KindInternal) || err == nil {
			t.Errorf("Open with a %d-byte key: %v, want KindInternal", n, err)
		}
	}
}

func TestNewKeyParams(t *testing.T) {
	re := regexp.MustCompile(`^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+$`)
	a, b := NewKeyParams(PasswordParams), NewKeyParams(PasswordParams)
	for _, s := range []string{a, b} {
		if !re.MatchString(s) {
			t.Errorf("NewKeyParams = %q", s)
		}
		p, salt, err := decodeParams(s)
		if err != nil || p != PasswordParams || len(salt) != 16 {
			t.Errorf("decodeParams(%q) = %+v, %d-byte salt, %v", s, p, len(salt), err)
		}
	}
	if a == b {
		t.Error("two key parameters share a salt")
	}
}

func TestStretchPassword(t *testing.T) {
	params := NewKeyParams(fastParams)
	k1, err := StretchPassword("correct horse", params)
	if err != nil {
		t.Fatal(err)
	}
	if len(k1) != KeyLen {
		t.Fatalf("password key has %d bytes, want %d", len(k1), KeyLen)
	}
	_, salt, _ := decodeParams(params)
	if want := argon2.IDKey([]byte("correct horse"), salt, fastParams.Time, fastParams.Memory, fastParams.Threads, 32); !bytes.Equal(k1, want) {
		t.Error("the password key is not argon2id over the stored salt and parameters")
	}
	tests := []struct {
		name, pw, params string
		same             bool
	}{
		{"same password and parameters", "correct horse", params, true},
		{"other password", "correct horsf", params, false},
		{"password differs in case", "Correct horse", params, false},
		{"other salt", "correct horse", NewKeyParams(fastParams), false},
		{"other cost", "correct horse", NewKeyParams(KDFParams{Memory: 128, Time: 1, Threads: 1}), false},
	}
	for _, tt := range tests {
		k, err := StretchPassword(tt.pw, tt.params)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if k.Same(k1) != tt.same || bytes.Equal(k, k1) != tt.same {
			t.Errorf("%s: same key = %v, want %v", tt.name, !tt.same, tt.same)
		}
	}
	for _, bad := range []string{"", "$argon2id$v=19$m=64,t=1,p=1", HashPassword("x", fastParams), "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ"} {
		if _, err := StretchPassword("pw", bad); !IsKind(err, KindDataCorrupt) {
			t.Errorf("StretchPassword(%q) = %v, want KindDataCorrupt", bad, err)
		}
	}
	if PasswordKey(nil).Same(nil) {
		t.Error("an empty password key matches an empty one")
	}
}
