//go:build !windows

package logfile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/logfile"
	"github.com/twostep-app/twostep/internal/testenv"
)

// A log file planted as a symlink in the data folder is not followed: the log stays on
// standard error, and the file the link points at is neither loosened nor written.
func TestLogFollowsNoLink(t *testing.T) {
	dir := testenv.TempDir(t)
	target := filepath.Join(dir, "elsewhere")
	testenv.Must(t, os.WriteFile(target, []byte("someone else's"), 0o644))
	data := filepath.Join(dir, "data")
	testenv.Must(t, os.Mkdir(data, 0o700))
	testenv.Must(t, os.Symlink(target, filepath.Join(data, logfile.Name)))
	log := logfile.New(os.Stderr)
	if err := log.AttachFile(filepath.Join(data, logfile.Name)); err == nil {
		t.Fatal("the log attached to a symlink")
	}
	app.Report(log.Logger, core.Wrap(core.KindInternal, os.ErrInvalid))
	testenv.Must(t, log.Close())
	info, err := os.Stat(target)
	testenv.Must(t, err)
	raw, _ := os.ReadFile(target)
	if info.Mode().Perm() != 0o644 || string(raw) != "someone else's" {
		t.Errorf("the link's target was changed: mode %v, %q", info.Mode().Perm(), raw)
	}
}
