// Package testenv is what Twostep's tests share about their surroundings: whether a missing
// tool or service may skip a test, finding the programs that stand in for a phone or a
// desktop, and temporary folders that clean up under Wine. It is imported by tests only,
// and imports no Twostep package, so any package's tests may use it.
package testenv

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
)

// Strict says whether a missing tool or service fails a test instead of skipping it. It is
// on under scripts/test (TWOSTEP_STRICT_TESTS) and in CI: there a silent skip would hide
// that a test never ran.
func Strict() bool {
	return os.Getenv("CI") == "true" || os.Getenv("TWOSTEP_STRICT_TESTS") != ""
}

// Missing fails the test when Strict, and skips it otherwise, naming what is missing and
// how to get it.
func Missing(t testing.TB, what, hint string) {
	t.Helper()
	if Strict() {
		t.Fatalf("%s is required but missing; %s", what, hint)
	}
	t.Skipf("%s is missing; %s", what, hint)
}

// NeedTool returns the path of an external program that scripts/test-setup installs, or calls
// Missing. On Windows it skips: the programs are Linux ones, and the Windows pass runs under
// Wine, where a Windows process cannot wait for a Linux process to end (WaitForSingleObject
// on it fails with "invalid handle"). scripts/test runs these tests in its Linux pass.
func NeedTool(t testing.TB, name string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skipf("%s is a Linux program: this test runs in scripts/test's Linux pass", name)
	}
	path, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, "run scripts/test-setup")
	}
	return path
}
