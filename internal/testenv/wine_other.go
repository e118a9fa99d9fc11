//go:build !windows

package testenv

// Wine is false: Wine runs Windows programs only.
func Wine() bool { return false }
