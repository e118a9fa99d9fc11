package ui

import (
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/words"
)

// loadSchema1 returns a prepare for newEnvWith that puts a copy of 0.1's data file where
// the window opens it, 0.1's keyring entries into the test's keyring service, and the clock
// ten minutes after the file was made.
func loadSchema1(t *testing.T, f *testenv.Schema1) func(string, *keyring.Keyring, *testenv.Clock) {
	return func(path string, kr *keyring.Keyring, c *testenv.Clock) {
		t.Helper()
		*f = testenv.LoadSchema1(t, path, kr.Service())
		c.Set(f.MadeAt.Add(10 * time.Minute))
	}
}

// Signing in to an account made by Twostep 0.1 upgrades it and replaces its backup codes:
// the dashboard comes up with the new codes over it, and a sentence at the top of the
// dialog says why the old ones no longer work. The dashboard does not also warn that the
// codes were never shown while they are on screen; after Done they count as seen, the next
// sign-in shows no codes, and a code from the dialog signs in.
func TestUpgradeShowsNewBackupCodes(t *testing.T) {
	var f testenv.Schema1
	e := newEnvWith(t, loadSchema1(t, &f))
	alice := f.Accounts["alice"]

	e.signIn("alice", alice.Password) // 0.1 trusted this computer: no code asked
	if e.overlays() != 1 {
		t.Fatalf("%d dialogs are open, want the new backup codes", e.overlays())
	}
	e.wantText("Save your backup codes")
	if got := texts(e.layer()); !slices.Contains(got, words.UpgradedCodes(false)) || slices.Index(got, words.UpgradedCodes(false)) > 2 {
		t.Fatalf("the dialog does not start with the upgrade note; it shows %q", got)
	}
	shown := regexp.MustCompile(`^ ?\d+\.  ([0-9a-z]{5}-[0-9a-z]{5})$`)
	lines := findAllText(e.layer(), shown)
	if len(lines) != core.BackupCodeCount {
		t.Fatalf("the dialog shows %d backup codes, want %d", len(lines), core.BackupCodeCount)
	}
	codes := make([]string, len(lines))
	for i, l := range lines {
		codes[i] = shown.FindStringSubmatch(l)[1]
		if slices.Contains(alice.BackupCodes, codes[i]) {
			t.Fatalf("the dialog shows the old code %s", codes[i])
		}
	}
	if !containsText(e.page(), "Welcome, Alice Liddell") || containsText(e.page(), words.UnseenCodes()) {
		t.Fatalf("behind the codes the page shows %q", texts(e.page()))
	}
	if st := e.status(e.u.sess); !st.BackupCodesUnseen {
		t.Fatal("the codes on screen already count as seen")
	}

	e.tap("Done")
	e.tap("Close without saving")
	if e.overlays() != 0 {
		t.Fatal("the codes dialog is still open")
	}
	if st := e.status(e.u.sess); st.BackupCodesUnseen || st.BackupCodesLeft != core.BackupCodeCount {
		t.Fatalf("after Done the engine says %+v", st)
	}
	e.wantText("Welcome, Alice Liddell")
	e.wantNoText(words.UnseenCodes())
	e.cardShows("Backup codes", "10 of 10 left")

	// The next sign-in shows no codes; a code the dialog showed signs in.
	e.menu("Sign out completely…")
	e.tap("Sign out completely")
	e.signIn("alice", alice.Password)
	if e.overlays() != 0 {
		t.Fatalf("the next sign-in opened a dialog: %q", texts(e.layer()))
	}
	e.tap("Use a backup code instead")
	e.verify(codes[3], false)
	e.wantText("Welcome, Alice Liddell")
	e.wantText("You signed in with a backup code. 9 backup codes are left.")
	if e.overlays() != 0 {
		t.Fatal("a sign-in after the upgrade showed backup codes again")
	}
}
