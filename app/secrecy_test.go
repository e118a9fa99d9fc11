package app_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"

	"github.com/twostep-app/twostep/app"

	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
)

func testPicture(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	var b bytes.Buffer
	testenv.Must(t, png.Encode(&b, img))
	return b.Bytes()
}

// A copied data file reveals nothing personal and no secret.
func TestDataFileHoldsNoSecretsOrPersonalInformation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	p := core.Profile{DisplayName: "Alice Liddell", Email: "alice@wonderland.example", Phone: "+44 20 7946 0000", Note: "rabbit-hole-notes", Picture: testPicture(t)}
	testenv.Must(t, e.svc.UpdateProfile(sess, p))
	secret, codes := e.enable(sess)
	sess = e.signInWithCode(alice, testenv.AlicePW, secret, true)
	computer, err := e.secrets.Get(sess.ID, core.SlotComputerKey)
	testenv.Must(t, err)
	e.restart() // flush

	raw, err := os.ReadFile(e.path)
	testenv.Must(t, err)
	for what, needle := range map[string][]byte{
		"display name": []byte(p.DisplayName), "email": []byte(p.Email), "phone": []byte(p.Phone), "note": []byte(p.Note),
		"picture": p.Picture[8:40], "TOTP secret": []byte(secret), "computer key": computer[9:],
		"backup code": []byte(codes[0]), "password": []byte(testenv.AlicePW),
	} {
		if bytes.Contains(raw, needle) {
			t.Errorf("the data file contains the %s", what)
		}
	}
	got, err := e.svc.Profile(sess)
	testenv.Must(t, err)
	if got.Email != p.Email || !bytes.Equal(got.Picture, p.Picture) {
		t.Fatalf("profile round trip: %+v", got)
	}
}

// The four properties of the key hierarchy, on a fresh two-step account.
func TestKeyHierarchyTwoStepOn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	testenv.Must(t, e.svc.UpdateProfile(sess, core.Profile{DisplayName: "Alice Liddell"}))
	secret, codes := e.enable(sess)
	sess = e.signInWithCode(alice, testenv.AlicePW, secret, true)
	checkKeyringOpensNothing(t, e, sess.ID, secret)
	checkTOTPSealedInDataFile(t, e, sess.ID, secret)
	checkPasswordAloneOpensNothing(t, e, alice, testenv.AlicePW, secret, codes, "Alice Liddell")
	checkTamperingRefused(t, e, sess.ID, alice, testenv.AlicePW, twoStepTampering(t, sess.ID, editorAccount(t), thisDevice(t, e, sess)))
}

// With two-step off the password is the only factor, so the record opens with it anywhere;
// the keyring holds nothing, and the record is still tamper-evident.
func TestKeyHierarchyTwoStepOff(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	testenv.Must(t, e.svc.UpdateProfile(sess, core.Profile{Note: "only a password"}))
	if got := keyringDump(t, e); len(got) != 0 {
		t.Fatalf("an account without two-step keeps %d keyring entries", len(got))
	}
	c := copyEnv(t, e, false)
	wantProfile(t, c, c.signIn(alice, testenv.AlicePW).Session, func(p core.Profile) string { return p.Note }, "only a password")
	editor := editorAccount(t)
	checkTamperingRefused(t, e, sess.ID, alice, testenv.AlicePW, []tamper{
		{"two-step turned on", func(r map[string]any) { r["two_factor"] = true }, "", core.KindDataTampered},
		{"a device trusted", func(r map[string]any) {
			r["devices"] = []any{map[string]any{"id": "0123456789abcdef", "name": "editor", "created": "2026-01-01T00:00:00Z", "last_used": "2026-01-01T00:00:00Z"}}
		}, "", core.KindDataTampered},
		{"own password swapped in", func(r map[string]any) { r["keys"] = editorKeys(t, sess.ID) }, editorPW, core.KindDataTampered},
		{"authenticator from another record", func(r map[string]any) { r["mac"] = editor["mac"] }, "", core.KindDataTampered},
	})
}

