package app_test

import (
	"strings"
	"testing"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
)

func TestBackupCodeStandsInOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	_, codes := e.enable(sess)
	must(t, e.svc.SignOut(sess))

	sess, left, err := e.svc.SubmitBackupCode(e.challenge(alice, alicePW), strings.ToUpper(codes[0]), false)
	must(t, err)
	if left != core.BackupCodeCount-1 {
		t.Fatalf("%d left, want %d", left, core.BackupCodeCount-1)
	}
	st, err := e.svc.Status(sess)
	must(t, err)
	if st.BackupCodesLeft != left {
		t.Fatalf("status says %d left, sign-in said %d", st.BackupCodesLeft, left)
	}
	// Typed again, it is named as used, with how many are left (issue 8: it said "wrong").
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, alicePW), codes[0], false)
	wantKind(t, err, core.KindCodeReused)
	if msg := app.Message(err); !strings.Contains(msg, "already used") || !strings.Contains(msg, "9 backup codes are left") {
		t.Fatalf("a used backup code says %q", msg)
	}
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, alicePW), "short", false)
	wantKind(t, err, core.KindMalformedCode)
}

func TestBackupCodesRunLow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	_, codes := e.enable(sess)
	for i, c := range codes[:core.BackupCodeCount-2] {
		_, left, err := e.svc.SubmitBackupCode(e.challenge(alice, alicePW), c, false)
		must(t, err)
		if left != core.BackupCodeCount-1-i {
			t.Fatalf("after %d used, %d left", i+1, left)
		}
	}
	st, err := e.svc.Status(sess)
	must(t, err)
	if !st.BackupCodesLow || st.BackupCodesLeft != 2 {
		t.Fatalf("status %+v, want 2 left and low", st)
	}
}

// New backup codes need the password and a verification code or a backup code, as GitHub
// and Google ask; the old set then opens nothing, in the sign-in and in the cryptography.
func TestRegenerateVoidsOldSet(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	secret, old := e.enable(sess)
	tests := []struct {
		name, password, code string
		want                 core.Kind
	}{
		{"wrong password", "wrong password here", e.nextCode(secret), core.KindWrongCredentials},
		{"password alone", alicePW, "", core.KindTwoFactorRequired},
		{"wrong code", alicePW, wrongCode(e.nextCode(secret)), core.KindWrongCode},
	}
	for _, tt := range tests {
		_, err := e.svc.RegenerateBackupCodes(sess, tt.password, tt.code)
		wantKind(t, err, tt.want)
	}
	fresh, err := e.svc.RegenerateBackupCodes(sess, alicePW, e.nextCode(secret))
	must(t, err)
	_, err = e.svc.RegenerateBackupCodes(sess, alicePW, e.code(secret))
	wantKind(t, err, core.KindCodeReused)
	again, err := e.svc.RegenerateBackupCodes(sess, alicePW, fresh[0]) // a backup code will do
	must(t, err)
	e.signInWithCode(alice, alicePW, secret, false) // clears the failures counted above
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, alicePW), old[1], false)
	wantKind(t, err, core.KindWrongCode)
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, alicePW), fresh[1], false)
	wantKind(t, err, core.KindWrongCode)
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, alicePW), again[1], false)
	must(t, err)
}

func TestTurnTwoFactorOff(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	secret, codes := e.enable(sess)
	sess = e.signInWithCode(alice, alicePW, secret, true)

	wantKind(t, e.svc.DisableTwoFactor(sess, "wrong password here", e.nextCode(secret)), core.KindWrongCredentials)
	wantKind(t, e.svc.DisableTwoFactor(sess, alicePW, ""), core.KindTwoFactorRequired)
	wantKind(t, e.svc.DisableTwoFactor(sess, alicePW, wrongCode(e.nextCode(secret))), core.KindWrongCode)
	must(t, e.svc.DisableTwoFactor(sess, alicePW, codes[3])) // a backup code will do

	st, err := e.svc.Status(sess)
	must(t, err)
	if st.TwoFactor || st.BackupCodesLeft != 0 || st.Devices != 0 {
		t.Fatalf("after turning off: %+v", st)
	}
	_, err = e.secrets.Get(sess.ID, core.SlotComputerKey)
	wantKind(t, err, core.KindSecretMissing)
	a, err := e.db.Account(sess.ID)
	must(t, err)
	if a.TOTP != nil || a.Keys.Computers != nil || a.Keys.Recovery != nil || a.BackupCodes.Hashes != nil {
		t.Fatalf("two-step material left in the record: %+v", a)
	}
	if res := e.signIn(alice, alicePW); res.Session == nil {
		t.Fatal("with 2FA off the password alone should sign in")
	}
	wantKind(t, e.svc.DisableTwoFactor(sess, alicePW, "123456"), core.KindTwoFactorOff)
}

// Backup codes that were made but never shown to the end (the window closed, Twostep
// stopped) are reported, so the dashboard can say to make new ones.
func TestUnseenBackupCodesAreReported(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	secret, _ := e.enable(sess)
	if st, err := e.svc.Status(sess); err != nil || !st.BackupCodesUnseen {
		t.Fatalf("after enrolment, before the dialog closed: %+v, %v", st, err)
	}
	must(t, e.svc.BackupCodesShown(sess))
	if st, _ := e.svc.Status(sess); st.BackupCodesUnseen {
		t.Fatal("still unseen after BackupCodesShown")
	}
	_, err := e.svc.RegenerateBackupCodes(sess, alicePW, e.nextCode(secret))
	must(t, err)
	e.restart() // the window closed before the new set was shown to the end
	sess = e.signInWithCode(alice, alicePW, secret, false)
	if st, _ := e.svc.Status(sess); !st.BackupCodesUnseen {
		t.Fatal("a regenerated set that was never shown is not reported")
	}
}

// A wrong backup code is told apart from a wrong verification code; on a computer without
// the account's key and with no codes left, the person learns what is left to do.
func TestBackupCodeSentences(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	_, codes := e.enable(sess)
	_, _, err := e.svc.SubmitBackupCode(e.challenge(alice, alicePW), "aaaaa-aaaaa", false)
	wantKind(t, err, core.KindWrongCode)
	if msg := app.Message(err); !strings.Contains(msg, "backup code") || strings.Contains(msg, "authenticator") {
		t.Fatalf("a wrong backup code says %q", msg)
	}
	for _, c := range codes {
		_, _, err := e.svc.SubmitBackupCode(e.challenge(alice, alicePW), c, false)
		must(t, err)
	}
	must(t, e.secrets.Delete(sess.ID, core.SlotComputerKey))
	res := e.signIn(alice, alicePW)
	_, _, err = e.svc.SubmitBackupCode(res.Challenge, codes[0], false)
	wantKind(t, err, core.KindComputerKeyMissing)
	if msg := app.Message(err); !strings.Contains(msg, "No backup codes are left") {
		t.Fatalf("no codes left says %q", msg)
	}
}
