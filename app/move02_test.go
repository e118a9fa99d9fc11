package app_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/core/keyring/keyringtest"
	"github.com/twostep-app/twostep/internal/testenv"
)

// loadSchema2Keys puts a copy of 0.2's two-step file under e, this computer's 0.2 entries
// into e's keyring and the other computer's into a keyring of its own, and returns the
// facts and the other computer's Service over the same file.
func loadSchema2Keys(e *env) (testenv.Schema2Keys, *app.Service, *keyring.Keyring) {
	e.t.Helper()
	testenv.Must(e.t, e.db.Close())
	theirs := keyringtest.Require(e.t)
	f := testenv.LoadSchema2Keys(e.t, e.path, e.kr.Service(), theirs.Service())
	e.clock.Set(f.MadeAt.Add(10 * time.Minute))
	e.open()
	return f, app.New(e.db, theirs, app.WithClock(e.clock.Now), app.WithDeviceName("other-laptop")), theirs
}

// A file of Twostep 0.2 keeps working: each account signs in as it did (a trusted computer
// without a code, the others with one), and that sign-in moves it to today's keys: a fresh
// account key, a fresh key for this computer (0.2's, sealed in every copy of the file, is
// deleted), a backup code per box, shown once. The phone keeps working; 0.2's codes and the
// other computer's 0.2 key open nothing any more.
func TestMoveFromSchema2(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f, other, theirs := loadSchema2Keys(e)
	erin := f.Accounts["erin"]
	id := core.AccountID(erin.ID)
	old, err := e.db.Account(id)
	testenv.Must(t, err)
	if old.Schema != 2 {
		t.Fatalf("erin's record is of schema %d before she signs in", old.Schema)
	}
	oldKey, err := e.secrets.Get(id, core.SlotComputerKeyV2)
	testenv.Must(t, err)

	res := e.signIn("erin", erin.Password) // trusted here in 0.2: no code
	sess := res.Session
	if sess == nil || len(sess.NewBackupCodes) != core.BackupCodeCount || sess.MovedFrom != app.Release02 {
		t.Fatalf("erin's trusted sign-in: %+v", res)
	}
	fresh := sess.NewBackupCodes
	wantProfile(t, e, sess, func(p core.Profile) string { return p.DisplayName }, erin.Profile.DisplayName)
	a, err := e.db.Account(id)
	testenv.Must(t, err)
	if a.Schema != core.Schema || len(a.Keys.KeysV2.Computers) != 0 || a.LegacyKeyring || !a.TwoFactor {
		t.Fatalf("erin's record after the move: %+v", a)
	}
	devs, err := e.svc.Devices(sess)
	testenv.Must(t, err)
	v2, _ := core.ParseComputerKeyV2(oldKey)
	if len(devs) != 1 || !devs[0].ThisDevice || !devs[0].Trusted || devs[0].ID != v2.Device {
		t.Fatalf("erin's computers after the move: %+v (this computer was %s)", devs, v2.Device)
	}
	if _, err := e.secrets.Get(id, core.SlotComputerKeyV2); !core.IsKind(err, core.KindSecretMissing) {
		t.Errorf("0.2's computer key is still in the keyring: %v", err)
	}
	raw, err := e.secrets.Get(id, core.SlotComputerKey)
	testenv.Must(t, err)
	if bytes.Contains(raw, v2.Key) {
		t.Error("the new computer key is 0.2's")
	}

	// 0.2's codes are replaced; the phone still works.
	testenv.Must(t, e.svc.SignOutCompletely(sess))
	_, _, err = e.svc.SubmitBackupCode(e.challenge("erin", erin.Password), erin.BackupCodes[0], false)
	testenv.WantKind(t, err, core.KindWrongCode)
	e.signInWithCode("erin", erin.Password, erin.TOTP, false)

	// The other computer's 0.2 key opens nothing now: it is set up again with a new code.
	res, err = other.SignIn("erin", erin.Password)
	testenv.Must(t, err)
	if !res.NeedsBackupCode {
		t.Fatalf("the other computer with its 0.2 key: %+v, want a backup code asked", res)
	}
	_, _, err = other.SubmitBackupCode(res.Challenge, erin.BackupCodes[1], false)
	testenv.WantKind(t, err, core.KindWrongCode)
	res, err = other.SignIn("erin", erin.Password)
	testenv.Must(t, err)
	theirsSess, _, err := other.SubmitBackupCode(res.Challenge, fresh[0], true)
	testenv.Must(t, err)
	if _, err := theirs.Get(id, core.SlotComputerKey); err != nil {
		t.Fatalf("the other computer got no new key: %v", err)
	}
	testenv.Must(t, other.SignOut(theirsSess))

	checkKeyringOpensNothing(t, e, id, erin.TOTP)
	checkTOTPSealedInDataFile(t, e, id, erin.TOTP)
}

