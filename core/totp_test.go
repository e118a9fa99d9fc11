package core

import (
	"bytes"
	"encoding/base32"
	"errors"
	"image/png"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// rfcSecret is RFC 6238 Appendix B's SHA1 seed, ASCII "12345678901234567890", in base32.
var rfcSecret = base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte("12345678901234567890"))

var rfcVectors = []struct {
	unix int64
	code string // 8 digits
}{
	{59, "94287082"},
	{1111111109, "07081804"},
	{1111111111, "14050471"},
	{1234567890, "89005924"},
	{2000000000, "69279037"},
	{20000000000, "65353130"},
}

func TestRFC6238Vectors(t *testing.T) {
	if rfcSecret != "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" {
		t.Fatalf("rfcSecret = %q", rfcSecret)
	}
	for _, v := range rfcVectors {
		t.Run(v.code, func(t *testing.T) {
			now := time.Unix(v.unix, 0)
			step := TimeStep(now)
			if want := v.unix / 30; step != want {
				t.Fatalf("TimeStep(%d) = %d, want %d", v.unix, step, want)
			}
			got, err := CodeAt(rfcSecret, step, 8)
			if err != nil || got != v.code {
				t.Fatalf("CodeAt(T=%d, 8 digits) = %q, %v; want %q", v.unix, got, err, v.code)
			}
			six := v.code[2:]
			if got, _ := CodeAt(rfcSecret, step, CodeDigits); got != six {
				t.Errorf("CodeAt(T=%d, 6 digits) = %q, want %q", v.unix, got, six)
			}
			accepted, err := VerifyCode(rfcSecret, six, now, 0)
			if err != nil || accepted != step {
				t.Errorf("VerifyCode(%q at T=%d) = %d, %v; want %d, nil", six, v.unix, accepted, err, step)
			}
		})
	}
}

func TestNormalizeCode(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"123456", "123456", true},
		{"123 456", "123456", true},
		{"123-456", "123456", true},
		{" 123456 ", "123456", true},
		{"\t123456\t", "123456", true},
		{"123\u00a0456", "123456", true},
		{"1 2 3 4 5 6", "123456", true},
		{"000000", "000000", true},
		{"12345", "", false},
		{"1234567", "", false},
		{"12a456", "", false},
		{"", "", false},
		{"      ", "", false},
		{"123_456", "", false},
		{"+12345", "", false},
		{"１２３４５６", "", false}, // fullwidth digits
		{"١٢٣٤٥٦", "", false}, // Arabic-Indic digits
		{"123456\n", "", false},
		{"12345\xff", "", false},
	}
	for _, tt := range tests {
		got, err := NormalizeCode(tt.in)
		if tt.ok && (err != nil || got != tt.want) {
			t.Errorf("NormalizeCode(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if !tt.ok && !IsKind(err, KindMalformedCode) {
			t.Errorf("NormalizeCode(%q) = %q, %v; want KindMalformedCode", tt.in, got, err)
		}
	}
}

