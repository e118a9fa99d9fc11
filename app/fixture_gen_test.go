//go:build fixturegen

package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/twostep-app/twostep/core"
)

// TestWriteSchema2Fixture writes app/testdata/schema2 with the code of Twostep 0.2, which
// stores activity as English phrases: a data file (0.1's fixture, upgraded) in which every
// kind of event has happened, and what a person would know. Issue 10 stores events as codes;
// this file is what its reader must keep reading. Run once, inside a private keyring:
// scripts/test -tags fixturegen -run TestWriteSchema2Fixture ./app/
func TestWriteSchema2Fixture(t *testing.T) {
	e := newEnv(t)
	old := loadSchema1(e)
	// alice, trusted in 0.1: the upgrade, and a sign-in on a trusted device.
	aliceRes := e.signIn("alice", old.Accounts["alice"].Password)
	if aliceRes.Session == nil {
		t.Fatal("alice's upgrade asked for a code")
	}
	must(t, e.svc.BackupCodesShown(aliceRes.Session))

	// dora, new in 0.2: every other kind of event.
	dora := e.signUp("dora", otherPW)
	must(t, e.svc.UpdateProfile(dora, core.Profile{DisplayName: "Dora"}))
	must(t, e.svc.SignOut(dora))
	for range 5 {
		_, _ = e.svc.SignIn("dora", "not dora's password") // sign-in failed, then locked out
	}
	e.clock.Advance(2 * time.Hour)
	dora = e.signIn("dora", otherPW).Session // signed in (password)
	secret, codes := e.enable(dora)          // two-step on, backup codes generated
	must(t, e.svc.BackupCodesShown(dora))
	must(t, e.svc.SignOut(dora))
	ch := e.challenge("dora", otherPW)
	_, _ = e.svc.SubmitCode(ch, "000000", true) // a wrong code (unless it is right: then it is used)
	e.clock.Advance(2 * time.Hour)
	dora = e.signInWithCode("dora", otherPW, secret, true) // signed in (code), device trusted
	must(t, e.svc.SignOutCompletely(dora))                  // device revoked (signed out completely)
	must(t, e.secrets.Delete(dora.ID, core.SlotComputerKey))
	res := e.signIn("dora", otherPW)
	if !res.NeedsBackupCode {
		t.Fatal("without its computer key, dora's sign-in did not ask for a backup code")
	}
	dora, _, err := e.svc.SubmitBackupCode(res.Challenge, codes[0], true) // set up again, code used, trusted
	must(t, err)
	_ = e.svc.ChangePassword(dora, "not dora's password", alicePW, e.nextCode(secret)) // confirmation failed
	e.clock.Advance(2 * time.Hour)
	must(t, e.svc.ChangePassword(dora, otherPW, alicePW, e.nextCode(secret))) // password changed
	_, err = e.svc.RegenerateBackupCodes(dora, alicePW, e.nextCode(secret))
	must(t, err)
	dora = e.signInWithCode("dora", alicePW, secret, true)
	devices := e.devices(dora)
	must(t, e.svc.RevokeDevice(dora, devices[0].ID)) // device revoked (by name)
	must(t, e.svc.RevokeAllDevices(dora))            // device revoked (all devices)
	must(t, e.svc.DisableTwoFactor(dora, alicePW, e.nextCode(secret)))
	must(t, e.svc.SignOut(dora))

	events := map[string][]core.Event{}
	for name, id := range map[string]core.AccountID{"alice": core.AccountID(old.Accounts["alice"].ID), "dora": dora.ID} {
		evs, err := e.db.Events(id, core.MaxEvents)
		must(t, err)
		events[name] = evs
	}
	must(t, e.db.Close())
	dir := filepath.Join("testdata", "schema2")
	raw, err := os.ReadFile(e.path)
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, "twostep.db"), raw, 0o600))
	facts := map[string]any{
		"made_at_unix": e.clock.Now().Unix(),
		"accounts": map[string]any{
			"alice": map[string]any{"id": old.Accounts["alice"].ID},
			"dora":  map[string]any{"id": dora.ID, "password": alicePW},
		},
		"events": events,
	}
	out, err := json.MarshalIndent(facts, "", "  ")
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, "facts.json"), out, 0o600))
}
