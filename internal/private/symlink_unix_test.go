//go:build !windows

package private_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/twostep-app/twostep/internal/private"
	"github.com/twostep-app/twostep/internal/testenv"
)

// Unix only: the Windows pass runs under Wine 8, whose CreateSymbolicLinkW makes nothing and
// reports success, so no symlink can be planted there. (On Windows, CREATE_NEW refuses any
// name that exists, and FILE_FLAG_OPEN_REPARSE_POINT keeps a dangling link unfollowed.)

// An exclusive create never goes through a symlink, even one pointing at nothing yet.
func TestOpenFileExclusiveRefusesASymlink(t *testing.T) {
	dir := testenv.TempDir(t)
	link, target := filepath.Join(dir, "link"), filepath.Join(dir, "target")
	testenv.Must(t, os.Symlink(target, link))
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

// No open follows a symlink, with or without O_CREATE: a link planted where Twostep keeps a
// file would have it write, or loosen, whatever the link points at.
func TestOpenFileRefusesASymlink(t *testing.T) {
	dir := testenv.TempDir(t)
	target, link := filepath.Join(dir, "target"), filepath.Join(dir, "link")
	testenv.Must(t, os.WriteFile(target, []byte("someone else's file"), 0o644))
	testenv.Must(t, os.Symlink(target, link))
	for name, flag := range map[string]int{
		"append, create": os.O_WRONLY | os.O_APPEND | os.O_CREATE,
		"read and write": os.O_RDWR,
		"read":           os.O_RDONLY,
	} {
		f, err := private.OpenFile(link, flag)
		if err == nil {
			f.Close()
			t.Errorf("%s: a symlink was opened", name)
			continue
		}
		if !private.IsLink(err) {
			t.Errorf("%s: %v, want it told as a link", name, err)
		}
	}
	info, err := os.Stat(target)
	testenv.Must(t, err)
	raw, _ := os.ReadFile(target)
	if info.Mode().Perm() != 0o644 || string(raw) != "someone else's file" {
		t.Errorf("the link's target was changed: mode %v, %q", info.Mode().Perm(), raw)
	}
}

// A folder others may change is refused, and says how; one of this user's alone is not.
func TestCheckFolder(t *testing.T) {
	tests := []struct {
		name   string
		mode   os.FileMode
		gid    int // -1: leave it
		shared bool
	}{
		{"owner only", 0o700, -1, false},
		{"others may read", 0o755, -1, false},
		{"anyone may write", 0o777, -1, true},
		{"anyone may write, sticky like /tmp", 0o777 | os.ModeSticky, -1, true},
		{"this user's own group may write", 0o770, os.Getgid(), false},
		{"another group may write", 0o770, os.Getgid() + 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(testenv.TempDir(t), "data")
			testenv.Must(t, os.Mkdir(dir, 0o700))
			if tt.gid >= 0 {
				if err := os.Chown(dir, -1, tt.gid); err != nil {
					t.Skipf("cannot give the folder to group %d: %v", tt.gid, err)
				}
			}
			testenv.Must(t, os.Chmod(dir, tt.mode))
			err := private.CheckFolder(dir)
			var shared *private.SharedFolderError
			if got := errors.As(err, &shared); got != tt.shared || (!tt.shared && err != nil) {
				t.Fatalf("CheckFolder = %v, want shared = %v", err, tt.shared)
			}
			if tt.shared && shared.Folder != dir {
				t.Errorf("the error names %q, want %q", shared.Folder, dir)
			}
		})
	}
}
