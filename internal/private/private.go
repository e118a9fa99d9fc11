// Package private makes folders and files that only the person running Twostep can use, and
// takes back what others were allowed on ones made before. On Unix that is permission bits
// (0700 and 0600); on Windows, where those bits mean nothing, it is a DACL that lets in this
// user and SYSTEM and nobody else (private_windows.go says why SYSTEM).
//
// It is shared by the data file (core/boltstore), the log (app) and saved backup codes (ui),
// and imports only the standard library and golang.org/x/sys.
package private

import (
	"errors"
)

// SharedFolderError says that other users could change what is in a folder, and how.
type SharedFolderError struct {
	Folder string
	Why    string
}

func (e *SharedFolderError) Error() string { return e.Folder + ": others could change it: " + e.Why }

func errorsIs(err, target error) bool { return errors.Is(err, target) }
