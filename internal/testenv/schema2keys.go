package testenv

import (
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// Schema2Keys is app/testdata/schema2keys: a data file written by Twostep 0.2 and shared by
// two computers, the keyring entries of both, and what its people know.
type Schema2Keys struct {
	MadeAt   time.Time
	Here     map[string]string            `json:"keyring"`       // this computer's entries, as 0.2 stored them
	There    map[string]string            `json:"other_keyring"` // the other computer's
	Accounts map[string]Schema2KeysPerson `json:"accounts"`
}

// Schema2KeysPerson is one account of the fixture, as its owner knows it.
type Schema2KeysPerson struct {
	ID           string   `json:"id"`
	Password     string   `json:"password"`
	TOTP         string   `json:"totp"`
	BackupCodes  []string `json:"backup_codes"`      // unused
	UsedCodes    []string `json:"used_backup_codes"` // spent in 0.2
	TrustedHere  bool     `json:"trusted_here"`
	TrustedThere bool     `json:"trusted_on_other_computer"`
	Profile      struct {
		DisplayName string `json:"display_name"`
		Note        string `json:"note"`
	} `json:"profile"`
}

// LoadSchema2Keys copies 0.2's data file to dataFile, puts this computer's entries under
// here and the other computer's under there (keyring service names), and returns the facts.
func LoadSchema2Keys(t testing.TB, dataFile, here, there string) Schema2Keys {
	t.Helper()
	var f struct {
		Schema2Keys
		MadeAt int64 `json:"made_at_unix"`
	}
	loadFixture(t, "schema2keys", dataFile, &f)
	for service, entries := range map[string]map[string]string{here: f.Here, there: f.There} {
		for user, value := range entries {
			if err := gokeyring.Set(service, user, value); err != nil {
				t.Fatalf("putting 0.2's keyring entry %s: %v", user, err)
			}
		}
	}
	f.Schema2Keys.MadeAt = time.Unix(f.MadeAt, 0)
	return f.Schema2Keys
}
