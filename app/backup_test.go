package app_test

import (
	"strings"
	"testing"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"

	"github.com/twostep-app/twostep/internal/testenv"
)

func TestBackupCodeStandsInOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	_, codes := e.enable(sess)
	testenv.Must(t, e.svc.SignOut(sess))

	sess, left, err := e.svc.SubmitBackupCode(e.challenge(alice, testenv.AlicePW), strings.ToUpper(codes[0]), false)
	testenv.Must(t, err)
	if left != core.BackupCodeCount-1 {
		t.Fatalf("%d left, want %d", left, core.BackupCodeCount-1)
	}
	st, err := e.svc.Status(sess)
	testenv.Must(t, err)
	if st.BackupCodesLeft != left {
		t.Fatalf("status says %d left, sign-in said %d", st.BackupCodesLeft, left)
	}
	// Typed again, it is named as used, with how many are left (issue 8: it said "wrong").
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, testenv.AlicePW), codes[0], false)
	testenv.WantKind(t, err, core.KindCodeReused)
	if msg := words.Message(err); !strings.Contains(msg, "already used") || !strings.Contains(msg, "9 backup codes are left") {
		t.Fatalf("a used backup code says %q", msg)
	}
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, testenv.AlicePW), "short", false)
	testenv.WantKind(t, err, core.KindMalformedCode)
}

func TestBackupCodesRunLow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	_, codes := e.enable(sess)
	for i, c := range codes[:core.BackupCodeCount-2] {
		_, left, err := e.svc.SubmitBackupCode(e.challenge(alice, testenv.AlicePW), c, false)
		testenv.Must(t, err)
		if left != core.BackupCodeCount-1-i {
			t.Fatalf("after %d used, %d left", i+1, left)
		}
	}
	st, err := e.svc.Status(sess)
	testenv.Must(t, err)
	if !st.BackupCodesLow || st.BackupCodesLeft != 2 {
		t.Fatalf("status %+v, want 2 left and low", st)
	}
}

// New backup codes need the password and a verification code or a backup code, as GitHub
// and Google ask; the old set then opens nothing, in the sign-in and in the cryptography.
func TestRegenerateVoidsOldSet(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, old := e.enable(sess)
	tests := []struct {
		name, password, code string
		want                 core.Kind
	}{
		{"wrong password", "wrong password here", e.nextCode(secret), core.KindWrongCredentials},
		{"password alone", testenv.AlicePW, "", core.KindTwoFactorRequired},
		{"wrong code", testenv.AlicePW, wrongCode(e.nextCode(secret)), core.KindWrongCode},
	}
	for _, tt := range tests {
		_, err := e.svc.RegenerateBackupCodes(sess, tt.password, tt.code)
		testenv.WantKind(t, err, tt.want)
	}
	fresh, err := e.svc.RegenerateBackupCodes(sess, testenv.AlicePW, e.nextCode(secret))
	testenv.Must(t, err)
	_, err = e.svc.RegenerateBackupCodes(sess, testenv.AlicePW, e.code(secret))
	testenv.WantKind(t, err, core.KindCodeReused)
	again, err := e.svc.RegenerateBackupCodes(sess, testenv.AlicePW, fresh[0]) // a backup code will do
	testenv.Must(t, err)
	e.signInWithCode(alice, testenv.AlicePW, secret, false) // clears the failures counted above
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, testenv.AlicePW), old[1], false)
	testenv.WantKind(t, err, core.KindWrongCode)
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, testenv.AlicePW), fresh[1], false)
	testenv.WantKind(t, err, core.KindWrongCode)
	_, _, err = e.svc.SubmitBackupCode(e.challenge(alice, testenv.AlicePW), again[1], false)
	testenv.Must(t, err)
}

