package private

import (
	"errors"
	"fmt"
	"io/fs"
	"unsafe"

	"golang.org/x/sys/windows"
)

// writeRights are the rights on a folder that let their holder add, replace or delete what is
// in it, or take the folder over: FILE_ADD_FILE (0x2), FILE_ADD_SUBDIRECTORY (0x4) and
// FILE_DELETE_CHILD (0x40) of winnt.h, which x/sys/windows does not name, and the rest.
const writeRights = 0x2 | 0x4 | 0x40 |
	windows.DELETE | windows.WRITE_DAC | windows.WRITE_OWNER | windows.GENERIC_WRITE | windows.GENERIC_ALL

// CheckFolder fails with a *SharedFolderError when the DACL of dir lets anyone but this user,
// SYSTEM and the Administrators change what is in it (a folder made under C:\ lets every
// signed-in user add files, for one), or someone else owns it. Administrators and SYSTEM can
// take any folder anyway. A drive that keeps no DACLs (FAT) is as private as the drive.
func CheckFolder(dir string) error {
	if keeps, err := keepsDACLs(dir); err != nil || !keeps {
		return err
	}
	sd, err := windows.GetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION|windows.OWNER_SECURITY_INFORMATION)
	if err != nil {
		return &fs.PathError{Op: "read the DACL of", Path: dir, Err: err}
	}
	me, err := user()
	if err != nil {
		return err
	}
	if owner, _, err := sd.Owner(); err == nil && owner != nil && !trustee(owner, me) {
		return &SharedFolderError{Folder: dir, Why: "it belongs to " + owner.String()}
	}
	dacl, _, err := sd.DACL()
	if errors.Is(err, windows.ERROR_OBJECT_NOT_FOUND) || (err == nil && dacl == nil) {
		return &SharedFolderError{Folder: dir, Why: "it has no DACL, which lets everyone in"}
	}
	if err != nil {
		return &fs.PathError{Op: "read the DACL of", Path: dir, Err: err}
	}
	for i := range uint32(dacl.AceCount) {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return &fs.PathError{Op: "read the DACL of", Path: dir, Err: err}
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || ace.Header.AceFlags&windows.INHERIT_ONLY_ACE != 0 {
			continue // a deny entry, or one that applies only to what is made in the folder
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		if ace.Mask&writeRights != 0 && !trustee(sid, me) {
			return &SharedFolderError{Folder: dir, Why: fmt.Sprintf("%s may change it (rights %#x)", sid, ace.Mask)}
		}
	}
	return nil
}

// trustee says whether sid is this user, SYSTEM or the Administrators.
func trustee(sid, me *windows.SID) bool {
	return sid.Equals(me) || sid.IsWellKnown(windows.WinLocalSystemSid) || sid.IsWellKnown(windows.WinBuiltinAdministratorsSid)
}
