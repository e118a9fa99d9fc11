//go:build !windows

package app_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/twostep-app/twostep/internal/testenv"
)

// keyringDump is every value Twostep keeps under the env's keyring service, read out by
// another program (secret-tool), as any process of the desktop user could.
func keyringDump(t *testing.T, e *env) []string {
	t.Helper()
	tool := testenv.NeedTool(t, "secret-tool")
	out, err := exec.Command(tool, "search", "--all", "--unlock", "service", e.kr.Service()).CombinedOutput()
	if err != nil && len(out) > 0 {
		t.Fatalf("secret-tool: %v: %s", err, out)
	}
	var values []string
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "secret = "); ok {
			values = append(values, v)
		}
	}
	return values
}
