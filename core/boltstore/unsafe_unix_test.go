//go:build !windows

package boltstore

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/testenv"
)

// A data file planted as a symlink is refused, with a sentence that names it, and the file it
// points at is neither loosened nor written.
func TestOpenRefusesALinkedDataFile(t *testing.T) {
	dir := testenv.TempDir(t)
	target := filepath.Join(dir, "elsewhere.db")
	testenv.Must(t, os.WriteFile(target, []byte("not Twostep's"), 0o644))
	data := filepath.Join(dir, "data")
	testenv.Must(t, os.Mkdir(data, 0o700))
	path := filepath.Join(data, "twostep.db")
	testenv.Must(t, os.Symlink(target, path))
	s, err := Open(path)
	if err == nil {
		s.Close()
	}
	testenv.WantKind(t, err, core.KindDataUnsafe)
	if e := err.(*core.Error); e.Detail != "error.data-file.link" || e.Data["File"] != path {
		t.Errorf("the refusal says %q %v, want the link sentence naming %s", e.Detail, e.Data, path)
	}
	info, err := os.Stat(target)
	testenv.Must(t, err)
	raw, _ := os.ReadFile(target)
	if info.Mode().Perm() != 0o644 || string(raw) != "not Twostep's" {
		t.Errorf("the link's target was changed: mode %v, %q", info.Mode().Perm(), raw)
	}
}

// A data folder that others may write is refused before anything is made in it.
func TestOpenRefusesAFolderOthersMayWrite(t *testing.T) {
	dir := filepath.Join(testenv.TempDir(t), "shared")
	testenv.Must(t, os.Mkdir(dir, 0o700))
	testenv.Must(t, os.Chmod(dir, 0o777))
	s, err := Open(filepath.Join(dir, "twostep.db"))
	if err == nil {
		s.Close()
	}
	testenv.WantKind(t, err, core.KindDataUnsafe)
	if e := err.(*core.Error); e.Detail != "error.data-dir.shared" || e.Data["Folder"] != dir {
		t.Errorf("the refusal says %q %v, want the shared-folder sentence naming %s", e.Detail, e.Data, dir)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("Open made %d files in a folder it refused", len(entries))
	}
	testenv.Must(t, os.Chmod(dir, 0o700))
	s, err = Open(filepath.Join(dir, "twostep.db"))
	testenv.Must(t, err)
	testenv.Must(t, s.Close())
}
