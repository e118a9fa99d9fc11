package app_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"twostep/app"

	"twostep/core"
)

func testPicture(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	var b bytes.Buffer
	must(t, png.Encode(&b, img))
	return b.Bytes()
}

// A copied data file reveals nothing personal and no secret.
func TestDataFileHoldsNoSecretsOrPersonalInformation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	p := core.Profile{DisplayName: "Alice Liddell", Email: "alice@wonderland.example", Phone: "+44 20 7946 0000", Note: "rabbit-hole-notes", Picture: testPicture(t)}
	must(t, e.svc.UpdateProfile(sess, p))
	secret, codes := e.enable(sess)
	sess = e.signInWithCode(alice, alicePW, secret, true)
	token, err := e.secrets.Get(sess.ID, core.SlotDevice)
	must(t, err)
	dataKey, err := e.secrets.Get(sess.ID, core.SlotDataKey)
	must(t, err)
	e.restart() // flush

	raw, err := os.ReadFile(e.path)
	must(t, err)
	for what, needle := range map[string][]byte{
		"display name": []byte(p.DisplayName), "email": []byte(p.Email), "phone": []byte(p.Phone), "note": []byte(p.Note),
		"picture": p.Picture[8:40], "TOTP secret": []byte(secret), "device token": token, "data key": dataKey,
		"backup code": []byte(codes[0]), "password": []byte(alicePW),
	} {
		if bytes.Contains(raw, needle) {
			t.Errorf("the data file contains the %s", what)
		}
	}
	got, err := e.svc.Profile(sess)
	must(t, err)
	if got.Email != p.Email || !bytes.Equal(got.Picture, p.Picture) {
		t.Fatalf("profile round trip: %+v", got)
	}
}

// An erased keyring loses nothing: the data key is restored at the next sign-in.
func TestErasedKeyringDataKeyIsRestoredAtSignIn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	must(t, e.svc.UpdateProfile(sess, core.Profile{DisplayName: "Alice"}))
	must(t, e.secrets.Delete(sess.ID, core.SlotDataKey))
	e.restart()
	res := e.signIn(alice, alicePW)
	wantProfile(t, e, res.Session, func(p core.Profile) string { return p.DisplayName }, "Alice")
	if _, err := e.secrets.Get(sess.ID, core.SlotDataKey); err != nil {
		t.Fatalf("the data key was not put back in the keyring: %v", err)
	}
}

// The wrapped data key in bbolt opens only with a key derived from the password.
func TestWrappedDataKeyNeedsThePassword(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	a, err := e.db.Account(sess.ID)
	must(t, err)
	for _, pw := range []string{"", "wrong password", a.Password, a.KeyParams} {
		kek, err := core.DeriveKEK(pw, a.KeyParams)
		must(t, err)
		if _, err := core.Open(kek, a.WrappedKey, core.WrapAAD(a.ID)); err == nil {
			t.Fatalf("the data key unwrapped with %q", pw)
		}
	}
	// The stored hash itself is no key either.
	if _, err := core.Open([]byte(a.Password)[:32], a.WrappedKey, core.WrapAAD(a.ID)); err == nil {
		t.Fatal("the data key unwrapped with bytes of the password hash")
	}
}

func TestPasswordChangeRewrapsTheDataKey(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	must(t, e.svc.UpdateProfile(sess, core.Profile{Note: "keep me"}))
	wantKind(t, e.svc.ChangePassword(sess, "wrong current pw", otherPW, ""), core.KindWrongCredentials)
	wantKind(t, e.svc.ChangePassword(sess, alicePW, "short", ""), core.KindInvalid)
	must(t, e.svc.ChangePassword(sess, alicePW, otherPW, ""))
	must(t, e.secrets.Delete(sess.ID, core.SlotDataKey)) // force the unwrap path
	_, err := e.svc.SignIn(alice, alicePW)
	wantKind(t, err, core.KindWrongCredentials)
	res := e.signIn(alice, otherPW)
	wantProfile(t, e, res.Session, func(p core.Profile) string { return p.Note }, "keep me")
}

func TestWeakHashIsUpgradedAtSignIn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	weak := core.HashPassword(alicePW, core.KDFParams{Memory: 4096, Time: 1, Threads: 1})
	must(t, e.db.UpdateAccount(sess.ID, func(a *core.Account) error { a.Password = weak; return nil }))
	e.signIn(alice, alicePW)
	a, err := e.db.Account(sess.ID)
	must(t, err)
	if a.Password == weak || core.NeedsRehash(a.Password, core.MinPasswordParams) {
		t.Fatalf("hash not upgraded: %s", a.Password)
	}
	if ok, _ := core.CheckPassword(alicePW, a.Password); !ok {
		t.Fatal("the upgraded hash does not match the password")
	}
}

func TestProfileRules(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
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
		t.Run(tt.name, func(t *testing.T) { wantKind(t, e.svc.UpdateProfile(sess, tt.p), tt.want) })
	}
}

// A keyring entry that was overwritten by something else is rebuilt, not trusted.
func TestMangledKeyringDataKeyIsRebuilt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	must(t, e.svc.UpdateProfile(sess, core.Profile{Note: "still here"}))
	must(t, e.secrets.Set(sess.ID, core.SlotDataKey, []byte("short")))
	res := e.signIn(alice, alicePW)
	wantProfile(t, e, res.Session, func(p core.Profile) string { return p.Note }, "still here")
}

// A damaged TOTP secret in the keyring is named as such, and a backup code still works.
func TestDamagedTOTPSecretPointsToBackupCodes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	_, codes := e.enable(sess)
	for _, bad := range [][]byte{[]byte("not base32!"), nil} {
		if bad == nil {
			must(t, e.secrets.Delete(sess.ID, core.SlotTOTP))
		} else {
			must(t, e.secrets.Set(sess.ID, core.SlotTOTP, bad))
		}
		ch := e.challenge(alice, alicePW)
		_, err := e.svc.SubmitCode(ch, "123456", false)
		wantKind(t, err, core.KindSecretMissing)
		if !strings.Contains(app.Message(err), "backup code") {
			t.Fatalf("message %q does not point to backup codes", app.Message(err))
		}
		if _, _, err := e.svc.SubmitBackupCode(ch, codes[0], false); err != nil {
			t.Fatalf("backup code after a lost secret: %v", err)
		}
		codes = codes[1:]
	}
}

// wantProfile checks that the signed-in profile opens and one of its fields reads want.
func wantProfile(t *testing.T, e *env, sess *app.Session, field func(core.Profile) string, want string) {
	t.Helper()
	p, err := e.svc.Profile(sess)
	must(t, err)
	if got := field(p); got != want {
		t.Fatalf("profile field = %q, want %q (profile %+v)", got, want, p)
	}
}
