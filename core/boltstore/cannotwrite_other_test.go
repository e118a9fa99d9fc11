//go:build !windows

package boltstore

import (
	"syscall"

	"github.com/twostep-app/twostep/core"
)

// systemErrnos: TestClassify's cases already use this system's own numbers.
var systemErrnos []struct {
	name  string
	errno syscall.Errno
	want  core.Kind
}
