//go:build unix

package private

import "syscall"

// NoFollow makes opening a file fail if its name is a symlink.
const NoFollow = syscall.O_NOFOLLOW