// A password change wraps everything again: the old password opens nothing in the new file,
// the authenticator app and the backup codes keep working, on this computer and another.
func TestPasswordChangeRewrapsEverything(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	testenv.Must(t, e.svc.UpdateProfile(sess, core.Profile{Note: "keep me"}))
	secret, codes := e.enable(sess)
	testenv.WantKind(t, e.svc.ChangePassword(sess, "wrong current pw", testenv.OtherPW, e.nextCode(secret)), core.KindWrongCredentials)
	testenv.WantKind(t, e.svc.ChangePassword(sess, testenv.AlicePW, "short", e.nextCode(secret)), core.KindInvalid)
	testenv.Must(t, e.svc.ChangePassword(sess, testenv.AlicePW, testenv.OtherPW, e.nextCode(secret)))
	_, err := e.svc.SignIn(alice, testenv.AlicePW)
	testenv.WantKind(t, err, core.KindWrongCredentials)
	a, err := e.db.Account(sess.ID)
	testenv.Must(t, err)
	old, err := core.StretchPassword(testenv.AlicePW, a.Keys.Params)
	testenv.Must(t, err)
	raw, err := e.secrets.Get(sess.ID, core.SlotComputerKey)
	testenv.Must(t, err)
	computer, err := core.ParseComputerKey(raw)
	testenv.Must(t, err)
	if _, err := a.Keys.OpenWithComputer(old, computer, a.ID); err == nil {
		t.Fatal("the old password with this computer's key opens the new record")
	}
	sess = e.signInWithCode(alice, testenv.OtherPW, secret, false)
	wantProfile(t, e, sess, func(p core.Profile) string { return p.Note }, "keep me")
	checkPasswordAloneOpensNothing(t, e, alice, testenv.OtherPW, secret, codes, "keep me")
	// The session goes on with the new password: a second change needs it.
	testenv.Must(t, e.svc.ChangePassword(sess, testenv.OtherPW, testenv.AlicePW, e.nextCode(secret)))
}

// New backup codes void the old ones in the cryptography too: an old copy of the data file
// still takes its own old codes, the new file does not.
func TestNewBackupCodesVoidOldOnesInTheFile(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, old := e.enable(sess)
	before := copyEnv(t, e, false)
	fresh, err := e.svc.RegenerateBackupCodes(sess, testenv.AlicePW, e.nextCode(secret))
	testenv.Must(t, err)
	after := copyEnv(t, e, false)
	_, _, err = after.svc.SubmitBackupCode(after.signIn(alice, testenv.AlicePW).Challenge, old[0], false)
	testenv.WantKind(t, err, core.KindWrongCode)
	if _, _, err := after.svc.SubmitBackupCode(after.signIn(alice, testenv.AlicePW).Challenge, fresh[0], false); err != nil {
		t.Fatalf("a new code on the new file: %v", err)
	}
	if _, _, err := before.svc.SubmitBackupCode(before.signIn(alice, testenv.AlicePW).Challenge, old[0], false); err != nil {
		t.Fatalf("an old code on the old copy: %v", err)
	}
}

func TestWeakPasswordCostsAreRaisedAtSignIn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, _ := e.enable(sess)
	a, err := e.db.Account(sess.ID)
	testenv.Must(t, err)
	// Lock the account as an older, weaker Twostep would have.
	weak := core.NewKeyParams(core.KDFParams{Memory: 4096, Time: 1, Threads: 1})
	p, err := core.StretchPassword(testenv.AlicePW, weak)
	testenv.Must(t, err)
	raw, err := e.secrets.Get(sess.ID, core.SlotComputerKey)
	testenv.Must(t, err)
	computer, err := core.ParseComputerKey(raw)
	testenv.Must(t, err)
	ak, err := a.Keys.OpenWithComputer(mustStretch(t, testenv.AlicePW, a.Keys.Params), computer, a.ID)
	testenv.Must(t, err)
	testenv.Must(t, e.db.UpdateAccount(sess.ID, func(a *core.Account) error {
		_, err := a.Rekey(ak, p, weak)
		return err
	}))
	e.signInWithCode(alice, testenv.AlicePW, secret, false)
	a, err = e.db.Account(sess.ID)
	testenv.Must(t, err)
	if a.Keys.Params == weak || core.WeakParams(a.Keys.Params, core.MinPasswordParams) {
		t.Fatalf("costs not raised: %s", a.Keys.Params)
	}
	e.signInWithCode(alice, testenv.AlicePW, secret, false)
}

func mustStretch(t testing.TB, pw, params string) core.PasswordKey {
	p, err := core.StretchPassword(pw, params)
	testenv.Must(t, err)
	return p
}

// thisDevice is the ID under which this computer is trusted.
func thisDevice(t *testing.T, e *env, sess *app.Session) string {
	devs, err := e.svc.Devices(sess)
	testenv.Must(t, err)
	for _, d := range devs {
		if d.ThisDevice {
			return d.ID
		}
	}
	t.Fatal("this computer is not among the trusted devices")
	return ""
}

func TestProfileRules(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	tests := []struct {
		name string
		p    core.Profile
		want core.Kind
	}{
		{"bad email", core.Profile{Email: "not an email"}, core.KindInvalid},
		{"not an image", core.Profile{Picture: []byte("GIF89a....")}, core.KindInvalid},
		{"too large", core.Profile{Picture: append(testPicture(t), make([]byte, core.MaxPictureBytes)...)}, core.KindInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { testenv.WantKind(t, e.svc.UpdateProfile(sess, tt.p), tt.want) })
	}
}

// wantProfile checks that the signed-in profile opens and one of its fields reads want.
func wantProfile(t *testing.T, e *env, sess *app.Session, field func(core.Profile) string, want string) {
	t.Helper()
	p, err := e.svc.Profile(sess)
	testenv.Must(t, err)
	if got := field(p); got != want {
		t.Fatalf("profile field = %q, want %q (profile %+v)", got, want, p)
	}
}