// verifyFixture is a secret and a moment whose codes for the 25 steps around it are all
// different, so that "the code of step x" means exactly one step.
func verifyFixture(t testing.TB) (secret string, now time.Time, code func(step int64) string) {
	t.Helper()
	secret = rfcSecret
	now = time.Unix(1_700_000_015, 0)
	code = func(step int64) string {
		c, err := CodeAt(secret, step, CodeDigits)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	seen := map[string]int64{}
	cur := TimeStep(now)
	for s := cur - 12; s <= cur+12; s++ {
		if prev, dup := seen[code(s)]; dup {
			t.Fatalf("steps %d and %d share a code: pick another fixture", prev, s)
		}
		seen[code(s)] = s
	}
	if _, dup := seen["000000"]; dup {
		t.Fatal("000000 is a real code here: pick another fixture")
	}
	return secret, now, code
}

// accepted marks a table row that expects no error (KindInternal is the zero Kind).
const accepted Kind = -1

func TestVerifyCode(t *testing.T) {
	secret, now, code := verifyFixture(t)
	cur := TimeStep(now)
	tests := []struct {
		name     string
		input    string
		lastStep int64
		want     int64 // the step, when kind is accepted
		kind     Kind
		drift    time.Duration
	}{
		{"current step", code(cur), 0, cur, accepted, 0},
		{"previous step", code(cur - 1), 0, cur - 1, accepted, 0},
		{"next step", code(cur + 1), 0, cur + 1, accepted, 0},
		{"typed with a space", code(cur)[:3] + " " + code(cur)[3:], 0, cur, accepted, 0},
		{"after an older accepted step", code(cur), cur - 1, cur, accepted, 0},
		{"next step after current accepted", code(cur + 1), cur, cur + 1, accepted, 0},

		{"two steps behind", code(cur - 2), 0, 0, KindClockDrift, -60 * time.Second},
		// A code of a future step gets no hint: that would tell a guesser it is about to work.
		{"two steps ahead", code(cur + 2), 0, 0, KindWrongCode, 0},
		{"five steps ahead", code(cur + 5), 0, 0, KindWrongCode, 0},
		{"ten steps ahead", code(cur + 10), 0, 0, KindWrongCode, 0},
		{"ten steps behind", code(cur - 10), 0, 0, KindClockDrift, -300 * time.Second},
		{"eleven steps ahead", code(cur + 11), 0, 0, KindWrongCode, 0},
		{"eleven steps behind", code(cur - 11), 0, 0, KindWrongCode, 0},

		{"same step again", code(cur), cur, 0, KindCodeReused, 0},
		{"previous step after current accepted", code(cur - 1), cur, 0, KindCodeReused, 0},
		{"next step again", code(cur + 1), cur + 1, 0, KindCodeReused, 0},
		{"current step after next accepted", code(cur), cur + 1, 0, KindCodeReused, 0},
		{"old used code three steps back", code(cur - 3), cur - 3, 0, KindCodeReused, 0},
		{"old code before the last accepted", code(cur - 5), cur, 0, KindCodeReused, 0},

		{"wrong code", "000000", 0, 0, KindWrongCode, 0},
		{"wrong code after an accepted step", "000000", cur, 0, KindWrongCode, 0},
		{"five digits", code(cur)[:5], 0, 0, KindMalformedCode, 0},
		{"letters", "abcdef", 0, 0, KindMalformedCode, 0},
		{"empty", "", 0, 0, KindMalformedCode, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := VerifyCode(secret, tt.input, now, tt.lastStep)
			if tt.kind == accepted {
				if err != nil || got != tt.want {
					t.Fatalf("VerifyCode = %d, %v; want step %d", got, err, tt.want)
				}
				return
			}
			if !IsKind(err, tt.kind) {
				t.Fatalf("VerifyCode = %d, %v; want %v", got, err, tt.kind)
			}
			var e *Error
			errors.As(err, &e)
			if e.Drift != tt.drift {
				t.Errorf("Drift = %v, want %v", e.Drift, tt.drift)
			}
		})
	}
}

func TestVerifyCodeReplay(t *testing.T) {
	secret, now, code := verifyFixture(t)
	s := TimeStep(now)
	last, err := VerifyCode(secret, code(s), now, 0)
	if err != nil || last != s {
		t.Fatalf("first use: %d, %v", last, err)
	}
	// The same code within its 30 seconds, and again in the next step while it is still inside the skew.
	for _, at := range []time.Time{now, now.Add(10 * time.Second), now.Add(Period)} {
		if _, err := VerifyCode(secret, code(s), at, last); !IsKind(err, KindCodeReused) {
			t.Errorf("replay at %v: %v, want KindCodeReused", at.Sub(now), err)
		}
	}
	if _, err := VerifyCode(secret, code(s-1), now, last); !IsKind(err, KindCodeReused) {
		t.Errorf("older code after step %d: %v, want KindCodeReused", last, err)
	}
	next, err := VerifyCode(secret, code(s+1), now.Add(Period), last)
	if err != nil || next != s+1 {
		t.Errorf("next step's code: %d, %v; want %d", next, err, s+1)
	}
}

func TestVerifyCodeRefusesBadSecret(t *testing.T) {
	now := time.Unix(1_700_000_015, 0)
	emptyKeyCode, err := CodeAt("", TimeStep(now), CodeDigits)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, secret, input string }{
		// Anybody can compute the code of an empty key: a secret lost on the way from
		// the keyring must never make such a code pass.
		{"empty secret", "", emptyKeyCode},
		{"not base32", "not base32 at all!", "123456"},
		{"all zero", strings.Repeat("A", 32), mustCode(t, strings.Repeat("A", 32), TimeStep(now))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := VerifyCode(tt.secret, tt.input, now, 0)
			if err == nil {
				t.Fatal("VerifyCode accepted a code under a bad secret")
			}
			if k := KindOf(err); k != KindInternal {
				t.Errorf("kind %v, want KindInternal (not the person's fault, not an attempt)", k)
			}
		})
	}
}

