package boltstore

import (
	"os"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// release lets go of a file that bbolt opened, locked and mapped but never handed back.
// Closing the file lets go of the lock, but not of the view bbolt mapped of it, and Windows
// will not delete or rename a file while a view of it is mapped: the damaged file a person
// is told to move aside would stay stuck until Twostep quits. bbolt keeps the view's address
// in the DB it never returned, so the view is found by the name of its file, among this
// process's mapped views. While the lock was ours no other bbolt in this process could map
// the file, so every view of it is one bbolt left behind.
func release(f *os.File) {
	if name, ok := pathOnVolume(f); ok {
		unmapViewsOf(name)
	}
	f.Close()
}

// pathOnVolume is f's path without its drive or volume ("\Users\me\twostep.db"), which ends
// the name of every view of f however the name is spelt: Windows says
// \Device\HarddiskVolume3\Users\..., Wine \??\C:\users\...
func pathOnVolume(f *os.File) (string, bool) {
	buf := make([]uint16, windows.MAX_LONG_PATH)
	n, err := windows.GetFinalPathNameByHandle(windows.Handle(f.Fd()), &buf[0], uint32(len(buf)), volumeNameNone)
	if err != nil || n == 0 || int(n) >= len(buf) {
		return "", false
	}
	return windows.UTF16ToString(buf[:n]), true
}

// unmapViewsOf unmaps every view in this process's address space of the file whose name
// ends in name.
func unmapViewsOf(name string) {
	buf := make([]uint16, windows.MAX_LONG_PATH)
	var region windows.MemoryBasicInformation
	for addr := uintptr(0); windows.VirtualQuery(addr, &region, unsafe.Sizeof(region)) == nil; {
		// A view is a region of mapped memory that begins its own allocation.
		if region.Type == memMapped && region.BaseAddress == region.AllocationBase {
			r, _, _ := getMappedFileName.Call(uintptr(windows.CurrentProcess()), region.BaseAddress,
				uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
			if r > 0 && hasSuffixFold(windows.UTF16ToString(buf[:r]), name) {
				windows.UnmapViewOfFile(region.BaseAddress)
			}
		}
		next := region.BaseAddress + region.RegionSize
		if next <= addr {
			return
		}
		addr = next
	}
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// What x/sys/windows does not name: GetFinalPathNameByHandle's VOLUME_NAME_NONE, the
// MEM_MAPPED region type, and psapi's GetMappedFileNameW, which kernel32 exports as
// K32GetMappedFileNameW since Windows 7.
const (
	volumeNameNone = 0x4
	memMapped      = 0x40000
)

var getMappedFileName = windows.NewLazySystemDLL("kernel32.dll").NewProc("K32GetMappedFileNameW")
