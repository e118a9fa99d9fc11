package main

// --delete-data: what the Windows uninstaller runs when its person ticks "also delete my
// Twostep data", and what a person on any system can run to start again from nothing.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/boltstore"
	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/ui/gate"
	"github.com/twostep-app/twostep/ui/words"
)

// runDeleteData deletes, for good, the accounts in the data folder: their keyring entries
// first, then the data file (only once no Twostep has it open, and only if the keyring let
// go of every entry, so a failure leaves an account whole), then the log and Fyne's
// preferences for the app. The folder goes too when nothing else is left in it.
func runDeleteData(flag, service string, stdout, stderr io.Writer) int {
	dir, err := dataDir(flag)
	if err == nil {
		err = deleteData(dir, keyring.New(service))
	}
	if err != nil {
		fmt.Fprintln(stderr, words.Message(err))
		app.Report(slog.New(slog.NewTextHandler(stderr, nil)), err)
		fmt.Fprintln(stderr, lang.X("cli.delete.kept", "Nothing more was deleted."))
		return 1
	}
	fmt.Fprintln(stdout, lang.X("cli.delete.done", "Deleted Twostep's accounts and data in {{.Path}}, and their keys in the keyring.", map[string]any{"Path": dir}))
	return 0
}

func deleteData(dir string, keys *keyring.Keyring) error {
	err := boltstore.Remove(filepath.Join(dir, gate.DataFile), func(ids []core.AccountID) error {
		for _, id := range ids {
			if err := keys.DeleteAccount(id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, path := range []string{filepath.Join(dir, gate.LogFile), filepath.Join(dir, gate.LogFile+".1"), preferencesDir()} {
		if err := removeAll(path); err != nil {
			return core.Wrap(core.KindDataReadOnly, err)
		}
	}
	// Only an empty folder goes: one given with --data-dir may hold the person's other files.
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) && !isNotEmpty(dir) {
		return core.Wrap(core.KindDataReadOnly, err)
	}
	return nil
}

// preferencesDir is where Fyne keeps the app's preferences (the window's size, the last
// username): its own rule, <user config folder>/fyne/<app ID>, on every system.
func preferencesDir() string {
	base, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "fyne", app.ID)
}

func isNotEmpty(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) > 0
}

// removeAll is os.RemoveAll done with os.Remove alone, and links removed, never followed:
// Go's RemoveAll on Windows deletes through directory handles, by a call Wine lacks
// ("Invalid function"), and the uninstaller runs this under Wine in the tests.
func removeAll(path string) error {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) || path == "" {
		return nil
	} else if err != nil {
		return err
	}
	if info.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := removeAll(filepath.Join(path, e.Name())); err != nil {
				return err
			}
		}
	}
	return os.Remove(path)
}
