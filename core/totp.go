package core

import (
	"bytes"
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"image"
	"net/url"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	qrcode "github.com/skip2/go-qrcode"
)

// TOTP as every authenticator app supports it: SHA1, 6 digits, 30 s, 20-byte secret.
const (
	Issuer     = "Twostep"
	Period     = 30 * time.Second
	CodeDigits = 6
	secretLen  = 20
	// Skew: the step before and after now are accepted, for a slow typist or a clock a few seconds off.
	Skew = 1
	// DriftSteps: a code that matches a past step further back than Skew, within this many
	// steps, is refused with a hint that the phone's clock is behind instead of a bare "wrong
	// code". Future steps get no hint: it would tell a guesser that a code is about to work.
	DriftSteps = 10
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// Enrolment is what a person needs to add Twostep to an authenticator app.
type Enrolment struct {
	Secret   string // base32, no padding
	URI      string // otpauth://totp/Twostep:<username>?secret=...&issuer=Twostep
	SetupKey string // Secret in groups of four, for typing by hand
}

// NewEnrolment makes a fresh random secret for username, issued by Twostep.
func NewEnrolment(username string) Enrolment { return NewIssuedEnrolment(Issuer, username) }

// NewIssuedEnrolment makes a fresh random secret for username, issued by issuer: the name
// the authenticator app shows above the code (a program behind the gate gives its own).
func NewIssuedEnrolment(issuer, username string) Enrolment {
	return IssuedEnrolmentFor(issuer, username, b32.EncodeToString(randomBytes(secretLen)))
}

// EnrolmentFor rebuilds the enrolment of an existing secret, issued by Twostep.
func EnrolmentFor(username, secret string) Enrolment {
	return IssuedEnrolmentFor(Issuer, username, secret)
}

// IssuedEnrolmentFor rebuilds the enrolment of an existing secret, issued by issuer.
func IssuedEnrolmentFor(issuer, username, secret string) Enrolment {
	label := url.PathEscape(issuer) + ":" + url.PathEscape(username)
	q := url.Values{}
	q.Set("secret", secret)
	q.Set("issuer", issuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", "6")
	q.Set("period", "30")
	return Enrolment{Secret: secret, URI: "otpauth://totp/" + label + "?" + q.Encode(), SetupKey: GroupsOf(secret, 4, " ")}
}

// QRPNG is the enrolment URI as a PNG QR code of size x size pixels (quiet zone included).
func (e Enrolment) QRPNG(size int) ([]byte, error) {
	png, err := qrcode.Encode(e.URI, qrcode.Medium, size)
	if err != nil {
		return nil, Wrap(KindInternal, err)
	}
	return png, nil
}

// QRImage is the same QR code as an image, for drawing in a window without a PNG round trip.
func (e Enrolment) QRImage(size int) (image.Image, error) {
	q, err := qrcode.New(e.URI, qrcode.Medium)
	if err != nil {
		return nil, Wrap(KindInternal, err)
	}
	return q.Image(size), nil
}

// GroupsOf splits s into groups of n joined by sep ("ABCD EFGH ...").
func GroupsOf(s string, n int, sep string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%n == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NormalizeCode strips the spaces and dashes people type or paste, and checks that what is
// left is exactly six digits. Anything else is KindMalformedCode: no attempt is spent on it.
func NormalizeCode(in string) (string, error) {
	code := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' || r == '\u00a0' {
			return -1
		}
		return r
	}, in)
	if len(code) != CodeDigits || strings.Trim(code, "0123456789") != "" {
		return "", Fail(KindMalformedCode, "error.code.digits", "Digits", CodeDigits)
	}
	return code, nil
}

// TimeStep is the TOTP time step (RFC 6238 T) that t falls in: "step" alone is a sign-in's.
func TimeStep(t time.Time) int64 { return t.Unix() / int64(Period/time.Second) }

// CodeAt is the code for secret at step, with digits digits (6 in the app, 8 for RFC vectors).
func CodeAt(secret string, step int64, digits int) (string, error) {
	code, err := hotp.GenerateCodeCustom(secret, uint64(step), hotp.ValidateOpts{
		Digits: otp.Digits(digits), Algorithm: otp.AlgorithmSHA1,
	})
	if err != nil {
		return "", Wrap(KindInternal, err)
	}
	return code, nil
}

// VerifyCode checks a typed code against secret at now. lastStep is the newest step already
// accepted for the account; a code at or before it is refused as reused even inside its
// 30 seconds (RFC 6238 section 5.2). On success it returns the step to store as the new lastStep.
func VerifyCode(secret, input string, now time.Time, lastStep int64) (int64, error) {
	code, err := NormalizeCode(input)
	if err != nil {
		return 0, err
	}
	// pquerna computes codes for an empty (or all-zero) key without complaint, and anyone can
	// compute those; a secret damaged on its way from the keyring must fail loudly instead of
	// reading as a wrong code that counts toward a lockout.
	if !ValidSecret(secret) {
		return 0, Wrap(KindInternal, errors.New("the verification-code secret is not valid"))
	}
	cur := TimeStep(now)
	reused := false
	for _, off := range []int64{0, -1, 1} {
		s := cur + off
		if !codeMatches(secret, code, s) {
			continue
		}
		if !Reused(s, lastStep) {
			return s, nil
		}
		reused = true
	}
	if reused {
		return 0, Fail(KindCodeReused, "")
	}
	for off := int64(Skew + 1); off <= DriftSteps; off++ {
		switch s := cur - off; {
		case !codeMatches(secret, code, s):
		case Reused(s, lastStep):
			return 0, Fail(KindCodeReused, "") // an old code seen again, not a slow clock
		default:
			return 0, &Error{Kind: KindClockDrift, Drift: time.Duration(s-cur) * Period}
		}
	}
	return 0, Fail(KindWrongCode, "")
}

// Reused is the replay rule (RFC 6238 section 5.2): a code of a time step at or before the
// newest accepted one is refused, even inside its 30 seconds.
func Reused(step, lastStep int64) bool { return step <= lastStep }

// AcceptTimeStep records step as the newest accepted one. It is checked again inside the
// transaction that stores it, so two windows racing with one code cannot both win.
func (a *Account) AcceptTimeStep(step int64) error {
	if Reused(step, a.LastTimeStep) {
		return Fail(KindCodeReused, "")
	}
	a.LastTimeStep = step
	return nil
}

func codeMatches(secret, code string, step int64) bool {
	want, err := CodeAt(secret, step, CodeDigits)
	return err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1
}

// ValidSecret reports whether s is a base32 secret of the expected length.
func ValidSecret(s string) bool {
	b, err := b32.DecodeString(s)
	return err == nil && len(b) == secretLen && !bytes.Equal(b, make([]byte, secretLen))
}
