//go:build !windows

package private

import "os"

// rename is os.Rename: only Windows refuses to move a file something has open.
func rename(from, to string) error { return os.Rename(from, to) }
