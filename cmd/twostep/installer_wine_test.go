//go:build wine

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core/keyring"
)

const uninstallKey = `HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Twostep`

// The Windows installer as a person (or an administrator, silently) meets it, under Wine:
// installed with /S into %LocalAppData%\Programs\Twostep, with its Start-menu shortcut and
// its "Apps & features" entry; the installed twostep.exe's --check ready; the window opened
// from the shortcut and an account made; installed again over itself, the account still
// there; uninstalled with /S, the program, shortcut and entry gone and the data kept; then
// installed and uninstalled with /S /DELETEDATA, the data folder and every Twostep entry in
// the Credential Manager gone.
//
// scripts/test-windows runs it after TestWindowsWindowUnderWine, in the same prefix, with
// TWOSTEP_WINDOWS_INSTALLER (scripts/package makes it); the account that test made is in the
// data the installer must keep, and then delete.
func TestWindowsInstallerUnderWine(t *testing.T) {
	installer := needEnv(t, "TWOSTEP_WINDOWS_INSTALLER", "the installer to test (scripts/package makes it)")
	rig := newWineRig(t)
	wine, prefix, server, env, w := rig.wine, rig.prefix, rig.server, rig.env, rig.w
	const (
		username = "carol"
		password = "a long and winding installer road"
	)

	install(t, wine, env, installer)
	program := installedProgram(t, prefix)
	shortcut := filepath.Join(filepath.Dir(filepath.Dir(filepath.Dir(program))), "Roaming", "Microsoft", "Windows", "Start Menu", "Programs", "Twostep.lnk")
	for _, f := range []string{"twostep.exe", "uninstall.exe", "LICENSE.txt", "THIRD_PARTY_NOTICES.txt"} {
		if _, err := os.Stat(filepath.Join(program, f)); err != nil {
			t.Errorf("the installer did not put %s in the program folder: %v", f, err)
		}
	}
	if _, err := os.Stat(shortcut); err != nil {
		t.Errorf("no Start-menu shortcut: %v", err)
	}
	entry := regValues(t, wine, env, uninstallKey)
	windowsProgram := windowsPath(t, prefix, program)
	for name, want := range map[string]string{
		"DisplayName": `^Twostep$`, "DisplayVersion": `^` + regexp.QuoteMeta(app.Version) + `$`, "Publisher": `\S`,
		"DisplayIcon": `^` + regexp.QuoteMeta(windowsProgram+`\twostep.exe`), "InstallLocation": `^` + regexp.QuoteMeta(windowsProgram) + `$`,
		"UninstallString":      `^"` + regexp.QuoteMeta(windowsProgram+`\uninstall.exe`) + `"$`,
		"QuietUninstallString": `^"` + regexp.QuoteMeta(windowsProgram+`\uninstall.exe`) + `" /S$`,
	} {
		if !regexp.MustCompile(want).MatchString(entry[name]) {
			t.Errorf("the Apps & features entry's %s is %q, want %s", name, entry[name], want)
		}
	}
	if kib, _ := strconv.ParseInt(strings.TrimPrefix(entry["EstimatedSize"], "0x"), 16, 64); kib < 1000 {
		t.Errorf("the Apps & features entry's EstimatedSize is %q KiB, want the program's size", entry["EstimatedSize"])
	}
	exe := windowsProgram + `\twostep.exe`
	dataFile := defaultDataFile(t, prefix, wineCheck(t, wine, exe, env))

	// The window, opened as the Start menu opens it: through the shortcut.
	startFromMenu(w, wine, env, shortcut)
	w.turnOnTwoStep(username, password) // and with it, this computer's key in the Credential Manager
	quitAll(w, server)

	install(t, wine, env, installer) // over itself, as an upgrade goes
	if out := wineCheck(t, wine, exe, env); !regexp.MustCompile(`(?m)^Accounts: .*\b` + username + `\b`).MatchString(out) {
		t.Errorf("installed again, --check does not find %s's account:\n%s", username, out)
	}

	// While Twostep runs, neither replaces nor removes it: each says so (silently, error level
	// 2) and changes nothing. The uninstaller runs in place (_?=), as its copy in %TEMP% would,
	// so its error level is seen.
	startFromMenu(w, wine, env, shortcut)
	w.see("the sign-in page of the installed Twostep", `Sign in to Twostep`, 20*time.Second)
	wantRefused(t, "installing over a running Twostep", wine, env, installer, "/S")
	wantRefused(t, "uninstalling a running Twostep", wine, env, filepath.Join(program, "uninstall.exe"), "/S", "/DELETEDATA", "_?="+windowsProgram)
	if _, err := os.Stat(filepath.Join(program, "twostep.exe")); err != nil {
		t.Errorf("refused, the uninstaller still removed twostep.exe: %v", err)
	}
	if _, err := os.Stat(dataFile); err != nil {
		t.Errorf("refused, the uninstaller still deleted the data file: %v", err)
	}
	quitAll(w, server)

	uninstall(t, wine, env, server, program, "/S")
	for _, gone := range []string{program, shortcut} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("uninstalling left %s (%v)", gone, err)
		}
	}
	if out, err := wineRun(t, wine, env, "reg", "query", uninstallKey); err == nil {
		t.Errorf("uninstalling left the Apps & features entry:\n%s", out)
	}
	if _, err := os.Stat(dataFile); err != nil {
		t.Fatalf("uninstalling without being asked to took the data file: %v", err)
	}

	credentials := `Credential Manager\\Generic: ` + keyring.Service + `:`
	if reg, err := os.ReadFile(filepath.Join(prefix, "user.reg")); err != nil || !strings.Contains(string(reg), credentials) {
		t.Fatalf("no Twostep entry in the Credential Manager (user.reg) for /DELETEDATA to delete (%v)", err)
	}
	install(t, wine, env, installer)
	uninstall(t, wine, env, server, program, "/S", "/DELETEDATA")
	if _, err := os.Stat(program); !os.IsNotExist(err) {
		t.Errorf("uninstalling with /DELETEDATA left the program folder (%v)", err)
	}
	if _, err := os.Stat(filepath.Dir(dataFile)); !os.IsNotExist(err) {
		t.Errorf("uninstalling with /DELETEDATA left the data folder (%v)", err)
	}
	reg, err := os.ReadFile(filepath.Join(prefix, "user.reg"))
	if err != nil || strings.Contains(string(reg), credentials) {
		t.Errorf("uninstalling with /DELETEDATA left Twostep's entries in the Credential Manager (user.reg; %v)", err)
	}
}

