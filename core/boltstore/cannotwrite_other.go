//go:build !windows

package boltstore

// cannotWrite is false: elsewhere the syscall errors classify checks are the system's own.
func cannotWrite(error) bool { return false }
