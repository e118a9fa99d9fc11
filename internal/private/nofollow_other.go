//go:build !unix

package private

// NoFollow is not needed where there is no O_NOFOLLOW (Windows): O_EXCL already refuses
// any name that exists, a symlink included.
const NoFollow = 0