// install runs the installer silently, as an administrator would, to its end.
func install(t *testing.T, wine string, env []string, installer string) {
	t.Helper()
	if out, err := wineRun(t, wine, env, installer, "/S"); err != nil {
		t.Fatalf("%s /S: %v\n%s", filepath.Base(installer), err, out)
	}
}

// uninstall runs the uninstaller with args. NSIS's uninstaller copies itself to %TEMP% and
// runs from there, so its own process ends at once: the test waits for Wine to have nothing
// left running, which also writes the registry out.
func uninstall(t *testing.T, wine string, env []string, server, program string, args ...string) {
	t.Helper()
	if out, err := wineRun(t, wine, env, append([]string{filepath.Join(program, "uninstall.exe")}, args...)...); err != nil {
		t.Fatalf("uninstall.exe %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	waitWine(t, server)
}

// installedProgram is the program folder the installer made, as a path on this machine:
// %LocalAppData%\Programs\Twostep of the prefix's one user.
func installedProgram(t *testing.T, prefix string) string {
	t.Helper()
	found, _ := filepath.Glob(filepath.Join(prefix, "drive_c", "users", "*", "AppData", "Local", "Programs", "Twostep"))
	if len(found) != 1 {
		t.Fatalf("want the program in %%LocalAppData%%\\Programs\\Twostep, found %v", found)
	}
	return found[0]
}

// windowsPath is path, under the prefix's drive_c, as Windows names it.
func windowsPath(t *testing.T, prefix, path string) string {
	t.Helper()
	rel, err := filepath.Rel(filepath.Join(prefix, "drive_c"), path)
	if err != nil {
		t.Fatal(err)
	}
	return `C:\` + strings.ReplaceAll(rel, "/", `\`)
}

// regValues reads the values of a registry key, by reg query.
func regValues(t *testing.T, wine string, env []string, key string) map[string]string {
	t.Helper()
	out, err := wineRun(t, wine, env, "reg", "query", key)
	if err != nil {
		t.Fatalf("reg query %s: %v\n%s", key, err, out)
	}
	values := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^\s+(\S+)\s+REG_\w+\s+(.*?)\r?$`).FindAllStringSubmatch(out, -1) {
		values[m[1]] = m[2]
	}
	return values
}

// startFromMenu opens the Start-menu shortcut as Explorer does, and finds the window. start
// returns once the program has started (its /wait does not wait for a shortcut's program):
// quitAll sees the program end.
func startFromMenu(w *window, wine string, env []string, shortcut string) {
	w.t.Helper()
	if out, err := wineRun(w.t, wine, env, "start", "/unix", shortcut); err != nil {
		w.t.Fatalf("opening the Start-menu shortcut: %v\n%s", err, out)
	}
	w.find(w.display)
}

// wantRefused runs an installer or uninstaller that must refuse, with error level 2 (NSIS's
// "aborted").
func wantRefused(t *testing.T, what, wine string, env []string, args ...string) {
	t.Helper()
	out, err := wineRun(t, wine, env, args...)
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 2 {
		t.Errorf("%s: %v, want error level 2\n%s", what, err, out)
	}
}

// quitAll presses Ctrl+Q, requires the window to close within 20 s, and waits for every Wine
// program, the app among them, to end.
func quitAll(w *window, server string) {
	t := w.t
	t.Helper()
	w.key("ctrl+q")
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err := w.xdotoolCtx(ctx, "search", "--name", "^Twostep$")
		cancel()
		if err != nil {
			break // no such window
		}
		if time.Now().After(deadline) {
			w.shot("after Ctrl+Q")
			t.Fatalf("the installed Twostep's window was still open 20 s after Ctrl+Q")
		}
	}
	waitWine(t, server)
}
