package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/windows"
)

// DenyWrites makes the file or folder at path refuse writes as Windows does it: a protected
// DACL that lets this user read it and nothing more, put back as it was at cleanup. (The
// read-only attribute would not do: Windows ignores it on a folder.) Nothing may then be
// written to a file, nor made in a folder, even by an administrator.
//
// Under Wine as root it does not bite, and the test is skipped, saying so: Wine 8 keeps a
// DACL as the Unix permission bits of the file, and its wineserver, which opens and makes
// files for the program, runs as root, whom those bits do not stop. Without
// CAP_DAC_OVERRIDE (capsh --drop=cap_dac_override -- ...) Wine is stopped, and the test runs.
func DenyWrites(t testing.TB, path string) {
	t.Helper()
	before, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	tu, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		t.Fatal(err)
	}
	readOnly, err := windows.SecurityDescriptorFromString(fmt.Sprintf("D:P(A;;FRFX;;;%s)", tu.User.Sid))
	if err != nil {
		t.Fatal(err)
	}
	SetDACL(t, path, readOnly)
	// As the owner, this user may still change the DACL, so it can be put back.
	t.Cleanup(func() { SetDACL(t, path, before) })
	if writable(path) {
		if !Wine() {
			t.Fatalf("%s can still be written after a DACL that lets this user only read it", path)
		}
		t.Skip("Wine as root is not stopped by a DACL: Wine keeps it as Unix permission bits, which root overrides; Windows itself, or Wine without CAP_DAC_OVERRIDE, runs this test")
	}
}

// writable says whether a file at path opens for writing, or a folder there takes a new one.
func writable(path string) bool {
	info, err := os.Stat(path)
	if err != nil {
		return false
	}
	if info.IsDir() {
		probe := filepath.Join(path, "twostep-write-probe")
		if os.Mkdir(probe, 0o700) != nil {
			return false
		}
		os.Remove(probe)
		return true
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// SetDACL writes the DACL of sd on path through NtSetSecurityObject, which writes it as given
// (SetNamedSecurityInfo would mix in entries inherited from the folder above).
func SetDACL(t testing.TB, path string, sd *windows.SECURITY_DESCRIPTOR) {
	t.Helper()
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := windows.CreateFile(p, windows.READ_CONTROL|windows.WRITE_DAC,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE, nil,
		windows.OPEN_EXISTING, windows.FILE_FLAG_BACKUP_SEMANTICS, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer windows.CloseHandle(h)
	// Whether the DACL is protected comes with it, in the descriptor's SE_DACL_PROTECTED.
	if err := windows.SetKernelObjectSecurity(h, windows.DACL_SECURITY_INFORMATION, sd); err != nil {
		t.Fatal(err)
	}
}
