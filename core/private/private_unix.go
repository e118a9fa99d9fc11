//go:build !windows

package private

import "os"

// MkdirAll makes dir, and any folder above it that is missing, with mode 0700. dir gets
// 0700 even if it was there already: the chmod puts back owner bits a umask may have taken.
func MkdirAll(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700)
}

// OpenFile is os.OpenFile with mode 0600 for a file it creates.
func OpenFile(name string, flag int) (*os.File, error) {
	return os.OpenFile(name, flag, 0o600)
}

// Tighten drops the group and other bits of path, if it has any. It never adds bits: a file
// made read-only on purpose stays read-only.
func Tighten(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return os.Chmod(path, perm&^0o077)
	}
	return nil
}

// Restrict gives the open file f mode 0600, whatever it had.
func Restrict(f *os.File) error {
	return f.Chmod(0o600)
}