func TestMoveFromSchema2OtherAccounts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f, _, _ := loadSchema2Keys(e)
	gus, hana := f.Accounts["gus"], f.Accounts["hana"]

	res := e.signIn("gus", gus.Password)
	if res.Session == nil || res.Session.NewBackupCodes != nil {
		t.Fatalf("gus (two-step off): %+v", res)
	}
	wantProfile(t, e, res.Session, func(p core.Profile) string { return p.Note }, gus.Profile.Note)
	if a, _ := e.db.Account(core.AccountID(gus.ID)); a.Schema != core.Schema || len(a.Keys.PasswordBox) == 0 || len(a.Keys.KeysV2.Password) != 0 {
		t.Fatalf("gus's record after the move: %+v", a.Keys)
	}
	_, err := e.svc.SignIn("gus", hana.Password)
	testenv.WantKind(t, err, core.KindWrongCredentials)

	ch := e.challenge("hana", hana.Password)
	_, err = e.svc.SubmitCode(ch, wrongCode(e.nextCode(hana.TOTP)), false)
	testenv.WantKind(t, err, core.KindWrongCode)
	if a, _ := e.db.Account(core.AccountID(hana.ID)); a.Schema != 2 {
		t.Fatal("a password without its second step moved the record")
	}
	sess, err := e.svc.SubmitCode(ch, e.code(hana.TOTP), true)
	testenv.Must(t, err)
	if len(sess.NewBackupCodes) != core.BackupCodeCount {
		t.Fatalf("hana got %d new codes", len(sess.NewBackupCodes))
	}
	wantProfile(t, e, sess, func(p core.Profile) string { return p.Note }, hana.Profile.Note)
	testenv.Must(t, e.svc.SignOut(sess))
	if res := e.signIn("hana", hana.Password); res.Session == nil {
		t.Fatal("hana trusted this computer at the move, but is asked for a code")
	}
}

// On a computer without its 0.2 key, the password and a 0.2 backup code still get in, once,
// and move the account; the used code and the others of its set open nothing afterwards.
func TestMoveFromSchema2WithABackupCode(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f, _, _ := loadSchema2Keys(e)
	hana := f.Accounts["hana"]
	id := core.AccountID(hana.ID)
	testenv.Must(t, e.secrets.Delete(id, core.SlotComputerKeyV2))
	before, err := os.ReadFile(e.path)
	testenv.Must(t, err)
	res := e.signIn("hana", hana.Password)
	if !res.NeedsBackupCode {
		t.Fatalf("no 0.2 key here: %+v", res)
	}
	_, _, err = e.svc.SubmitBackupCode(res.Challenge, hana.BackupCodes[3], false)
	testenv.Must(t, err)
	a, err := e.db.Account(id)
	testenv.Must(t, err)
	if a.Schema != core.Schema {
		t.Fatal("the account did not move")
	}
	// The 0.2 copy taken before, with the same code: it opens that copy's own key, nothing here.
	c := copyEnv(t, e, false)
	testenv.Must(t, c.db.Close())
	testenv.Must(t, os.WriteFile(c.path, before, 0o600))
	c.open()
	res = c.signIn("hana", hana.Password)
	oldSess, _, err := c.svc.SubmitBackupCode(res.Challenge, hana.BackupCodes[3], false)
	testenv.Must(t, err)
	oldKey := app.SessionAccountKey(oldSess)
	if oldKey.Verify(a) == nil {
		t.Fatal("the key the old copy gave signs today's record")
	}
	if _, err := oldKey.OpenTOTP(a.TOTP, a.ID); err == nil {
		t.Fatal("the key the old copy gave opens today's TOTP secret")
	}
}
