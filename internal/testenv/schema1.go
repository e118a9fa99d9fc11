package testenv

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// Schema1 is app/testdata/schema1: a data file and keyring entries written by Twostep 0.1,
// and what its people know. The engine's and the window's upgrade tests both load it.
type Schema1 struct {
	MadeAt   time.Time
	Keyring  map[string]string        `json:"keyring"` // entry name -> value, as 0.1 stored them
	Accounts map[string]Schema1Person `json:"accounts"`
}

// Schema1Person is one account of the fixture, as its owner knows it.
type Schema1Person struct {
	ID          string   `json:"id"`
	Password    string   `json:"password"`
	TOTP        string   `json:"totp"`
	UsedCode    string   `json:"used_backup_code"`
	BackupCodes []string `json:"backup_codes"`
	Trusted     bool     `json:"trusted"`
}

// LoadSchema1 copies 0.1's data file to dataFile and puts 0.1's keyring entries under
// service, and returns the fixture's facts.
func LoadSchema1(t testing.TB, dataFile, service string) Schema1 {
	t.Helper()
	var f struct {
		Schema1
		MadeAt int64 `json:"made_at_unix"`
	}
	loadFixture(t, "schema1", dataFile, &f)
	for user, value := range f.Keyring {
		if err := gokeyring.Set(service, user, value); err != nil {
			t.Fatalf("putting 0.1's keyring entry %s: %v", user, err)
		}
	}
	f.Schema1.MadeAt = time.Unix(f.MadeAt, 0)
	return f.Schema1
}

// loadFixture reads app/testdata/<name>/facts.json into facts and copies its data file to
// dataFile.
func loadFixture(t testing.TB, name, dataFile string, facts any) {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "..", "app", "testdata", name)
	raw, err := os.ReadFile(filepath.Join(dir, "facts.json"))
	if err == nil {
		err = json.Unmarshal(raw, facts)
	}
	if err != nil {
		t.Fatalf("reading the %s fixture: %v", name, err)
	}
	db, err := os.ReadFile(filepath.Join(dir, "twostep.db"))
	if err == nil {
		err = os.WriteFile(dataFile, db, 0o600)
	}
	if err != nil {
		t.Fatalf("copying the %s data file: %v", name, err)
	}
}
