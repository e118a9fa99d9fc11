//go:build deb

package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/ui/gate"
)

// The .deb as a person on Debian or Ubuntu meets it: installed with apt-get, run from
// /usr/bin, its window opened the way the desktop's menu opens it (the installed .desktop
// file's Exec line), an account created, the package removed (no file of it left), installed
// again, and the account still there to sign in to. It installs into this machine's /usr, as
// root (CI) or through sudo, and purges the package when it ends.
//
// scripts/test runs it (build tag deb) with TWOSTEP_DEB, the .deb scripts/package made,
// inside its private keyring session; only that run compiles it, so whatever it lacks fails it.
func TestDebInstallsStartsAndRemoves(t *testing.T) {
	deb := needEnv(t, "TWOSTEP_DEB", "the .deb to install, by its full path (scripts/package makes it)")
	needRealWindow(t, "apt-get", "dpkg-query")
	if status := packageStatus(); status == "installed" {
		t.Fatalf("a twostep package is installed on this machine already; this test installs and removes its own: remove that one first (apt-get remove twostep)")
	}
	t.Cleanup(func() {
		if packageStatus() != "not-installed" {
			asRoot(t, "apt-get", "purge", "-y", "-qq", "twostep")
		}
	})
	const (
		username = "alice"
		password = "correct horse battery staple"
	)

	asRoot(t, "apt-get", "install", "-y", "-qq", "--no-install-recommends", deb)
	files := packageFiles(t)
	t.Logf("installed: %d files and folders (dpkg -L twostep)", len(files))
	// The binary holds bbolt, Fyne and the rest: their notices are in the copyright file.
	if copyright, err := os.ReadFile("/usr/share/doc/twostep/copyright"); err != nil ||
		!strings.Contains(string(copyright), "go.etcd.io/bbolt") || !strings.Contains(string(copyright), "fyne.io/fyne/v2") {
		t.Errorf("/usr/share/doc/twostep/copyright lacks the notices of what the binary holds (%v)", err)
	}
	if out, err := exec.Command("dpkg", "--verify", "twostep").CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("dpkg --verify twostep (the files against the package's md5sums): %v\n%s", err, out)
	}
	desktop := "/usr/share/applications/" + app.ID + ".desktop"
	for _, want := range []string{"/usr/bin/twostep", desktop, "/usr/share/metainfo/" + app.ID + ".metainfo.xml",
		"/usr/share/icons/hicolor/256x256/apps/" + app.ID + ".png", "/usr/share/doc/twostep/copyright", "/usr/share/man/man1/twostep.1.gz"} {
		if !files[want] {
			t.Errorf("the package does not install %s", want)
		}
	}
	if out := installed(t, "--version"); strings.TrimSpace(out) != "Twostep "+app.Version {
		t.Errorf("/usr/bin/twostep --version printed %q, want Twostep %s", out, app.Version)
	}
	home := t.TempDir()
	dataFile := filepath.Join(home, ".config", "twostep", gate.DataFile)
	if out := installed(t, "--check", home); !strings.Contains(out, "Keyring: ready") || !strings.Contains(out, "not made yet") {
		t.Errorf("/usr/bin/twostep --check, before the first window:\n%s", out)
	}

	w := &window{t: t, shots: t.TempDir()}
	w.ocr, _ = exec.LookPath("tesseract")
	t.Cleanup(func() {
		if t.Failed() {
			w.report()
		}
	})
	display := startXvfb(t)
	w.run(fromMenu(t, desktop, display, home), display)
	w.createAccount(username, password)
	debQuit(w)

	asRoot(t, "apt-get", "remove", "-y", "-qq", "twostep")
	t.Logf("removed; the data file stays in the home folder, where apt never looks")
	if status := packageStatus(); status != "not-installed" {
		t.Errorf("after apt-get remove the package is %q, want not-installed (a package with no conffiles leaves nothing)", status)
	}
	for path := range files {
		if left(path) {
			t.Errorf("apt-get remove left %s behind", path)
		}
	}
	if _, err := os.Stat(dataFile); err != nil {
		t.Fatalf("removing the package took the person's data file with it: %v", err)
	}

	asRoot(t, "apt-get", "install", "-y", "-qq", "--no-install-recommends", deb)
	if out := installed(t, "--check", home); !regexp.MustCompile(`(?m)^Data file: .*\(ready\)$`).MatchString(out) || !strings.Contains(out, "Accounts: "+username) {
		t.Errorf("/usr/bin/twostep --check, installed again, does not find %s's account ready:\n%s", username, out)
	}
	w.run(fromMenu(t, desktop, display, home), display)
	w.see("the sign-in page, installed again", `Sign in to Twostep`, 20*time.Second)
	w.typeText(username)
	w.key("Tab")
	w.typeText(password)
	w.key("Return")
	w.see("the dashboard of the account made before the removal", `Welcome, `+username, 15*time.Second)
	debQuit(w)
}

