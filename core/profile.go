package core

import (
	"bytes"
	"encoding/json"
	"image"
	_ "image/jpeg" // profile pictures may be JPEG
	_ "image/png"  // or PNG
	"net/mail"
	"strings"
	"unicode/utf8"
)

// MaxPictureBytes caps a profile picture; it is sealed and stored inside the account record.
const MaxPictureBytes = 1 << 20

// Profile is the personal information of an account. It is stored only sealed under the
// account's data key: a copied data file shows none of it.
type Profile struct {
	DisplayName string `json:"display_name"`
	Email       string `json:"email"`
	Phone       string `json:"phone"`
	Note        string `json:"note"`
	Picture     []byte `json:"picture,omitempty"` // PNG or JPEG bytes, as chosen
}

// Validate checks each field and says which one is wrong and how.
func (p Profile) Validate() error {
	checks := []struct {
		detail, value string // detail names the field, in the key of its sentence
		max           int
	}{
		{"error.profile.name-too-long", p.DisplayName, 64},
		{"error.profile.email-too-long", p.Email, 254},
		{"error.profile.phone-too-long", p.Phone, 32},
		{"error.profile.note-too-long", p.Note, 2000},
	}
	for _, c := range checks {
		if utf8.RuneCountInString(c.value) > c.max {
			return Fail(KindInvalid, c.detail, "Max", c.max)
		}
	}
	if p.Email != "" {
		if a, err := mail.ParseAddress(p.Email); err != nil || a.Address != p.Email {
			return Fail(KindInvalid, "error.profile.email")
		}
	}
	if strings.Trim(p.Phone, "0123456789+-() .") != "" {
		return Fail(KindInvalid, "error.profile.phone")
	}
	return ValidatePicture(p.Picture)
}

// ValidatePicture accepts an empty picture, or a PNG or JPEG of at most 1 MiB that decodes.
func ValidatePicture(pic []byte) error {
	if len(pic) == 0 {
		return nil
	}
	if len(pic) > MaxPictureBytes {
		return Fail(KindInvalid, "error.picture.too-large")
	}
	_, format, err := image.DecodeConfig(bytes.NewReader(pic))
	if err != nil || (format != "png" && format != "jpeg") {
		return Fail(KindInvalid, "error.picture.type")
	}
	return nil
}

// IsZero reports whether nothing of the profile is filled in.
func (p Profile) IsZero() bool {
	return p.DisplayName == "" && p.Email == "" && p.Phone == "" && p.Note == "" && len(p.Picture) == 0
}

// Initials are what the profile circle shows without a picture.
func (p Profile) Initials(username string) string {
	name := strings.TrimSpace(p.DisplayName)
	if name == "" {
		name = username
	}
	var out []rune
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '.' || r == '_' || r == '-' }) {
		r, _ := utf8.DecodeRuneInString(w)
		out = append(out, r)
		if len(out) == 2 {
			break
		}
	}
	return strings.ToUpper(string(out))
}

// SealProfile seals p under the account key, bound to the account.
func (ak AccountKey) SealProfile(p Profile, id AccountID) ([]byte, error) {
	plain, err := json.Marshal(p)
	if err != nil {
		return nil, Wrap(KindInternal, err)
	}
	return ak.seal("profile", id, plain)
}

// OpenProfile opens what SealProfile made. No stored profile is an empty one.
func (ak AccountKey) OpenProfile(sealed []byte, id AccountID) (Profile, error) {
	if len(sealed) == 0 {
		return Profile{}, nil
	}
	plain, err := ak.open("profile", id, sealed)
	if err != nil {
		return Profile{}, err
	}
	return decodeProfile(plain)
}

func decodeProfile(plain []byte) (Profile, error) {
	var p Profile
	if err := json.Unmarshal(plain, &p); err != nil {
		return p, Wrap(KindDataCorrupt, err)
	}
	return p, nil
}
