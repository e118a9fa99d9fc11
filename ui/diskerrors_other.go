//go:build !windows

package ui

// diskFull and writeProtected are false: elsewhere fileProblem's syscall errors are the
// system's own.
func diskFull(error) bool       { return false }
func writeProtected(error) bool { return false }
