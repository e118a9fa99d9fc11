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
		name, value string
		max         int
	}{{"display name", p.DisplayName, 64}, {"email", p.Email, 254}, {"phone", p.Phone, 32}, {"note", p.Note, 2000}}
	for _, c := range checks {
		if utf8.RuneCountInString(c.value) > c.max {
			return Errorf(KindInvalid, "The %s may have at most %d characters.", c.name, c.max)
		}
	}
	if p.Email != "" {
		if a, err := mail.ParseAddress(p.Email); err != nil || a.Address != p.Email {
			return Errorf(KindInvalid, "The email address should look like name@example.com.")
		}
	}
	if strings.Trim(p.Phone, "0123456789+-() .") != "" {
		return Errorf(KindInvalid, "A phone number may use only digits, spaces and + - ( ).")
	}
	return ValidatePicture(p.Picture)
}

// ValidatePicture accepts an empty picture, or a PNG or JPEG of at most 1 MiB that decodes.
func ValidatePicture(pic []byte) error {
	if len(pic) == 0 {
		return nil
	}
	if len(pic) > MaxPictureBytes {
		return Errorf(KindInvalid, "A profile picture may be at most 1 MiB; choose a smaller image.")
	}
	_, format, err := image.DecodeConfig(bytes.NewReader(pic))
	if err != nil || (format != "png" && format != "jpeg") {
		return Errorf(KindInvalid, "A profile picture must be a PNG or JPEG image.")
	}
	return nil
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
