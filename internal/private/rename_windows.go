package private

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/windows"
)

// renameTries is how long rename keeps trying while a file is in use (what Go's own tools
// allow for the same reason, in cmd/go's robustio).
const renameTries = 2 * time.Second

// rename is os.Rename, tried again for a while when Windows says a file is in use or access
// is denied. Something may hold either file open for a moment, a virus scanner or the search
// index reading a file just written or a program showing the older list, and Windows will
// not move a file that is open, nor replace one. A folder at to is refused at once: that is
// no passing state.
func rename(from, to string) error {
	deadline := time.Now().Add(renameTries)
	for {
		err := os.Rename(from, to)
		if err == nil || !inUse(err) || isDir(to) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func inUse(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_ACCESS_DENIED) ||
		errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}

func isDir(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && info.IsDir()
}
