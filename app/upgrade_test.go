package app_test

import (
	"testing"

	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
)

// A data file of Twostep 0.1 keeps working: each account signs in as it did, is upgraded in
// place at that sign-in, gets new backup codes (the old ones cannot unwrap anything), keeps
// its TOTP secret and this computer's trust, and 0.1's keyring entries, each usable alone,
// are gone. After the upgrade the four properties hold.
func TestUpgradeFromSchema1(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := loadSchema1(e)
	alice := f.Accounts["alice"]

	// Before the sign-in nothing is upgraded: the password is needed for that.
	a, err := e.db.Account(core.AccountID(alice.ID))
	testenv.Must(t, err)
	if a.Schema != 0 || a.Password == "" {
		t.Fatalf("alice was upgraded before she signed in: %+v", a)
	}
	_, err = e.svc.SignIn("alice", "not alice's password")
	testenv.WantKind(t, err, core.KindWrongCredentials)
	if a, _ := e.db.Account(core.AccountID(alice.ID)); a.Schema != 0 {
		t.Fatal("a wrong password upgraded the record")
	}

	res := e.signIn("alice", alice.Password) // this computer is trusted: no code
	sess := res.Session
	if sess == nil || len(sess.NewBackupCodes) != core.BackupCodeCount {
		t.Fatalf("trusted sign-in with the upgrade: %+v", res)
	}
	wantProfile(t, e, sess, func(p core.Profile) string { return p.DisplayName }, "Alice Liddell")
	a, err = e.db.Account(core.AccountID(alice.ID))
	testenv.Must(t, err)
	if a.Schema != core.Schema || a.Password != "" || a.WrappedKey != nil || a.LegacyKeyring || !a.TwoFactor || len(a.Devices) != 1 {
		t.Fatalf("upgraded record: %+v", a)
	}
	for _, slot := range core.LegacySlots {
		if _, err := e.secrets.Get(core.AccountID(alice.ID), slot); !core.IsKind(err, core.KindSecretMissing) {
			t.Errorf("0.1's keyring entry %s is still there: %v", slot, err)
		}
	}
	devs, err := e.svc.Devices(sess)
	testenv.Must(t, err)
	if len(devs) != 1 || !devs[0].ThisDevice {
		t.Fatalf("this computer's trust did not survive the upgrade: %+v", devs)
	}
	events, err := e.svc.Activity(sess, 3)
	testenv.Must(t, err)
	if events[0].Kind != core.EventUpgraded && events[1].Kind != core.EventUpgraded {
		t.Fatalf("no upgrade in the activity: %+v", events)
	}
	testenv.Must(t, e.svc.SignOutCompletely(sess))

	// The old backup codes are replaced; the new ones and the phone work.
	_, _, err = e.svc.SubmitBackupCode(e.challenge("alice", alice.Password), alice.BackupCodes[0], false)
	testenv.WantKind(t, err, core.KindWrongCode)
	e.signInWithCode("alice", alice.Password, alice.TOTP, true)

	checkKeyringOpensNothing(t, e, core.AccountID(alice.ID), alice.TOTP)
	checkTOTPSealedInDataFile(t, e, core.AccountID(alice.ID), alice.TOTP)
	checkPasswordAloneOpensNothing(t, e, "alice", alice.Password, alice.TOTP, sess.NewBackupCodes, "Alice Liddell")
	checkTamperingRefused(t, e, core.AccountID(alice.ID), "alice", alice.Password, twoStepTampering(t, core.AccountID(alice.ID), editorAccount(t), thisDevice(t, e, e.signIn("alice", alice.Password).Session)))
}

// The other two people of the fixture: carol (two-step on, this computer not trusted, her
// keyring without the data key) and bob (two-step off).
func TestUpgradeFromSchema1OtherAccounts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := loadSchema1(e)
	carol, bob := f.Accounts["carol"], f.Accounts["bob"]
	testenv.Must(t, e.secrets.Delete(core.AccountID(carol.ID), core.SlotDataKey)) // 0.1 unwrapped it with the password

	ch := e.challenge("carol", carol.Password)
	_, err := e.svc.SubmitCode(ch, wrongCode(e.nextCode(carol.TOTP)), false)
	testenv.WantKind(t, err, core.KindWrongCode)
	if a, _ := e.db.Account(core.AccountID(carol.ID)); a.Schema != 0 {
		t.Fatal("a password without its second step upgraded the record")
	}
	sess, left, err := e.svc.SubmitBackupCode(ch, carol.BackupCodes[4], false)
	testenv.Must(t, err)
	if left != core.BackupCodeCount || len(sess.NewBackupCodes) != core.BackupCodeCount {
		t.Fatalf("after the upgrade by a backup code: %d left, %d new codes", left, len(sess.NewBackupCodes))
	}
	wantProfile(t, e, sess, func(p core.Profile) string { return p.DisplayName }, "Carol")
	if _, err := e.svc.SubmitCode(e.challenge("carol", carol.Password), e.nextCode(carol.TOTP), false); err != nil {
		t.Fatalf("carol's phone after the upgrade: %v", err)
	}
	checkKeyringOpensNothing(t, e, core.AccountID(carol.ID), carol.TOTP)

	res := e.signIn("bob", bob.Password)
	if res.Session == nil || res.Session.NewBackupCodes != nil {
		t.Fatalf("bob: %+v", res)
	}
	wantProfile(t, e, res.Session, func(p core.Profile) string { return p.Note }, "bob's note")
	for _, slot := range append([]core.Slot{core.SlotComputerKey}, core.LegacySlots...) {
		if _, err := e.secrets.Get(core.AccountID(bob.ID), slot); !core.IsKind(err, core.KindSecretMissing) {
			t.Errorf("bob, with two-step off, still has the keyring entry %s: %v", slot, err)
		}
	}
	e.restart()
	wantProfile(t, e, e.signIn("bob", bob.Password).Session, func(p core.Profile) string { return p.Note }, "bob's note")
	_, err = e.svc.SignIn("bob", carol.Password)
	testenv.WantKind(t, err, core.KindWrongCredentials)
}
