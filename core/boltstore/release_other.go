//go:build plan9 || solaris || aix || android

package boltstore

import "os"

// release closes a file that bbolt opened but never handed back (see release_unix.go).
func release(f *os.File) { f.Close() }
