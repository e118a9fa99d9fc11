//go:build fixturegen

package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	gokeyring "github.com/zalando/go-keyring"

	"twostep/core"
)

// TestWriteSchema1Fixture writes app/testdata/schema1 with the code of Twostep 0.1 (schema 1):
// the data file, every keyring entry it made, and what a person would know.
// Run once, inside a private keyring: scripts/test -tags fixturegen -run TestWriteSchema1Fixture ./app/
func TestWriteSchema1Fixture(t *testing.T) {
	e := newEnv(t)
	alice := e.signUp("alice", alicePW)
	must(t, e.svc.UpdateProfile(alice, core.Profile{DisplayName: "Alice Liddell", Email: "alice@wonderland.example", Note: "rabbit-hole-notes", Picture: testPicture(t)}))
	aliceSecret, aliceCodes := e.enable(alice)
	// A backup code spent, and this computer trusted.
	if _, _, err := e.svc.SubmitBackupCode(e.challenge("alice", alicePW), aliceCodes[0], true); err != nil {
		t.Fatal(err)
	}
	bob := e.signUp("bob", otherPW)
	must(t, e.svc.UpdateProfile(bob, core.Profile{Note: "bob's note"}))
	carol := e.signUp("carol", alicePW)
	must(t, e.svc.UpdateProfile(carol, core.Profile{DisplayName: "Carol"}))
	carolSecret, carolCodes := e.enable(carol)
	_, _ = e.svc.SignIn("carol", "a wrong password for carol") // one failure on record
	must(t, e.db.Close())

	dir := filepath.Join("testdata", "schema1")
	raw, err := os.ReadFile(e.path)
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, "twostep.db"), raw, 0o600))
	entries := map[string]string{}
	for _, id := range []core.AccountID{alice.ID, bob.ID, carol.ID} {
		for _, slot := range []core.Slot{core.SlotDataKey, core.SlotTOTP, core.SlotTOTPPending, core.SlotDevice} {
			user := string(id) + "/" + string(slot)
			if v, err := gokeyring.Get(e.secrets.(interface{ Service() string }).Service(), user); err == nil {
				entries[user] = v
			}
		}
	}
	facts := map[string]any{
		"made_at_unix": e.clock.Now().Unix(),
		"keyring":      entries,
		"accounts": map[string]any{
			"alice": map[string]any{"id": alice.ID, "password": alicePW, "totp": aliceSecret, "used_backup_code": aliceCodes[0], "backup_codes": aliceCodes[1:], "trusted": true},
			"bob":   map[string]any{"id": bob.ID, "password": otherPW},
			"carol": map[string]any{"id": carol.ID, "password": alicePW, "totp": carolSecret, "backup_codes": carolCodes},
		},
	}
	out, err := json.MarshalIndent(facts, "", "  ")
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, "facts.json"), out, 0o600))
}
