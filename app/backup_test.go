package app_test

import (
	"strings"
	"testing"

	"twostep/core"
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
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, alicePW), codes[0], false)
	wantKind(t, err, core.KindWrongCode)
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

func TestRegenerateVoidsOldSet(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	_, old := e.enable(sess)
	_, err := e.svc.RegenerateBackupCodes(sess, "wrong password here")
	wantKind(t, err, core.KindWrongCredentials)
	fresh, err := e.svc.RegenerateBackupCodes(sess, alicePW)
	must(t, err)
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, alicePW), old[1], false)
	wantKind(t, err, core.KindWrongCode)
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, alicePW), fresh[1], false)
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
	for _, slot := range []core.Slot{core.SlotTOTP, core.SlotDevice} {
		_, err := e.secrets.Get(sess.ID, slot)
		wantKind(t, err, core.KindSecretMissing)
	}
	if res := e.signIn(alice, alicePW); res.Session == nil {
		t.Fatal("with 2FA off the password alone should sign in")
	}
	wantKind(t, e.svc.DisableTwoFactor(sess, alicePW, "123456"), core.KindTwoFactorOff)
}
