//go:build !windows

package private

import (
	"fmt"
	"os"
	"syscall"
)

// MkdirAll makes dir, and any folder above it that is missing, with mode 0700. dir gets
// 0700 even if a umask took owner bits: the chmod goes through the folder opened without
// following a symlink, so a link planted at dir meanwhile is refused, not followed.
func MkdirAll(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(dir, os.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Chmod(0o700)
}

// OpenFile is os.OpenFile with mode 0600 for a file it creates. It never follows a symlink
// at name (O_NOFOLLOW): whoever planted one would have Twostep write, or loosen, the file it
// points at. Opening one fails with ELOOP (IsLink says so).
func OpenFile(name string, flag int) (*os.File, error) {
	return os.OpenFile(name, flag|syscall.O_NOFOLLOW, 0o600)
}

// IsLink reports whether err is OpenFile's refusal of a symlink.
func IsLink(err error) bool { return errorsIs(err, syscall.ELOOP) }

// Tighten drops the group and other bits of the open file f, if it has any, through f itself
// (never by path, which a symlink swapped in meanwhile would redirect). It never adds bits:
// a file made read-only on purpose stays read-only.
func Tighten(f *os.File) error {
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return f.Chmod(perm &^ 0o077)
	}
	return nil
}

// Restrict gives the open file f mode 0600, whatever it had.
func Restrict(f *os.File) error {
	return f.Chmod(0o600)
}

// CheckFolder fails with a *SharedFolderError when someone other than this user could add,
// replace or delete files in dir: it belongs to another user, anyone may write it, or its
// group may and that group is not this user's own. The folder itself may be a symlink a person
// made; what it points at is checked.
func CheckFolder(dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return err
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	perm := info.Mode().Perm()
	switch {
	case int(st.Uid) != os.Getuid():
		return &SharedFolderError{Folder: dir, Why: fmt.Sprintf("it belongs to user %d", st.Uid)}
	case perm&0o002 != 0:
		return &SharedFolderError{Folder: dir, Why: fmt.Sprintf("anyone may write it (mode %o)", perm)}
	case perm&0o020 != 0 && int(st.Gid) != os.Getgid():
		return &SharedFolderError{Folder: dir, Why: fmt.Sprintf("group %d may write it (mode %o)", st.Gid, perm)}
	}
	return nil
}