func TestTurnTwoFactorOff(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, codes := e.enable(sess)
	sess = e.signInWithCode(alice, testenv.AlicePW, secret, true)

	testenv.WantKind(t, e.svc.DisableTwoFactor(sess, "wrong password here", e.nextCode(secret)), core.KindWrongCredentials)
	testenv.WantKind(t, e.svc.DisableTwoFactor(sess, testenv.AlicePW, ""), core.KindTwoFactorRequired)
	testenv.WantKind(t, e.svc.DisableTwoFactor(sess, testenv.AlicePW, wrongCode(e.nextCode(secret))), core.KindWrongCode)
	testenv.Must(t, e.svc.DisableTwoFactor(sess, testenv.AlicePW, codes[3])) // a backup code will do

	st, err := e.svc.Status(sess)
	testenv.Must(t, err)
	if st.TwoFactor || st.BackupCodesLeft != 0 || st.Devices != 0 {
		t.Fatalf("after turning off: %+v", st)
	}
	_, err = e.secrets.Get(sess.ID, core.SlotComputerKey)
	testenv.WantKind(t, err, core.KindSecretMissing)
	a, err := e.db.Account(sess.ID)
	testenv.Must(t, err)
	if a.TOTP != nil || a.Keys.Computers != nil || a.Keys.Recovery != nil || a.BackupCodes.Hashes != nil {
		t.Fatalf("two-step material left in the record: %+v", a)
	}
	if res := e.signIn(alice, testenv.AlicePW); res.Session == nil {
		t.Fatal("with 2FA off the password alone should sign in")
	}
	testenv.WantKind(t, e.svc.DisableTwoFactor(sess, testenv.AlicePW, "123456"), core.KindTwoFactorOff)
}

// Backup codes that were made but never shown to the end (the window closed, Twostep
// stopped) are reported, so the dashboard can say to make new ones.
func TestUnseenBackupCodesAreReported(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, _ := e.enable(sess)
	if st, err := e.svc.Status(sess); err != nil || !st.BackupCodesUnseen {
		t.Fatalf("after enrolment, before the dialog closed: %+v, %v", st, err)
	}
	testenv.Must(t, e.svc.BackupCodesShown(sess))
	if st, _ := e.svc.Status(sess); st.BackupCodesUnseen {
		t.Fatal("still unseen after BackupCodesShown")
	}
	_, err := e.svc.RegenerateBackupCodes(sess, testenv.AlicePW, e.nextCode(secret))
	testenv.Must(t, err)
	e.restart() // the window closed before the new set was shown to the end
	sess = e.signInWithCode(alice, testenv.AlicePW, secret, false)
	if st, _ := e.svc.Status(sess); !st.BackupCodesUnseen {
		t.Fatal("a regenerated set that was never shown is not reported")
	}
}

// A wrong backup code is told apart from a wrong verification code; on a computer without
// the account's key and with no codes left, the person learns what is left to do.
func TestBackupCodeSentences(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	_, codes := e.enable(sess)
	_, _, err := e.svc.SubmitBackupCode(e.challenge(alice, testenv.AlicePW), "aaaaa-aaaaa", false)
	testenv.WantKind(t, err, core.KindWrongCode)
	if msg := words.Message(err); !strings.Contains(msg, "backup code") || strings.Contains(msg, "authenticator") {
		t.Fatalf("a wrong backup code says %q", msg)
	}
	for _, c := range codes {
		_, _, err := e.svc.SubmitBackupCode(e.challenge(alice, testenv.AlicePW), c, false)
		testenv.Must(t, err)
	}
	testenv.Must(t, e.secrets.Delete(sess.ID, core.SlotComputerKey))
	res := e.signIn(alice, testenv.AlicePW)
	_, _, err = e.svc.SubmitBackupCode(res.Challenge, codes[0], false)
	testenv.WantKind(t, err, core.KindComputerKeyMissing)
	if msg := words.Message(err); !strings.Contains(msg, "No backup codes are left") {
		t.Fatalf("no codes left says %q", msg)
	}
}
