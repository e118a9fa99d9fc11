package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/boltstore"

	"github.com/twostep-app/twostep/internal/testenv"
)

// loadSchema1 puts a copy of 0.1's data file under e, 0.1's keyring entries into e's own
// keyring service, and e's clock ten minutes after the file was made.
func loadSchema1(e *env) testenv.Schema1 {
	e.t.Helper()
	testenv.Must(e.t, e.db.Close())
	f := testenv.LoadSchema1(e.t, e.path, e.kr.Service())
	e.clock.Set(f.MadeAt.Add(10 * time.Minute))
	e.open()
	return f
}

// schema2Facts is app/testdata/schema2/facts.json: the events of each account as Twostep 0.2
// read them back, newest first.
type schema2Facts struct {
	Accounts map[string]struct {
		ID core.AccountID `json:"id"`
	} `json:"accounts"`
	Events map[string][]core.Event `json:"events"`
}

// The schema 2 fixture is what the reader of language-neutral activity (issue 10) must keep
// reading: a file in which every kind of event Twostep 0.2 records has happened, stored as
// 0.2 stored it, in English phrases. Read by today's code, it says what 0.2 said it holds.
func TestSchema2FixtureHoldsEveryEvent(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "schema2", "facts.json"))
	testenv.Must(t, err)
	var facts schema2Facts
	testenv.Must(t, json.Unmarshal(raw, &facts))
	path := filepath.Join(testenv.TempDir(t), "twostep.db")
	db, err := os.ReadFile(filepath.Join("testdata", "schema2", "twostep.db"))
	testenv.Must(t, err)
	testenv.Must(t, os.WriteFile(path, db, 0o600))
	store, err := boltstore.Open(path)
	testenv.Must(t, err)
	defer store.Close()

	seen := map[core.EventKind]bool{}
	for name, acct := range facts.Accounts {
		got, err := store.Events(acct.ID, core.MaxEvents)
		testenv.Must(t, err)
		if want := facts.Events[name]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s's events read back as\n%v\nwant\n%v", name, got, want)
		}
		for _, ev := range got {
			seen[ev.Kind] = true
		}
	}
	for _, k := range []core.EventKind{core.EventAccountCreated, core.EventSignIn, core.EventSignInFailed,
		core.EventConfirmFailed, core.EventLockedOut, core.EventSignOut, core.EventTwoFactorOn,
		core.EventTwoFactorOff, core.EventBackupGenerated, core.EventBackupUsed, core.EventDeviceTrusted,
		core.EventDeviceRevoked, core.EventPasswordChanged, core.EventProfileUpdated,
		core.EventComputerSetUp, core.EventUpgraded} {
		if !seen[k] {
			t.Errorf("the fixture holds no %q event", k)
		}
	}
}
