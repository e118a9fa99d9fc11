//go:build wine

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/ui/gate"
)

// The Windows build as a person meets it, on this Linux machine: twostep.exe under Wine, in
// a fresh Wine prefix, its window on a private X display, driven by keyboard with xdotool
// like TestRealWindowTurnsOnTwoStep. twostep.exe --check must find the keyring (Wine's
// Credential Manager); the window creates an account in the default data folder
// (%AppData%\Twostep), turns two-step on from the QR code and the code oathtool computes,
// and quits with Ctrl+Q; started again, it signs in with the password and a fresh code, locks
// with Ctrl+L and unlocks with the password.
// --check must then find the data file ready.
//
// scripts/test-windows runs it (build tag wine) and hands it TWOSTEP_WINDOWS_EXE,
// TWOSTEP_WINE and a WINEPREFIX made for the run. Only that pass compiles it, so whatever
// it needs and lacks fails it rather than skipping it.
func TestWindowsWindowUnderWine(t *testing.T) {
	exe := needEnv(t, "TWOSTEP_WINDOWS_EXE", "the twostep.exe to test")
	rig := newWineRig(t)
	wine, prefix, server, display, env, w := rig.wine, rig.prefix, rig.server, rig.display, rig.env, rig.w
	const (
		username = "alice"
		password = "correct horse battery staple"
	)
	began := time.Now()
	phase := func(what string, since time.Time) {
		t.Helper()
		t.Logf("%-34s %5.1f s", what, time.Since(since).Seconds())
	}
	if dir := os.Getenv("TWOSTEP_WINE_SHOTS"); dir != "" { // to keep them, e.g. for docs/screenshots
		w.shots = dir
	}

	// --check, before any window: the keyring is ready, and no data file yet in the
	// per-user folder of the prefix.
	since := time.Now()
	dataFile := defaultDataFile(t, prefix, wineCheck(t, wine, exe, env))
	if _, err := os.Stat(dataFile); !os.IsNotExist(err) {
		t.Fatalf("the Wine prefix %s already holds Twostep data (%s): give the test a fresh prefix", prefix, dataFile)
	}
	phase("--check before the window", since)

	since = time.Now()
	w.run(wineApp(wine, exe, env), display)
	phase("first start, to the window", since)
	since = time.Now()
	secret, step := w.turnOnTwoStep(username, password)
	phase("account created, two-step on", since)

	since = time.Now()
	wineQuit(w, "on the dashboard")
	if _, err := os.Stat(dataFile); err != nil {
		t.Fatalf("no data file in the default folder after the first run: %v", err)
	}
	phase("Ctrl+Q, to the exit", since)

	since = time.Now()
	w.run(wineApp(wine, exe, env), display)
	phase("second start, to the window", since)
	since = time.Now()
	wineSignIn(w, username, password, secret, step)
	phase("signed in with password and code", since)

	// Ctrl+L locks; this computer is trusted since the code above, so the password unlocks.
	since = time.Now()
	w.key("ctrl+l")
	w.see("the lock screen", `Locked by you`, 10*time.Second)
	w.typeText(password)
	w.key("Return")
	w.see("the dashboard after unlocking", `Welcome, `+username, 15*time.Second)
	phase("locked with Ctrl+L and unlocked", since)

	since = time.Now()
	wineQuit(w, "on the dashboard of the second start")
	phase("Ctrl+Q, to the exit", since)

	since = time.Now()
	if out := wineCheck(t, wine, exe, env); !regexp.MustCompile(`(?m)^Data file: .*twostep\.db \(ready\)`).MatchString(out) {
		t.Fatalf("twostep.exe --check after the window does not find the data file ready:\n%s", out)
	}
	phase("--check after the window", since)

	// The keys went where Windows keeps them: the Credential Manager, which Wine keeps in
	// the prefix's registry, written out when wineserver ends.
	waitWine(t, server)
	reg, err := os.ReadFile(filepath.Join(prefix, "user.reg"))
	if entry := `Credential Manager\\Generic: ` + keyring.Service + `:`; !strings.Contains(string(reg), entry) {
		t.Errorf("no %s entry in the prefix's Credential Manager (user.reg): %v", keyring.Service, err)
	}
	phase("the whole run", began)
}

