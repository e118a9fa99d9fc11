//go:build !windows

package boltstore

import (
	"os"
	"os/exec"
	"testing"
)

// makeReadOnly takes write permission away from path (a file or a folder). Root ignores
// permission bits, so as root the file is made immutable instead; where chattr cannot do
// that, the test is skipped and TestClassify still covers the mapping.
func makeReadOnly(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, 0o700) })
		return
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("running as root and chattr +i failed (%v: %s); covered by TestClassify", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
}
