package private

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// What is private on Windows: a protected DACL (nothing inherited from the folder above, so
// a folder that lets others in cannot pass that on) granting full control to this user and
// to SYSTEM, and nothing to anyone else. A folder's entries are inherited by what is made in
// it (OICI), so even a file made there some other way is private too.
//
// SYSTEM is Windows itself. It can take any file whatever the DACL says, so leaving it out
// keeps no one out; Windows grants it every profile folder, and what runs as it (backup,
// virus scanning, the search index) expects to read there. Administrators are left out:
// one can still take ownership of the file, but that is a deliberate, visible act, where an
// entry for them would let any elevated program of any administrator read it.
const (
	folderDACL = "D:P(A;OICI;FA;;;%[1]s)(A;OICI;FA;;;SY)"
	fileDACL   = "D:P(A;;FA;;;%[1]s)(A;;FA;;;SY)"
)

// user is the SID of the account this process runs as.
var user = sync.OnceValues(func() (*windows.SID, error) {
	tu, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, fmt.Errorf("who is this process's user: %w", err)
	}
	return tu.User.Sid.Copy()
})

// descriptor is the security descriptor of a private folder or file.
func descriptor(folder bool) (*windows.SECURITY_DESCRIPTOR, error) {
	sid, err := user()
	if err != nil {
		return nil, err
	}
	dacl := fileDACL
	if folder {
		dacl = folderDACL
	}
	return windows.SecurityDescriptorFromString(fmt.Sprintf(dacl, sid))
}

// attributes hands descriptor to CreateFile or CreateDirectory, so the folder or file is
// private from the moment it exists. Its handle is not inherited by child processes (what
// os.OpenFile does too).
func attributes(folder bool) (*windows.SecurityAttributes, error) {
	sd, err := descriptor(folder)
	if err != nil {
		return nil, err
	}
	return &windows.SecurityAttributes{Length: uint32(unsafe.Sizeof(windows.SecurityAttributes{})), SecurityDescriptor: sd}, nil
}

// MkdirAll makes dir, and any folder above it that is missing, private. dir itself is made
// private even if it was there already, as the chmod to 0700 does on Unix.
func MkdirAll(dir string) error {
	made, err := mkdirAll(dir)
	if err != nil || made {
		return err
	}
	return setPrivate(dir)
}

// mkdirAll makes the folders of dir that are missing, each private from the moment it
// exists, and says whether it made dir.
func mkdirAll(dir string) (bool, error) {
	if info, err := os.Stat(dir); err == nil {
		if !info.IsDir() {
			return false, &fs.PathError{Op: "mkdir", Path: dir, Err: syscall.ENOTDIR}
		}
		return false, nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if _, err := mkdirAll(parent); err != nil {
			return false, err
		}
	}
	sa, err := attributes(true)
	if err != nil {
		return false, &fs.PathError{Op: "mkdir", Path: dir, Err: err}
	}
	name, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return false, &fs.PathError{Op: "mkdir", Path: dir, Err: err}
	}
	if err := windows.CreateDirectory(name, sa); err != nil {
		if info, serr := os.Lstat(dir); serr == nil && info.IsDir() {
			return false, nil // made meanwhile by someone else, as os.MkdirAll allows
		}
		return false, &fs.PathError{Op: "mkdir", Path: dir, Err: err}
	}
	return true, nil
}

// OpenFile is os.OpenFile, except that a file it creates is private from the moment it
// exists. A file already at name is opened as it is (Tighten is for that).
func OpenFile(name string, flag int) (*os.File, error) {
	if flag&os.O_CREATE == 0 {
		return os.OpenFile(name, flag, 0)
	}
	f, err := create(name, flag)
	if err == nil || flag&os.O_EXCL != 0 || !errors.Is(err, fs.ErrExist) {
		return f, err
	}
	return os.OpenFile(name, flag&^os.O_CREATE, 0)
}

// create makes a new private file at name with CreateFile, asking for the access
// os.OpenFile asks for with flag (syscall.Open). Nothing already at name is opened, a symlink
// included: CREATE_NEW refuses it, and FILE_FLAG_OPEN_REPARSE_POINT keeps a dangling one
// from being followed to its target.
func create(name string, flag int) (*os.File, error) {
	var access uint32
	switch flag & (os.O_RDONLY | os.O_WRONLY | os.O_RDWR) {
	case os.O_RDONLY:
		access = windows.GENERIC_READ
	case os.O_WRONLY:
		access = windows.GENERIC_WRITE
	case os.O_RDWR:
		access = windows.GENERIC_READ | windows.GENERIC_WRITE
	}
	access |= windows.GENERIC_WRITE // creating a file asks to write it
	if flag&os.O_APPEND != 0 {
		// Without FILE_WRITE_DATA every write goes to the end (GENERIC_WRITE is kept for O_TRUNC).
		if flag&os.O_TRUNC == 0 {
			access &^= windows.GENERIC_WRITE
		}
		access |= windows.FILE_APPEND_DATA | windows.FILE_WRITE_ATTRIBUTES | windows.FILE_WRITE_EA |
			windows.STANDARD_RIGHTS_WRITE | windows.SYNCHRONIZE
	}
	sa, err := attributes(false)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	h, err := windows.CreateFile(p, access, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, sa,
		windows.CREATE_NEW, windows.FILE_ATTRIBUTE_NORMAL|windows.FILE_FLAG_OPEN_REPARSE_POINT, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(h), name), nil
}

