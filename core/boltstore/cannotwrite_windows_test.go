package boltstore

import (
	"syscall"

	"golang.org/x/sys/windows"

	"github.com/twostep-app/twostep/core"
)

// systemErrnos are what Windows itself says when nothing can be written; TestClassify adds
// them to its cases.
var systemErrnos = []struct {
	name  string
	errno syscall.Errno
	want  core.Kind
}{
	{"Windows: access denied", windows.ERROR_ACCESS_DENIED, core.KindDataReadOnly},
	{"Windows: write-protected disk", windows.ERROR_WRITE_PROTECT, core.KindDataReadOnly},
	{"Windows: disk full", windows.ERROR_DISK_FULL, core.KindDataReadOnly},
	{"Windows: disk full on write", windows.ERROR_HANDLE_DISK_FULL, core.KindDataReadOnly},
	{"Windows: file in use", windows.ERROR_SHARING_VIOLATION, core.KindInternal},
}
