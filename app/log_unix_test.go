//go:build !windows

package app_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/testenv"
)

// A log file planted as a symlink in the data folder is not followed: the log stays on
// standard error, and the file the link points at is neither loosened nor written.
func TestLogFollowsNoLink(t *testing.T) {
	dir := testenv.TempDir(t)
	target := filepath.Join(dir, "elsewhere")
	must(t, os.WriteFile(target, []byte("someone else's"), 0o644))
	data := filepath.Join(dir, "data")
	must(t, os.Mkdir(data, 0o700))
	must(t, os.Symlink(target, filepath.Join(data, app.LogFile)))
	log := app.NewLog(os.Stderr)
	if err := log.AttachFile(data); err == nil {
		t.Fatal("the log attached to a symlink")
	}
	log.Report(core.Wrap(core.KindInternal, os.ErrInvalid))
	must(t, log.Close())
	info, err := os.Stat(target)
	must(t, err)
	raw, _ := os.ReadFile(target)
	if info.Mode().Perm() != 0o644 || string(raw) != "someone else's" {
		t.Errorf("the link's target was changed: mode %v, %q", info.Mode().Perm(), raw)
	}
}
