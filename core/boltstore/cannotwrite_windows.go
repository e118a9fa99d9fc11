package boltstore

import (
	"errors"

	"golang.org/x/sys/windows"
)

// cannotWrite says whether err is Windows' own word for a write-protected disk or a full one.
// syscall.EROFS and syscall.ENOSPC are numbers Go made up for Windows, which Windows never
// returns, so without this a full disk would be an internal error there.
func cannotWrite(err error) bool {
	return errors.Is(err, windows.ERROR_WRITE_PROTECT) || errors.Is(err, windows.ERROR_DISK_FULL) ||
		errors.Is(err, windows.ERROR_HANDLE_DISK_FULL)
}
