package private

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// WriteReplacing puts data at path through a new owner-only file in the same folder,
// renamed over path once complete. Nobody else can open the new file (private from the
// first byte, created exclusively, never through a symlink: see OpenFile); the rename
// replaces whatever is at path, a symlink included, rather than writing through it; and a
// reader of path sees the old file or the whole new one, never a part. If anything fails,
// the new file goes and path is untouched.
func WriteReplacing(path string, data []byte) error {
	f, tmp, err := createPrivate(filepath.Dir(path), filepath.Base(path))
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync() // the content is on disk before the name points at it
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = replace(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// replace renames tmp over path. A folder at path is named as the cause: Windows refuses
// to replace one with "access denied", which would send a person looking for a permission
// they have.
func replace(tmp, path string) error {
	err := rename(tmp, path)
	if err != nil {
		if info, serr := os.Lstat(path); serr == nil && info.IsDir() {
			return &os.LinkError{Op: "rename", Old: tmp, New: path, Err: syscall.EISDIR}
		}
	}
	return err
}

// createPrivate makes a new owner-only file in dir, named after name. The name is not
// secret: O_EXCL and NoFollow refuse anything already there, and another name is tried.
func createPrivate(dir, name string) (*os.File, string, error) {
	for range 20 {
		tmp := filepath.Join(dir, "."+name+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL|NoFollow)
		if !errors.Is(err, fs.ErrExist) {
			return f, tmp, err
		}
	}
	return nil, "", errors.New("no free name for a temporary file in " + dir)
}
