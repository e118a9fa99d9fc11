package privatetest

import (
	"fmt"
	"io/fs"
	"testing"

	"golang.org/x/sys/windows"

	"github.com/twostep-app/twostep/internal/private"
	"github.com/twostep-app/twostep/internal/testenv"
)

// WantPrivate fails t unless the DACL of path lets in no one but this user and SYSTEM and,
// except under Wine, is protected, so that the folder above cannot hand it more entries.
//
// Wine 8 keeps no DACL: it turns one into Unix permission bits when it is set (entries for
// this user become the owner and group bits, Everyone the other bits) and makes one up from
// the bits when it is read (SYSTEM, this user, Everyone), never marked protected. Under Wine
// this therefore checks that nothing made the file readable by everyone; on Windows, the
// DACL that was set.
func WantPrivate(t testing.TB, path string, _ fs.FileMode) {
	t.Helper()
	outsiders, err := private.Outsiders(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(outsiders) > 0 {
		t.Errorf("%s lets in %v besides its owner and SYSTEM (DACL %s)", path, outsiders, dacl(path))
	}
	if testenv.Wine() {
		return
	}
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	if control, _, err := sd.Control(); err != nil || control&windows.SE_DACL_PROTECTED == 0 {
		t.Errorf("the DACL of %s is not protected (%s, %v): the folder above can add to it", path, sd, err)
	}
}

// WantLoose fails t unless the DACL of path lets in someone besides this user and SYSTEM.
func WantLoose(t testing.TB, path string, _ fs.FileMode) {
	t.Helper()
	outsiders, err := private.Outsiders(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(outsiders) == 0 {
		t.Errorf("%s lets in no one but its owner and SYSTEM (DACL %s), want others let in as before", path, dacl(path))
	}
}

// Loosen gives path a DACL that lets Everyone read it, besides this user and SYSTEM.
func Loosen(t testing.TB, path string, _ fs.FileMode) {
	t.Helper()
	tu, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		t.Fatal(err)
	}
	sd, err := windows.SecurityDescriptorFromString(fmt.Sprintf("D:(A;;FA;;;%s)(A;;FA;;;SY)(A;;FR;;;WD)", tu.User.Sid))
	if err != nil {
		t.Fatal(err)
	}
	testenv.SetDACL(t, path, sd)
}

func dacl(path string) string {
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return err.Error()
	}
	return sd.String()
}