// wineSignIn signs in from the sign-in page with the password, then on the code page with
// a code of a later time step than used (a code is accepted once), and sees the dashboard.
func wineSignIn(w *window, username, password, secret string, used int64) {
	t := w.t
	t.Helper()
	w.see("the sign-in page of the second start", `Sign in to Twostep`, 20*time.Second)
	w.typeText(username)
	w.key("Tab")
	w.typeText(password)
	w.key("Return")
	w.see("the verification code page", `(?i)two-step verification|6-digit code`, 15*time.Second)

	next := time.Unix((used+1)*30, 0)
	if wait := time.Until(next); wait > 0 {
		t.Logf("waiting %.1f s for a code the first run did not use", wait.Seconds())
		time.Sleep(wait + 500*time.Millisecond)
	}
	w.typeText(oathtool(t, secret, time.Now()))
	w.key("Return")
	text := w.see("the dashboard after signing in with a code", `Welcome, `+username, 15*time.Second)
	if !regexp.MustCompile(`authentication\s*is\s*On\b`).MatchString(text) {
		t.Errorf("the dashboard does not say two-step authentication is on; it reads:\n%s", text)
	}
	if !regexp.MustCompile(`(?i)signed in \(password and\s*verification code\)`).MatchString(text) {
		t.Errorf("the recent activity does not list a sign-in with password and verification code; the window reads:\n%s", text)
	}
}

