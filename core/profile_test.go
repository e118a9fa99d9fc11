package core

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"
)

func testImage(w, h int, noise bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			c := color.RGBA{uint8(x), uint8(y), 128, 255}
			if noise {
				c = color.RGBA{uint8(r.Uint32()), uint8(r.Uint32()), uint8(r.Uint32()), 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func pngBytes(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestProfileValidate(t *testing.T) {
	smallPNG := pngBytes(t, testImage(32, 32, false))
	var jb, gb bytes.Buffer
	if err := jpeg.Encode(&jb, testImage(32, 32, false), nil); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gb, testImage(32, 32, false), nil); err != nil {
		t.Fatal(err)
	}
	bigPNG := pngBytes(t, testImage(620, 620, true))
	if len(bigPNG) <= MaxPictureBytes {
		t.Fatalf("the big PNG has only %d bytes", len(bigPNG))
	}
	// A real PNG padded to exactly the limit: decoders stop at IEND.
	atLimit := append(bytes.Clone(smallPNG), make([]byte, MaxPictureBytes-len(smallPNG))...)
	overLimit := append(bytes.Clone(atLimit), 0)
	pngHeaderOnly := smallPNG[:8]

	tests := []struct {
		name string
		p    Profile
		ok   bool
	}{
		{"empty", Profile{}, true},
		{"everything", Profile{DisplayName: "Ada Lovelace", Email: "ada@example.com", Phone: "+44 (20) 7946-0958", Note: "Analyst.", Picture: smallPNG}, true},
		{"name at 64", Profile{DisplayName: strings.Repeat("é", 64)}, true},
		{"name at 65", Profile{DisplayName: strings.Repeat("a", 65)}, false},
		{"email at 254", Profile{Email: "ada@" + strings.Repeat("x", 246) + ".com"}, true},
		{"email at 255", Profile{Email: "ada@" + strings.Repeat("x", 247) + ".com"}, false},
		{"phone at 32", Profile{Phone: strings.Repeat("1", 32)}, true},
		{"phone at 33", Profile{Phone: strings.Repeat("1", 33)}, false},
		{"note at 2000", Profile{Note: strings.Repeat("n", 2000)}, true},
		{"note at 2001", Profile{Note: strings.Repeat("n", 2001)}, false},
		{"email without @", Profile{Email: "ada.example.com"}, false},
		{"email without domain", Profile{Email: "ada@"}, false},
		{"email with a name", Profile{Email: "Ada <ada@example.com>"}, false},
		{"email with spaces", Profile{Email: " ada@example.com"}, false},
		{"two emails", Profile{Email: "ada@example.com, bob@example.com"}, false},
		{"phone with letters", Profile{Phone: "555-CALL-ADA"}, false},
		{"phone with a letter inside", Profile{Phone: "555 0x 123"}, false},
		{"phone with slash", Profile{Phone: "555/123"}, false},
		{"small PNG", Profile{Picture: smallPNG}, true},
		{"small JPEG", Profile{Picture: jb.Bytes()}, true},
		{"PNG at exactly 1 MiB", Profile{Picture: atLimit}, true},
		{"one byte over 1 MiB", Profile{Picture: overLimit}, false},
		{"large real PNG", Profile{Picture: bigPNG}, false},
		{"GIF", Profile{Picture: gb.Bytes()}, false},
		{"not an image", Profile{Picture: []byte("hello, I am a text file")}, false},
		{"PNG signature only", Profile{Picture: pngHeaderOnly}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if tt.ok && err != nil {
				t.Fatalf("Validate = %v, want nil", err)
			}
			if !tt.ok && !IsKind(err, KindInvalid) {
				t.Fatalf("Validate = %v, want KindInvalid", err)
			}
		})
	}
}

func TestSealProfile(t *testing.T) {
	key := NewAccountKey()
	p := Profile{
		DisplayName: "Ada Lovelace",
		Email:       "ada@example.com",
		Phone:       "+44 20 7946 0958",
		Note:        "Wrote the first program",
		Picture:     pngBytes(t, testImage(16, 16, false)),
	}
	sealed, err := key.SealProfile(p, "acct-a")
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{p.DisplayName, p.Email, p.Phone, p.Note, "Lovelace", "example.com", "ada@"} {
		if bytes.Contains(sealed, []byte(secret)) {
			t.Errorf("sealed profile contains %q", secret)
		}
	}
	got, err := key.OpenProfile(sealed, "acct-a")
	if err != nil {
		t.Fatal(err)
	}
	if got.DisplayName != p.DisplayName || got.Email != p.Email || got.Phone != p.Phone || got.Note != p.Note || !bytes.Equal(got.Picture, p.Picture) {
		t.Errorf("round trip = %+v, want %+v", got, p)
	}

	if _, err := key.OpenProfile(sealed, "acct-b"); !IsKind(err, KindDataCorrupt) {
		t.Errorf("profile of account A opened as account B: %v, want KindDataCorrupt", err)
	}
	if _, err := NewAccountKey().OpenProfile(sealed, "acct-a"); !IsKind(err, KindDataCorrupt) {
		t.Errorf("profile opened with another data key: %v, want KindDataCorrupt", err)
	}
	// The TOTP secret is sealed under the same account key for the same account, but is no profile.
	totp, _ := key.SealTOTP(NewEnrolment("ada").Secret, "acct-a")
	if _, err := key.OpenProfile(totp, "acct-a"); !IsKind(err, KindDataCorrupt) {
		t.Errorf("a TOTP secret opened as a profile: %v, want KindDataCorrupt", err)
	}
	// Sealed for the profile, but not JSON.
	junk, _ := key.seal("profile", "acct-a", []byte("not json"))
	if _, err := key.OpenProfile(junk, "acct-a"); !IsKind(err, KindDataCorrupt) {
		t.Errorf("non-JSON profile: %v, want KindDataCorrupt", err)
	}
	empty, err := key.OpenProfile(nil, "acct-a")
	if err != nil || empty.DisplayName != "" || empty.Picture != nil {
		t.Errorf("no stored profile = %+v, %v; want an empty one", empty, err)
	}
}

func TestInitials(t *testing.T) {
	tests := []struct {
		name, user, want string
	}{
		{"Ada Lovelace", "ada", "AL"},
		{"ada lovelace", "x", "AL"},
		{"Ada", "ada", "A"},
		{"Ada King Lovelace", "ada", "AK"},
		{"  Ada   Lovelace  ", "ada", "AL"},
		{"élodie durand", "x", "ÉD"},
		{"", "bob.smith", "BS"},
		{"   ", "bob.smith", "BS"},
		{"", "bob_smith", "BS"},
		{"", "bob-smith", "BS"},
		{"", "bob", "B"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := (Profile{DisplayName: tt.name}).Initials(tt.user); got != tt.want {
			t.Errorf("Initials(%q, user %q) = %q, want %q", tt.name, tt.user, got, tt.want)
		}
	}
}
