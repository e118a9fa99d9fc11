package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/twostep-app/twostep/internal/private"
)

// ownerOnly is how access describes a file whose DACL lets in no one but its owner (and
// SYSTEM, which is Windows itself: see core/private).
const ownerOnly = "its owner only"

// access is who may read the open file f, from its DACL: a file mode says nothing on
// Windows. (Under Wine the DACL is made up from the Unix permission bits:
// privatetest.WantPrivate says more.)
func access(f *os.File) (string, bool, error) {
	others, err := private.Outsiders(f.Name())
	if err != nil {
		return "", false, err
	}
	if len(others) == 0 {
		return ownerOnly, false, nil
	}
	return fmt.Sprintf("open to %v", others), true, nil
}

// openNoFollow opens path to read, failing if it is a symlink.
func openNoFollow(path string) (*os.File, error) {
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return nil, &fs.PathError{Op: "open", Path: path, Err: errors.New("a symlink")}
	}
	return os.Open(path)
}