// asRoot runs a command as root: directly when the test is root (as in CI), else with sudo.
func asRoot(t *testing.T, args ...string) {
	t.Helper()
	if os.Geteuid() != 0 {
		args = append([]string{"sudo", "-n"}, args...)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// packageStatus is dpkg's word for the twostep package: installed, config-files, not-installed.
func packageStatus() string {
	out, err := exec.Command("dpkg-query", "-W", "-f=${db:Status-Status}", "twostep").Output()
	if err != nil {
		return "not-installed" // dpkg has never heard of it
	}
	return strings.TrimSpace(string(out))
}

// packageFiles is what dpkg -L lists for twostep: every file and folder the package holds.
func packageFiles(t *testing.T) map[string]bool {
	t.Helper()
	out, err := exec.Command("dpkg", "-L", "twostep").Output()
	if err != nil {
		t.Fatalf("dpkg -L twostep: %v", err)
	}
	files := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line != "/." {
			files[line] = true
		}
	}
	return files
}

// left says whether path, listed by the removed package, is still there as its own: a file
// is; a folder is only when no other package holds it too (/usr/bin stays, and should).
func left(path string) bool {
	info, err := os.Lstat(path)
	if err != nil {
		return false
	}
	if !info.IsDir() {
		return true
	}
	return exec.Command("dpkg-query", "-S", path).Run() != nil
}

// installed runs /usr/bin/twostep with args, as its person would in a terminal: with home as
// the home folder when given, so the data lands where the window's does.
func installed(t *testing.T, arg string, home ...string) string {
	t.Helper()
	cmd := exec.Command("/usr/bin/twostep", arg)
	cmd.Env = os.Environ()
	if len(home) > 0 {
		cmd.Env = personEnv(home[0], "")
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("/usr/bin/twostep %s: %v\n%s", arg, err, out)
	}
	return string(out)
}

// personEnv is a desktop person's environment: their home (data in ~/.config/twostep, as
// nothing moves it), the session bus with the keyring, and the display when given. PATH is
// the system's, so the Exec line finds the installed twostep.
func personEnv(home, display string) []string {
	env := []string{
		"PATH=/usr/local/bin:/usr/bin:/bin",
		"HOME=" + home,
		"LANG=en_US.UTF-8",
		"FYNE_THEME=dark", // as the other window tests: the OCR reads it
		"DBUS_SESSION_BUS_ADDRESS=" + os.Getenv("DBUS_SESSION_BUS_ADDRESS"),
	}
	if v := os.Getenv("XDG_RUNTIME_DIR"); v != "" {
		env = append(env, "XDG_RUNTIME_DIR="+v)
	}
	if display != "" {
		env = append(env, "DISPLAY="+display)
	}
	return env
}

// fromMenu is the command a desktop's menu runs for the installed .desktop file: its Exec
// line, less the field codes (%U and the like), which stand for files and URLs opened with it.
func fromMenu(t *testing.T, desktop, display, home string) *exec.Cmd {
	t.Helper()
	f, err := os.Open(desktop)
	if err != nil {
		t.Fatalf("the installed .desktop file: %v", err)
	}
	defer f.Close()
	var args []string
	for s := bufio.NewScanner(f); s.Scan(); {
		if rest, ok := strings.CutPrefix(s.Text(), "Exec="); ok && args == nil {
			for _, field := range strings.Fields(rest) {
				if !strings.HasPrefix(field, "%") {
					args = append(args, field)
				}
			}
		}
	}
	if len(args) == 0 {
		t.Fatalf("%s has no Exec line", desktop)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = personEnv(home, display)
	if path, err := lookPathIn(args[0], "/usr/local/bin:/usr/bin:/bin"); err != nil || path != "/usr/bin/twostep" {
		t.Fatalf("the Exec line %q runs %q (%v), not the installed /usr/bin/twostep", args, path, err)
	}
	cmd.Path = "/usr/bin/twostep"
	return cmd
}

// lookPathIn is exec.LookPath with the PATH the desktop gives, not the test's.
func lookPathIn(name, path string) (string, error) {
	if strings.Contains(name, "/") {
		return name, nil
	}
	for _, dir := range filepath.SplitList(path) {
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil && info.Mode()&0o111 != 0 {
			return filepath.Join(dir, name), nil
		}
	}
	return "", exec.ErrNotFound
}

// debQuit presses Ctrl+Q and requires the installed app to exit cleanly.
func debQuit(w *window) {
	w.t.Helper()
	w.key("ctrl+q")
	if err := w.waitExit(20 * time.Second); err != nil {
		w.t.Fatalf("after Ctrl+Q the installed app: %v", err)
	}
}
