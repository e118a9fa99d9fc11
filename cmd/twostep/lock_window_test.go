package main

import (
	"bytes"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// The lock in the real window: the desktop's screen saver says the screen locked (the signal
// sent on the app's session bus, as GNOME or KDE sends it), the window shows "Locked" and
// why; the password and a code (this computer is not trusted) unlock it. Then SIGTERM quits
// it through Ctrl+Q's path: it exits by itself, with status 0, and lets go of the data file.
// It also measures how long the lock screen takes to be drawn after the signal.
func TestRealWindowLocks(t *testing.T) {
	needRealWindow(t, "zbarimg", "oathtool", "dbus-send")
	const username, password = "bobby", "correct horse battery staple"
	w := &window{t: t, shots: t.TempDir()}
	w.ocr, _ = exec.LookPath("tesseract")
	bin := buildApp(t)
	display := startXvfb(t)
	w.start(bin, display, t.TempDir())
	t.Cleanup(func() {
		if t.Failed() {
			w.report()
		}
	})
	secret, step := w.turnOnTwoStep(username, password)

	before := w.pixels()
	sent := time.Now()
	out, err := exec.Command("dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
		"org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true").CombinedOutput()
	if err != nil {
		t.Fatalf("dbus-send: %v: %s", err, out)
	}
	drawn := w.changed(before, 5*time.Second)
	t.Logf("from the signal to the lock screen drawn: %v (screenshots taken while waiting, so an upper bound)", drawn.Sub(sent).Round(time.Millisecond))
	w.see("the lock screen", `Locked: the screen was locked`, 10*time.Second)

	w.typeText(password)
	w.key("Return")
	w.see("the code page after the password", `Two-step verification`, 15*time.Second)
	w.typeText(oathtool(t, secret, time.Unix((step+1)*30, 0))) // the step after the one that turned two-step on
	w.key("Return")
	w.see("the dashboard after unlocking", `Welcome, `+username, 15*time.Second)

	if err := w.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := w.waitExit(10 * time.Second); err != nil {
		t.Fatalf("after SIGTERM: %v (the app must quit by itself, with status 0)", err)
	}
}

// pixels is a screenshot of the window, as raw pixels.
func (w *window) pixels() []byte {
	w.t.Helper()
	cmd := exec.Command("import", "-window", w.id, "rgb:-")
	cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
	out, err := cmd.Output()
	if err != nil {
		w.t.Fatalf("screenshot: %v", err)
	}
	return out
}

// changed takes screenshots until one differs from before, and returns when it was taken.
func (w *window) changed(before []byte, timeout time.Duration) time.Time {
	w.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if now := w.pixels(); !bytes.Equal(now, before) {
			return time.Now()
		}
	}
	w.t.Fatalf("the window did not change within %v", timeout)
	return time.Time{}
}