// wineQuit presses Ctrl+Q and requires the app to exit, with success, within 20 s.
func wineQuit(w *window, where string) {
	t := w.t
	t.Helper()
	w.key("ctrl+q")
	err := w.waitExit(20 * time.Second)
	if err == nil {
		return
	}
	if strings.Contains(w.output.String(), "Unhandled") {
		t.Fatalf("after Ctrl+Q %s, twostep.exe crashed (%v); Wine's words are in the app output below", where, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, gone := w.xdotoolCtx(ctx, "search", "--name", "^Twostep$"); gone == nil {
		w.shot("after Ctrl+Q")
		t.Fatalf("after Ctrl+Q %s, with the window still open: %v", where, err)
	}
	t.Fatalf("after Ctrl+Q %s, with the window closed: %v", where, err)
}

// defaultDataFile is where, by what twostep.exe --check says, the data file of the window
// will be, as a path in the prefix: %AppData%\Twostep\twostep.db.
func defaultDataFile(t *testing.T, prefix, check string) string {
	t.Helper()
	dir := regexp.MustCompile(`(?m)^Data directory: (.*?)\r?$`).FindStringSubmatch(check)
	// The folder is written as the program's name, as Windows programs do; Unix ones use
	// lower case, and a slip back to that must show here.
	if dir == nil || !regexp.MustCompile(`^(?i:C:\\users\\[^\\]+\\AppData\\Roaming)\\Twostep$`).MatchString(dir[1]) {
		t.Fatalf("twostep.exe --check does not name %%AppData%%\\Twostep as its data folder:\n%s", check)
	}
	t.Logf("data folder: %s", dir[1])
	return filepath.Join(prefix, "drive_c", strings.ReplaceAll(dir[1][len(`C:\`):], `\`, "/"), gate.DataFile)
}

// wineRig is what a test of the Windows build under Wine starts from: the wine program and
// the prefix scripts/test-windows made, with its wineserver; the tools the window needs; a
// private X display with no Wine program running; the environment of every Wine program the
// test starts; and the window, reported (screenshots, output) if the test fails.
type wineRig struct {
	wine, prefix, server, display string
	env                           []string
	w                             *window
}

func newWineRig(t *testing.T) *wineRig {
	t.Helper()
	r := &wineRig{wine: needEnv(t, "TWOSTEP_WINE", "the wine64 program"),
		prefix: needEnv(t, "WINEPREFIX", "a fresh Wine prefix with the bcryptprimitives stand-in (scripts/test-windows makes one)")}
	r.server = wineserverFor(t, r.wine)
	for _, tool := range []string{"Xvfb", "xdotool", "import", "convert", "zbarimg", "oathtool", "tesseract"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is required but missing; run scripts/test-setup", tool)
		}
	}
	r.w = &window{t: t, shots: t.TempDir()}
	r.w.ocr, _ = exec.LookPath("tesseract")
	r.display = startXvfb(t)
	r.w.display = r.display
	// Start from no Wine processes and leave none: a killed app may leave wineserver (and
	// with it explorer.exe, the Wine desktop) running on the display of another run.
	stopWine(t, r.server)
	t.Cleanup(func() { stopWine(t, r.server) })
	t.Cleanup(func() {
		if t.Failed() {
			r.w.report()
		}
	})
	r.env = wineEnv(t, r.display)
	noCrashDialog(t, r.wine, r.env)
	return r
}

// wineserverFor finds the wineserver that goes with the wine program: wineserver64 next to
// wine64, wineserver next to wine.
func wineserverFor(t *testing.T, wine string) string {
	t.Helper()
	server := filepath.Join(filepath.Dir(wine), strings.Replace(filepath.Base(wine), "wine", "wineserver", 1))
	if _, err := exec.LookPath(server); err != nil {
		t.Fatalf("no wineserver next to %s: %v", wine, err)
	}
	return server
}

// wineEnv is the environment of every Wine process the test starts: the Wine settings the
// test was given (WINEPREFIX, WINEDEBUG, ...), the X display, and a home folder of its
// own. $TWOSTEP_DATA_DIR is left out, so the app picks its default folder.
func wineEnv(t *testing.T, display string) []string {
	home := t.TempDir()
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"DISPLAY=" + display,
		"HOME=" + home,
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"), // Mesa's shader cache
		"LANG=en_US.UTF-8",
		"FYNE_THEME=dark", // as in the Linux test: the screenshots read the same, and the OCR expects it
		"WINEDLLOVERRIDES=" + strings.TrimPrefix(os.Getenv("WINEDLLOVERRIDES")+";"+noXInput, ";"),
	}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "WINE") && !strings.HasPrefix(kv, "WINEDLLOVERRIDES=") || strings.HasPrefix(kv, "USER=") {
			env = append(env, kv)
		}
	}
	return env
}

// noXInput keeps Wine's XInput (gamepads) out of the app. GLFW loads it at start and frees
// it at exit, and Wine 8's xinput1_4 leaves its polling thread (wine_xinput_hid) running in
// the freed code: about one exit in ten or twenty then faults ("Unhandled page fault on
// execute access", at the same address in xinput1_4.dll every time), and with it loaded
// the app also hung, twice in 40 exits, after its window had closed. It was not Mesa: with
// LP_NUM_THREADS=0 (no llvmpipe threads) the fault stayed; with XInput off, 45 exits in a
// row were clean. Twostep has no use for a gamepad, and Windows has its own XInput.
const noXInput = "xinput1_1,xinput1_2,xinput1_3,xinput1_4,xinput9_1_0=d"

// wineApp is the command that opens the window of twostep.exe.
func wineApp(wine, exe string, env []string) *exec.Cmd {
	cmd := exec.Command(wine, exe)
	cmd.Env = env
	// The Wine process that starts wineserver and Wine's services hands them its output,
	// so reading it to the end waits for them too. They go a few seconds after the app;
	// a crash debugger may stay, and the test must not wait for it forever.
	cmd.WaitDelay = 10 * time.Second
	return cmd
}

// wineRun runs a Wine program to its end, within a minute, and returns what it printed.
// The output goes through a file, not a pipe, so wineserver, which may outlive the program
// holding its output, is not waited for.
func wineRun(t *testing.T, wine string, env []string, args ...string) (string, error) {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "wine-output-")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, wine, args...)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, f, f
	err = cmd.Run()
	out, _ := os.ReadFile(f.Name())
	return string(out), err
}

// wineCheck runs twostep.exe --check, requires it to succeed with the keyring ready, and
// returns what it printed.
func wineCheck(t *testing.T, wine, exe string, env []string) string {
	t.Helper()
	out, err := wineRun(t, wine, env, exe, "--check")
	if err != nil || !strings.Contains(out, "Keyring: ready") {
		t.Fatalf("twostep.exe --check: %v\n%s", err, out)
	}
	return out
}

// noCrashDialog has Wine's crash debugger print its backtrace and end a crashed program,
// instead of showing a dialog nobody will close: a crash fails the test, it does not hang it.
func noCrashDialog(t *testing.T, wine string, env []string) {
	t.Helper()
	out, err := wineRun(t, wine, env, "reg", "add", `HKCU\Software\Wine\WineDbg`, "/v", "ShowCrashDialog", "/t", "REG_DWORD", "/d", "0", "/f")
	if err != nil {
		t.Fatalf("turning off Wine's crash dialog: %v\n%s", err, out)
	}
}

// stopWine stops the prefix's wineserver and every Wine process under it.
func stopWine(t *testing.T, server string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// -k exits non-zero when no server runs; a server that does not stop is the failure.
	exec.CommandContext(ctx, server, "-k").Run()
	if err := exec.CommandContext(ctx, server, "-w").Run(); err != nil {
		t.Errorf("wineserver did not stop: %v", err)
	}
}

// waitWine waits for the prefix's wineserver to end by itself, as it does a few seconds
// after its last program, writing the registry out.
func waitWine(t *testing.T, server string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := exec.CommandContext(ctx, server, "-w").Run(); err != nil {
		t.Errorf("wineserver did not end within 30 s of the last program: %v", err)
	}
}
