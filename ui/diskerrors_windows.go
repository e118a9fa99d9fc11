package ui

import (
	"errors"

	"golang.org/x/sys/windows"
)

// diskFull and writeProtected recognise Windows' own words for a full disk and one that
// cannot be written. syscall.ENOSPC and syscall.EROFS are numbers Go made up for Windows,
// which Windows never returns.
func diskFull(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL)
}

func writeProtected(err error) bool { return errors.Is(err, windows.ERROR_WRITE_PROTECT) }
