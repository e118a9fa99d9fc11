//go:build unix

package ui

import "syscall"

// noFollow makes opening a file fail if its name is a symlink.
const noFollow = syscall.O_NOFOLLOW
