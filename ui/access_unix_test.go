//go:build !windows

package ui

import (
	"io/fs"
	"os"

	"github.com/twostep-app/twostep/internal/private"
)

// ownerOnly is how access describes a file only its owner may read and write.
var ownerOnly = fs.FileMode(0o600).String()

// access is who may read the open file f: its mode, and whether it has bits for others.
func access(f *os.File) (string, bool, error) {
	info, err := f.Stat()
	if err != nil {
		return "", false, err
	}
	return info.Mode().String(), info.Mode().Perm()&0o077 != 0, nil
}

// openNoFollow opens path to read, failing if it is a symlink.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|private.NoFollow, 0)
}
