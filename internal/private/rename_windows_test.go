package private

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/twostep-app/twostep/internal/testenv"
)

// A file something holds open for a moment (a virus scanner reading it, a program showing
// the older list) delays the rename of a save, rather than failing it; a folder in the way
// fails it at once.
func TestRenameWaitsForAFileInUse(t *testing.T) {
	for _, tc := range []struct {
		name string
		held func(from, to string) string // the file to hold open
	}{
		{"the new file", func(from, _ string) string { return from }},
		{"the file it replaces", func(_, to string) string { return to }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := testenv.TempDir(t)
			from, to := filepath.Join(dir, "new"), filepath.Join(dir, "old")
			testenv.Must(t, os.WriteFile(from, []byte("new"), 0o600))
			testenv.Must(t, os.WriteFile(to, []byte("old"), 0o600))
			// os.Open shares reading and writing but not deleting, so Windows will not
			// move or replace the file while it is open.
			f, err := os.Open(tc.held(from, to))
			testenv.Must(t, err)
			if err := os.Rename(from, to); err == nil {
				t.Fatal("Windows renamed while the file was held open; this test shows nothing")
			}
			const hold = 300 * time.Millisecond
			start := time.Now()
			time.AfterFunc(hold, func() { f.Close() })
			if err := rename(from, to); err != nil {
				t.Fatalf("rename while %s was held open for %v: %v", tc.name, hold, err)
			}
			if waited := time.Since(start); waited < hold {
				t.Errorf("rename took %v, less than the %v the file was held", waited, hold)
			}
			if got, err := os.ReadFile(to); err != nil || string(got) != "new" {
				t.Errorf("after the rename the file holds %q, %v; want the new one", got, err)
			}
		})
	}
	t.Run("a folder in the way", func(t *testing.T) {
		dir := testenv.TempDir(t)
		from, to := filepath.Join(dir, "new"), filepath.Join(dir, "old")
		testenv.Must(t, os.WriteFile(from, []byte("new"), 0o600))
		testenv.Must(t, os.Mkdir(to, 0o700))
		start := time.Now()
		if err := rename(from, to); err == nil {
			t.Fatal("rename replaced a folder")
		}
		if waited := time.Since(start); waited > renameTries/2 {
			t.Errorf("rename waited %v for a folder, which does not go away", waited)
		}
	})
}
