package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
	gokeyring "github.com/zalando/go-keyring"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/boltstore"
	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/gate"
)

const deleteService = "io.twostep.test/delete-data"

// twoStepAccount makes an account with two-step on in dir's data file, with its computer key
// under deleteService, and returns its ID.
func twoStepAccount(t *testing.T, dir, username string) core.AccountID {
	t.Helper()
	db, err := boltstore.Open(filepath.Join(dir, gate.DataFile))
	testenv.Must(t, err)
	defer db.Close()
	s := app.New(db, keyring.New(deleteService))
	sess, err := s.CreateAccount(username, "correct horse battery staple")
	testenv.Must(t, err)
	enrol, err := s.BeginEnrolment(sess)
	testenv.Must(t, err)
	code, err := totp.GenerateCode(enrol.Secret, time.Now())
	testenv.Must(t, err)
	_, err = s.ConfirmEnrolment(sess, code)
	testenv.Must(t, err)
	return sess.ID
}

// --delete-data takes an account whole: its computer key out of the keyring, then the data
// file, the log and Fyne's preferences, then the folder. Another data folder's account, under
// the same keyring service, keeps its key.
func TestDeleteDataDeletesItAll(t *testing.T) {
	needKeyring(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir, other := filepath.Join(t.TempDir(), "twostep"), t.TempDir()
	id, kept := twoStepAccount(t, dir, "alice"), twoStepAccount(t, other, "bob")
	testenv.Must(t, os.WriteFile(filepath.Join(dir, gate.LogFile), []byte("log\n"), 0o600))
	prefs := preferencesDir()
	testenv.Must(t, os.MkdirAll(prefs, 0o700))
	keys := keyring.New(deleteService)
	if _, err := keys.Get(id, core.SlotComputerKey); err != nil {
		t.Fatalf("no computer key to delete: %v", err)
	}

	var out, errOut bytes.Buffer
	if code := runDeleteData(dir, deleteService, &out, &errOut); code != 0 || !strings.Contains(out.String(), "Deleted Twostep's accounts") {
		t.Fatalf("exit %d, out %q, err %q", code, out.String(), errOut.String())
	}
	for _, gone := range []string{dir, prefs} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v)", gone, err)
		}
	}
	if _, err := keys.Get(id, core.SlotComputerKey); !core.IsKind(err, core.KindSecretMissing) {
		t.Errorf("the deleted account's computer key: %v, want it gone", err)
	}
	if _, err := keys.Get(kept, core.SlotComputerKey); err != nil {
		t.Errorf("the other folder's account lost its key: %v", err)
	}
	testenv.Must(t, keys.DeleteAccount(kept))
}

// What --delete-data leaves, and says, when it cannot or need not delete.
func TestDeleteDataRefusesOrKeeps(t *testing.T) {
	needKeyring(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	tests := []struct {
		name   string
		setup  func(t *testing.T, dir string) // dir exists
		code   int
		say    string   // in stdout or stderr
		remain []string // in dir afterwards
	}{
		{"another Twostep has the file open", func(t *testing.T, dir string) {
			twoStepAccount(t, dir, "alice")
			held, err := boltstore.Open(filepath.Join(dir, gate.DataFile))
			testenv.Must(t, err)
			t.Cleanup(func() { held.Close() })
		}, 1, "Twostep is already running", []string{gate.DataFile}},
		{"a damaged file is deleted all the same", func(t *testing.T, dir string) {
			testenv.Must(t, os.WriteFile(filepath.Join(dir, gate.DataFile), bytes.Repeat([]byte{7}, 8192), 0o600))
		}, 0, "Deleted", nil},
		{"the person's own files stay in a folder they chose", func(t *testing.T, dir string) {
			twoStepAccount(t, dir, "alice")
			testenv.Must(t, os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o600))
		}, 0, "Deleted", []string{"notes.txt"}},
		{"nothing there yet", func(t *testing.T, dir string) {}, 0, "Deleted", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			var out, errOut bytes.Buffer
			code := runDeleteData(dir, deleteService, &out, &errOut)
			if code != tc.code || !strings.Contains(out.String()+errOut.String(), tc.say) {
				t.Fatalf("exit %d, out %q, err %q; want exit %d saying %q", code, out.String(), errOut.String(), tc.code, tc.say)
			}
			var left []string
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				left = append(left, e.Name())
			}
			if strings.Join(left, ",") != strings.Join(tc.remain, ",") {
				t.Fatalf("left %v in the folder, want %v", left, tc.remain)
			}
		})
	}
}

// 0.1 kept five entries per account, each usable alone: --delete-data deletes them all.
func TestDeleteDataForgetsOlderEntries(t *testing.T) {
	needKeyring(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	f := testenv.LoadSchema1(t, filepath.Join(dir, gate.DataFile), deleteService)
	var out, errOut bytes.Buffer
	if code := runDeleteData(dir, deleteService, &out, &errOut); code != 0 {
		t.Fatalf("exit %d, err %q", code, errOut.String())
	}
	for user := range f.Keyring { // every entry 0.1 wrote, by its own name
		if _, err := gokeyring.Get(deleteService, user); !errors.Is(err, gokeyring.ErrNotFound) {
			t.Errorf("0.1's entry %s: %v, want it gone", user, err)
		}
	}
}

func needKeyring(t *testing.T) {
	t.Helper()
	if err := keyring.New(deleteService).Check(); err != nil {
		testenv.Missing(t, "a Secret Service keyring ("+err.Error()+")", "run scripts/test, which starts a throwaway one")
	}
}
