//go:build linux

package ui

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"unsafe"
)

// The Linux capabilities that let root ignore file permissions, and the capget/capset
// layout (linux/capability.h, version 3).
const (
	capDACOverride   = 1
	capDACReadSearch = 2
	capVersion3      = 0x20080522
)

type capHeader struct {
	version uint32
	pid     int32
}

type capData struct {
	effective, permitted, inheritable uint32
}

// withoutOverride runs f on an OS thread that cannot override file permissions, so that
// a read-only folder is read-only even when the tests run as root (as in containers and
// CI). Capabilities belong to a thread: the thread is never unlocked, so Go ends it with
// f's goroutine, and no other code ever runs on it.
func withoutOverride(f func()) error {
	errs := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		hdr := capHeader{version: capVersion3}
		var data [2]capData
		if _, _, e := syscall.RawSyscall(syscall.SYS_CAPGET, uintptr(unsafe.Pointer(&hdr)), uintptr(unsafe.Pointer(&data[0])), 0); e != 0 {
			errs <- e
			return
		}
		data[0].effective &^= 1<<capDACOverride | 1<<capDACReadSearch
		if _, _, e := syscall.RawSyscall(syscall.SYS_CAPSET, uintptr(unsafe.Pointer(&hdr)), uintptr(unsafe.Pointer(&data[0])), 0); e != 0 {
			errs <- e
			return
		}
		f()
		errs <- nil
	}()
	return <-errs
}

// readOnlyFolder takes write permission away from dir until the test ends. It counts even
// for root: the write is made inside withoutOverride.
func readOnlyFolder(t *testing.T, dir string) {
	t.Helper()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
}
