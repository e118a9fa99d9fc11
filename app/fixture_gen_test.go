//go:build fixturegen

package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/keyring/keyringtest"
)

type genPerson struct {
	ID          string   `json:"id"`
	Password    string   `json:"password"`
	TOTP        string   `json:"totp,omitempty"`
	BackupCodes []string `json:"backup_codes,omitempty"` // unused
	UsedCodes   []string `json:"used_backup_codes,omitempty"`
	TrustedHere bool     `json:"trusted_here"`
	TrustedThere bool    `json:"trusted_on_other_computer"`
	Profile     core.Profile `json:"profile"`
}

// TestWriteSchema2KeysFixture writes app/testdata/schema2keys with Twostep 0.2's code: a data
// file and the keyring entries of two computers sharing it.
func TestWriteSchema2KeysFixture(t *testing.T) {
	out := os.Getenv("FIXTURE_OUT")
	if out == "" {
		t.Fatal("set FIXTURE_OUT")
	}
	e := newEnv(t)
	e.clock.t = time.Date(2027, 2, 1, 9, 0, 10, 0, time.UTC)
	otherKR := keyringtest.Require(t)
	other := app.New(e.db, otherKR, app.WithClock(e.clock.Now), app.WithDeviceName("other-laptop"))
	people := map[string]*genPerson{}

	// erin: two-step on, one backup code used here, a second computer set up with another
	// backup code and trusted there, and this computer trusted.
	erinP := core.Profile{DisplayName: "Erin Example", Email: "erin@example.org", Note: "erin's note"}
	sess := e.signUp("erin", "Copper-lantern-51-eel")
	must(t, e.svc.UpdateProfile(sess, erinP))
	secret, codes := e.enable(sess)
	must(t, e.svc.SignOut(sess))
	e.clock.Advance(time.Minute)
	sess, _, err := e.svc.SubmitBackupCode(e.challenge("erin", "Copper-lantern-51-eel"), codes[0], false)
	must(t, err)
	must(t, e.svc.SignOut(sess))
	res, err := other.SignIn("erin", "Copper-lantern-51-eel")
	must(t, err)
	if !res.NeedsBackupCode {
		t.Fatal("the other computer has a key")
	}
	theirs, _, err := other.SubmitBackupCode(res.Challenge, codes[1], true)
	must(t, err)
	must(t, other.SignOut(theirs))
	sess = e.signInWithCode("erin", "Copper-lantern-51-eel", secret, true)
	must(t, e.svc.SignOut(sess))
	people["erin"] = &genPerson{ID: string(sess.ID), Password: "Copper-lantern-51-eel", TOTP: secret,
		BackupCodes: codes[2:], UsedCodes: codes[:2], TrustedHere: true, TrustedThere: true, Profile: erinP}

	// gus: two-step off.
	gusP := core.Profile{DisplayName: "Gus", Note: "gus's note"}
	sess = e.signUp("gus", "Marble-orchard-72-owl")
	must(t, e.svc.UpdateProfile(sess, gusP))
	must(t, e.svc.SignOut(sess))
	people["gus"] = &genPerson{ID: string(sess.ID), Password: "Marble-orchard-72-owl", Profile: gusP}

	// hana: two-step on, this computer not trusted, nothing used.
	hanaP := core.Profile{DisplayName: "Hana", Note: "hana's note"}
	sess = e.signUp("hana", "Silver-meadow-38-fox")
	must(t, e.svc.UpdateProfile(sess, hanaP))
	secret, codes = e.enable(sess)
	must(t, e.svc.SignOut(sess))
	sess = e.signInWithCode("hana", "Silver-meadow-38-fox", secret, false)
	must(t, e.svc.SignOut(sess))
	people["hana"] = &genPerson{ID: string(sess.ID), Password: "Silver-meadow-38-fox", TOTP: secret,
		BackupCodes: codes, Profile: hanaP}

	dump := func(service string) map[string]string {
		m := map[string]string{}
		for _, p := range people {
			for _, slot := range []core.Slot{core.SlotComputerKey} {
				user := p.ID + "/" + string(slot)
				if v, err := gokeyring.Get(service, user); err == nil {
					m[user] = v
				}
			}
		}
		return m
	}
	facts := map[string]any{
		"made_at_unix": e.clock.Now().Unix(),
		"accounts":     people,
		"keyring":      dump(e.kr.Service()),
		"other_keyring": dump(otherKR.Service()),
	}
	must(t, e.db.Close())
	must(t, os.MkdirAll(out, 0o755))
	raw, err := os.ReadFile(e.path)
	must(t, err)
	must(t, os.WriteFile(filepath.Join(out, "twostep.db"), raw, 0o644))
	js, err := json.MarshalIndent(facts, "", "  ")
	must(t, err)
	must(t, os.WriteFile(filepath.Join(out, "facts.json"), append(js, '\n'), 0o644))
	e.open()
}