func mustCode(t testing.TB, secret string, step int64) string {
	t.Helper()
	c, err := CodeAt(secret, step, CodeDigits)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewEnrolment(t *testing.T) {
	const user = "ada.lovelace"
	e := NewEnrolment(user)
	u, err := url.Parse(e.URI)
	if err != nil {
		t.Fatalf("URI %q: %v", e.URI, err)
	}
	if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/Twostep:"+user {
		t.Errorf("URI %q: scheme %q host %q path %q", e.URI, u.Scheme, u.Host, u.Path)
	}
	q := u.Query()
	want := map[string]string{"issuer": "Twostep", "secret": e.Secret, "algorithm": "SHA1", "digits": "6", "period": "30"}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("URI parameter %s = %q, want %q", k, q.Get(k), v)
		}
	}
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(e.Secret)
	if err != nil || len(raw) != 20 {
		t.Errorf("secret %q decodes to %d bytes, %v; want 20", e.Secret, len(raw), err)
	}
	if !ValidSecret(e.Secret) {
		t.Errorf("ValidSecret(%q) = false", e.Secret)
	}
	if !regexp.MustCompile(`^[A-Z2-7]{4}( [A-Z2-7]{4})*$`).MatchString(e.SetupKey) {
		t.Errorf("SetupKey %q is not groups of four", e.SetupKey)
	}
	if strings.ReplaceAll(e.SetupKey, " ", "") != e.Secret {
		t.Errorf("SetupKey %q is not the secret %q", e.SetupKey, e.Secret)
	}
	if again := EnrolmentFor(user, e.Secret); again != e {
		t.Errorf("EnrolmentFor(same secret) = %+v, want %+v", again, e)
	}
	if other := NewEnrolment(user); other.Secret == e.Secret || other.URI == e.URI {
		t.Error("two enrolments share a secret")
	}
}

func TestGroupsOf(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"", 4, ""},
		{"ABC", 4, "ABC"},
		{"ABCD", 4, "ABCD"},
		{"ABCDE", 4, "ABCD E"},
		{"ABCDEFGH", 4, "ABCD EFGH"},
		{"ABCDEFGHIJ", 5, "ABCDE FGHIJ"},
	}
	for _, tt := range tests {
		if got := GroupsOf(tt.in, tt.n, " "); got != tt.want {
			t.Errorf("GroupsOf(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestQRPNG(t *testing.T) {
	e := NewEnrolment("ada.lovelace")
	for _, size := range []int{128, 256, 300} {
		b, err := e.QRPNG(size)
		if err != nil {
			t.Fatalf("QRPNG(%d): %v", size, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("QRPNG(%d) is not a PNG: %v", size, err)
		}
		if r := img.Bounds(); r.Dx() != size || r.Dy() != size {
			t.Errorf("QRPNG(%d) is %dx%d", size, r.Dx(), r.Dy())
		}
		img2, err := e.QRImage(size)
		if err != nil {
			t.Fatalf("QRImage(%d): %v", size, err)
		}
		if r := img2.Bounds(); r.Dx() != size || r.Dy() != size {
			t.Errorf("QRImage(%d) is %dx%d", size, r.Dx(), r.Dy())
		}
	}
}

func TestValidSecret(t *testing.T) {
	b32 := base32.StdEncoding.WithPadding(base32.NoPadding)
	tests := []struct {
		name, s string
		want    bool
	}{
		{"fresh", NewEnrolment("ada").Secret, true},
		{"RFC seed", rfcSecret, true},
		{"empty", "", false},
		{"ten bytes", b32.EncodeToString(bytes.Repeat([]byte{7}, 10)), false},
		{"thirty-two bytes", b32.EncodeToString(bytes.Repeat([]byte{7}, 32)), false},
		{"all zero", b32.EncodeToString(make([]byte, 20)), false},
		{"padded", rfcSecret + "====", false},
		{"not base32", strings.Repeat("1", 32), false},
		{"grouped setup key", GroupsOf(rfcSecret, 4, " "), false},
	}
	for _, tt := range tests {
		if got := ValidSecret(tt.s); got != tt.want {
			t.Errorf("%s: ValidSecret(%q) = %v, want %v", tt.name, tt.s, got, tt.want)
		}
	}
}

func FuzzNormalizeCode(f *testing.F) {
	for _, s := range []string{"123456", "123 456", "123-456", " 123456 ", "12345", "1234567", "12a456", "", "１２３４５６", "123\u00a0456", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := NormalizeCode(in)
		if err != nil {
			if !IsKind(err, KindMalformedCode) || out != "" {
				t.Fatalf("NormalizeCode(%q) = %q, %v", in, out, err)
			}
			return
		}
		if len(out) != CodeDigits {
			t.Fatalf("NormalizeCode(%q) = %q: not %d characters", in, out, CodeDigits)
		}
		for i := 0; i < len(out); i++ {
			if out[i] < '0' || out[i] > '9' {
				t.Fatalf("NormalizeCode(%q) = %q: not all ASCII digits", in, out)
			}
		}
		if again, err := NormalizeCode(out); err != nil || again != out {
			t.Fatalf("NormalizeCode is not idempotent on %q: %q, %v", out, again, err)
		}
	})
}

func BenchmarkVerifyCode(b *testing.B) {
	secret, now, code := verifyFixture(b)
	c := code(TimeStep(now))
	for b.Loop() {
		if _, err := VerifyCode(secret, c, now, 0); err != nil {
			b.Fatal(err)
		}
	}
}
