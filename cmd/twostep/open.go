package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/boltstore"
	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/ui/gate"
)

// checkData says, without changing or creating anything, whether the data file in dir can
// be used: the file is read page by page and record by record, and its disk must have room
// for a sign-in's writes. No data file yet is KindNotFound (after the room is checked).
func checkData(dir string) error {
	err := boltstore.Check(filepath.Join(dir, gate.DataFile))
	if err != nil && !core.IsKind(err, core.KindNotFound) {
		return err
	}
	if space := boltstore.CheckSpace(dir); space != nil {
		return space
	}
	return err
}

// checkKeyring says whether the OS keyring can be used, without writing to it.
func checkKeyring() error { return keyring.New(keyring.Service).Check() }

// printAccounts names the accounts in the data file at path, so a person (or a test of an
// upgrade) sees at a glance that theirs is there. Usernames are not secret: the sign-in page
// offers them too.
func printAccounts(path string, out io.Writer) {
	names, err := boltstore.Usernames(path)
	if err != nil {
		return // Check has just read the file; a failure now is a race --check need not report
	}
	if len(names) == 0 {
		fmt.Fprintln(out, lang.X("cli.accounts.none", "Accounts: none yet"))
		return
	}
	fmt.Fprintln(out, lang.X("cli.accounts", "Accounts: {{.Names}}", map[string]any{"Names": strings.Join(names, ", ")}))
}
