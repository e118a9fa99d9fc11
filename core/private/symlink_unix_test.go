//go:build !windows

package private_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/twostep-app/twostep/core/private"
	"github.com/twostep-app/twostep/core/testenv"
)

// Unix only: the Windows pass runs under Wine 8, whose CreateSymbolicLinkW makes nothing and
// reports success, so no symlink can be planted there. (On Windows, CREATE_NEW refuses any
// name that exists, and FILE_FLAG_OPEN_REPARSE_POINT keeps a dangling link unfollowed.)

// An exclusive create never goes through a symlink, even one pointing at nothing yet.
func TestOpenFileExclusiveRefusesASymlink(t *testing.T) {
	dir := testenv.TempDir(t)
	link, target := filepath.Join(dir, "link"), filepath.Join(dir, "target")
	must(t, os.Symlink(target, link))
	f, err := private.OpenFile(link, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
	if err == nil {
		f.Close()
	}
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("OpenFile of a dangling symlink with O_EXCL: %v, want it to exist", err)
	}
	if _, err := os.Lstat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the symlink's target was made: %v", err)
	}
}
