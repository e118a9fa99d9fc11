//go:build !unix

package ui

// noFollow is not needed where there is no O_NOFOLLOW (Windows): O_EXCL already refuses
// any name that exists, a symlink included.
const noFollow = 0
