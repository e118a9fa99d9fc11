package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// asCommand makes this test binary run as twostep itself, with the arguments after "--":
// a fresh process is what shows what every init prints.
func TestMain(m *testing.M) {
	if os.Getenv("TWOSTEP_TEST_AS_COMMAND") == "1" {
		for i, a := range os.Args {
			if a == "--" {
				os.Exit(run(os.Args[i+1:], os.Stdout, os.Stderr))
			}
		}
	}
	os.Exit(m.Run())
}

// A machine whose locale is C.UTF-8 (Debian's and Ubuntu's containers, many CI runners), or
// one with no locale at all, gets Twostep's answer and nothing else: Fyne's lang logged
// "Error parsing user locale C" with its source path, once for each load of translations,
// before internal/localeenv.
func TestNoLocaleNoise(t *testing.T) {
	for _, locale := range []string{"", "LANG=C", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "LANG=POSIX", "LC_MESSAGES=C.utf8", "LANG=en_US.UTF-8"} {
		for _, verb := range []string{"--version", "--check"} {
			cmd := exec.Command(os.Args[0], "--", verb, "--data-dir", t.TempDir())
			cmd.Env = []string{"TWOSTEP_TEST_AS_COMMAND=1", "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
			if locale != "" {
				cmd.Env = append(cmd.Env, locale)
			}
			out, _ := cmd.CombinedOutput() // --check fails here: no keyring in this environment
			if !strings.HasPrefix(string(out), "Twostep ") || strings.Contains(string(out), "Fyne") || strings.Contains(string(out), "locale") {
				t.Errorf("%q twostep %s printed:\n%s", locale, verb, out)
			}
		}
	}
}
