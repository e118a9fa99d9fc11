// Package testenv is what Twostep's tests share about their surroundings: whether a missing
// tool or service may skip a test, and finding the programs that stand in for a phone or a
// desktop. It is imported by tests only.
package testenv

import (
	"os"
	"os/exec"
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

// NeedTool returns the path of an external program that scripts/setup installs, or calls
// Missing.
func NeedTool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, "run scripts/setup")
	}
	return path
}
