//go:build !windows && !plan9 && !solaris && !aix && !android

package boltstore

import (
	"os"
	"syscall"
)

// release lets go of a file that bbolt locked and mapped but never handed back. Closing
// alone is not enough: the mapping keeps the open file, and with it the lock, alive.
func release(f *os.File) {
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}