// Tighten makes the file f private if its DACL lets in anyone but this user and SYSTEM. The DACL
// is replaced whole rather than trimmed: trimming a DACL that grants only Everyone would
// lock this user out too. It takes nothing a person set on purpose to keep a file from
// being changed: that is the read-only attribute on Windows, which is not part of the DACL.
// On a drive that keeps no DACLs (FAT, exFAT: a USB stick) there is nothing to tighten, and
// a file there is as private as the drive, which the person chose.
func Tighten(f *os.File) error { return tightenPath(f.Name()) }

func tightenPath(path string) error {
	keeps, err := keepsDACLs(path)
	if err != nil || !keeps {
		return err
	}
	outsiders, err := Outsiders(path)
	if err != nil || len(outsiders) == 0 {
		return err
	}
	return setPrivate(path)
}

// keepsDACLs says whether the file system holding path stores DACLs.
func keepsDACLs(path string) (bool, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return false, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	h, err := windows.CreateFile(p, windows.FILE_READ_ATTRIBUTES,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE, nil,
		windows.OPEN_EXISTING, windows.FILE_FLAG_BACKUP_SEMANTICS, 0)
	if err != nil {
		return false, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer windows.CloseHandle(h)
	var flags uint32
	if err := windows.GetVolumeInformationByHandle(h, nil, 0, nil, nil, &flags, nil, 0); err != nil {
		return false, &fs.PathError{Op: "read the volume of", Path: path, Err: err}
	}
	return flags&windows.FILE_PERSISTENT_ACLS != 0, nil
}

// Restrict makes the open file f private, the same as Tighten.
func Restrict(f *os.File) error { return tightenPath(f.Name()) }

// IsLink reports whether err is OpenFile's refusal of a symlink. Windows has no O_NOFOLLOW;
// a new file is made with CREATE_NEW and FILE_FLAG_OPEN_REPARSE_POINT, which follow none,
// and planting a symlink takes a privilege ordinary users lack.
func IsLink(error) bool { return false }

// setPrivate writes the private DACL on the folder or file at path. It goes through
// NtSetSecurityObject (SetKernelObjectSecurity), which writes the DACL as given, where
// SetNamedSecurityInfo would add entries inherited from the folder above: under Wine 8 it
// does so even for a protected DACL, which then changes nothing.
func setPrivate(path string) error {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return &fs.PathError{Op: "set the DACL of", Path: path, Err: err}
	}
	// FILE_FLAG_BACKUP_SEMANTICS lets CreateFile open a folder; it grants nothing more.
	h, err := windows.CreateFile(p, windows.READ_CONTROL|windows.WRITE_DAC,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE, nil,
		windows.OPEN_EXISTING, windows.FILE_FLAG_BACKUP_SEMANTICS, 0)
	if err != nil {
		return &fs.PathError{Op: "set the DACL of", Path: path, Err: err}
	}
	defer windows.CloseHandle(h)
	var info windows.ByHandleFileInformation
	if err := windows.GetFileInformationByHandle(h, &info); err != nil {
		return &fs.PathError{Op: "set the DACL of", Path: path, Err: err}
	}
	sd, err := descriptor(info.FileAttributes&windows.FILE_ATTRIBUTE_DIRECTORY != 0)
	if err == nil {
		// The DACL is protected by the descriptor's own SE_DACL_PROTECTED ("D:P"), the way
		// SetFileSecurity has always been told.
		err = windows.SetKernelObjectSecurity(h, windows.DACL_SECURITY_INFORMATION, sd)
	}
	if err == nil && info.FileAttributes&windows.FILE_ATTRIBUTE_READONLY != 0 {
		// Windows keeps the attribute apart from the DACL, so this changes nothing there. Wine
		// keeps both as Unix permission bits, and the DACL just gave the owner write back.
		err = windows.SetFileAttributes(p, info.FileAttributes)
	}
	if err != nil {
		return &fs.PathError{Op: "set the DACL of", Path: path, Err: err}
	}
	return nil
}

// Outsiders names everyone besides this user and SYSTEM whom the DACL of path lets in, by
// SID, or "everyone" when path has no DACL at all (which lets everyone in). A deny entry lets
// no one in, and an entry of a kind a file's DACL does not hold is named by its type, so it
// counts as letting someone in.
func Outsiders(path string) ([]string, error) {
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return nil, &fs.PathError{Op: "read the DACL of", Path: path, Err: err}
	}
	me, err := user()
	if err != nil {
		return nil, err
	}
	dacl, _, err := sd.DACL()
	if errors.Is(err, windows.ERROR_OBJECT_NOT_FOUND) || (err == nil && dacl == nil) {
		return []string{"everyone"}, nil
	}
	if err != nil {
		return nil, &fs.PathError{Op: "read the DACL of", Path: path, Err: err}
	}
	var out []string
	for i := range uint32(dacl.AceCount) {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return nil, &fs.PathError{Op: "read the DACL of", Path: path, Err: err}
		}
		switch ace.Header.AceType {
		case windows.ACCESS_DENIED_ACE_TYPE, accessDeniedObject, accessDeniedCallback, accessDeniedCallbackObject:
			continue
		case windows.ACCESS_ALLOWED_ACE_TYPE, accessAllowedCallback: // the SID follows the mask in both
			sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
			if ace.Mask == 0 || sid.Equals(me) || sid.IsWellKnown(windows.WinLocalSystemSid) {
				continue
			}
			out = append(out, sid.String())
		default:
			out = append(out, fmt.Sprintf("an entry of type %d", ace.Header.AceType))
		}
	}
	return out, nil
}

// The ACE types of winnt.h that x/sys/windows does not name.
const (
	accessDeniedObject         = 0x6
	accessAllowedCallback      = 0x9
	accessDeniedCallback       = 0xA
	accessDeniedCallbackObject = 0xC
)
