package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core/boltstore"
	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/gate"
	"github.com/twostep-app/twostep/ui/words"
)

// The whole app as a person meets it: the real binary in a real (virtual) X display, driven
// by keyboard with xdotool. It creates an account, reads the QR code off a screenshot of the
// window with zbarimg (the phone's camera), types the code oathtool computes (the phone's
// authenticator app), closes the backup codes, sees the dashboard say two-step is on, quits
// with Ctrl+Q, starts again and quits with Ctrl+Q from the Username field, and then asks
// the engine itself: signing in must now want a code.
//
// It needs Xvfb, xdotool, ImageMagick's import, zbarimg, oathtool, and a session bus with an
// unlocked keyring (scripts/test provides one), and tesseract, which reads the screen: the
// test waits for each page by its words and checks them.
func TestRealWindowTurnsOnTwoStep(t *testing.T) {
	needRealWindow(t, "zbarimg", "oathtool")
	const (
		username = "alice"
		password = "correct horse battery staple"
	)

	w := &window{t: t, shots: t.TempDir()}
	w.ocr, _ = exec.LookPath("tesseract")
	bin := buildApp(t)
	display := startXvfb(t)
	data := t.TempDir()
	w.start(bin, display, data)
	t.Cleanup(func() {
		if t.Failed() {
			w.report()
		}
	})

	secret, _ := w.turnOnTwoStep(username, password)

	// Ctrl+Q closes the window; the app must exit and let go of the data file.
	w.key("ctrl+q")
	if err := w.waitExit(10 * time.Second); err != nil {
		t.Fatalf("after Ctrl+Q: %v", err)
	}

	// Started again, it opens on the sign-in page with the focus in Username. Ctrl+Q must
	// quit from there too: Fyne hands a shortcut to a focused text field, not the window.
	w.start(bin, display, data)
	w.see("the sign-in page of the second start", `Sign in to Twostep`, 10*time.Second)
	w.typeText(username)
	w.see("the username typed into its field", username, 3*time.Second)
	w.key("ctrl+q")
	if err := w.waitExit(10 * time.Second); err != nil {
		t.Fatalf("after Ctrl+Q in the Username field: %v", err)
	}

	// The engine agrees: the password alone is no longer enough, and a fresh code (the next
	// time step, so it cannot be the one used to turn two-step on) completes the sign-in.
	db, err := boltstore.Open(filepath.Join(data, gate.DataFile))
	if err != nil {
		t.Fatalf("opening the data the window left: %v", err)
	}
	defer db.Close()
	opened := app.New(db, keyring.New(keyring.Service))
	res, err := opened.SignIn(username, password)
	if err != nil {
		t.Fatalf("signing in after the window closed: %v", err)
	}
	if res.Session != nil || res.Challenge == "" {
		t.Fatalf("signing in with the password alone gave a session: two-step authentication is not on")
	}
	next := oathtool(t, secret, time.Now().Add(30*time.Second))
	if _, err := opened.SubmitCode(res.Challenge, next, false); err != nil {
		t.Fatalf("a fresh code from the secret in the QR code was refused: %v (%s)", err, words.Message(err))
	}
}

// buildApp builds this package's binary into a temporary folder. Under -race it is built
// with -race too: the app then runs under the race detector, and the build reuses the
// packages the test binary was just built from instead of compiling GLFW's C a second time
// (minutes on a fresh machine).
func buildApp(t *testing.T, pkg ...string) string {
	t.Helper()
	if len(pkg) == 0 {
		pkg = []string{"."}
	}
	bin := filepath.Join(t.TempDir(), "app")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	out, err := exec.Command("go", append(args, pkg...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// needRealWindow skips (or, in strict mode, fails) a test of a real window without its tools
// (Xvfb, xdotool, ImageMagick, tesseract, and more), or without a session bus with an
// unlocked keyring, which scripts/test provides.
func needRealWindow(t *testing.T, more ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("opens a real window; skipped with -short")
	}
	for _, tool := range append([]string{"Xvfb", "xdotool", "import", "convert", "tesseract"}, more...) {
		testenv.NeedTool(t, tool)
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		testenv.Missing(t, "a D-Bus session with an unlocked keyring", "run the test through scripts/test")
	}
}

// startXvfb starts a private X server, lets it pick a free display number (some fixed ones
// are unusable on shared machines), and stops it when the test ends.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w} // fd 3
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		r.Close()
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if _, err := strconv.Atoi(n); err != nil {
			t.Fatalf("Xvfb did not say which display it took (%q): %s", n, log.String())
		}
		return ":" + n
	case <-time.After(10 * time.Second):
		t.Fatalf("Xvfb did not start within 10 s: %s", log.String())
	}
	return ""
}

// oathtool computes the code an authenticator app shows at time at.
func oathtool(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	out, err := exec.Command("oathtool", "--totp", "-b", "-N", "@"+strconv.FormatInt(at.Unix(), 10), secret).Output()
	if err != nil {
		t.Fatalf("oathtool: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// window is the running app and its window, seen through screenshots.
type window struct {
	t       *testing.T
	title   string // the window's title ("": Twostep)
	cmd     *exec.Cmd
	display string
	id      string
	ocr     string // tesseract
	shots   string
	n       int
	output  syncBuffer
	exited  chan error
}

func (w *window) start(bin, display, data string) {
	t := w.t
	t.Helper()
	home := t.TempDir()
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"DISPLAY=" + display,
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local", "share"),
		envDataDir + "=" + data,
		"NOTES_DEMO_DATA_DIR=" + data, // the notes demo's, for TestRealWindowNotesDemo
		"LANG=en_US.UTF-8",
		"FYNE_THEME=dark", // the default here too; fixed so the screenshots read the same everywhere
		"DBUS_SESSION_BUS_ADDRESS=" + os.Getenv("DBUS_SESSION_BUS_ADDRESS"),
	}
	if v := os.Getenv("XDG_RUNTIME_DIR"); v != "" {
		env = append(env, "XDG_RUNTIME_DIR="+v)
	}
	cmd := exec.Command(bin)
	cmd.Env = env
	w.run(cmd, display)
}

// run starts cmd, the app or a launcher that runs it (wine), with the window on display,
// and waits for the window.
func (w *window) run(cmd *exec.Cmd, display string) {
	t := w.t
	t.Helper()
	w.cmd, w.display = cmd, display
	cmd.Stdout, cmd.Stderr = &w.output, &w.output
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting the app: %v", err)
	}
	// Each start stops its own process: the test may start the app more than once.
	exited := make(chan error, 1)
	w.exited = exited
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		select {
		case <-exited:
		default:
			cmd.Process.Kill()
			<-exited
		}
	})
	w.find(display)
}

// find waits for the app's window on display, and gives it the keyboard.
func (w *window) find(display string) {
	t := w.t
	t.Helper()
	w.display = display
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	title := w.title
	if title == "" {
		title = "Twostep"
	}
	out, err := w.xdotoolCtx(ctx, "search", "--sync", "--onlyvisible", "--name", "^"+title+"$")
	if err != nil {
		t.Fatalf("no window titled %s within 20 s: %v\napp output:\n%s", title, err, w.output.String())
	}
	w.id = strings.Fields(out)[0]
	// Give the window the keyboard for good, then park the pointer outside it so no hover
	// effect shows in the screenshots.
	w.xdotool("windowfocus", "--sync", w.id)
	w.xdotool("mousemove", "1279", "799")
}

func (w *window) xdotoolCtx(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
	out, err := cmd.Output()
	return string(out), err
}

func (w *window) xdotool(args ...string) {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := w.xdotoolCtx(ctx, args...); err != nil {
		w.t.Fatalf("xdotool %s: %v", strings.Join(args, " "), err)
	}
}

// key presses keys one after another, with a pause for the window to react to each.
func (w *window) key(keys ...string) {
	w.t.Helper()
	w.xdotool(append([]string{"key", "--delay", "150"}, keys...)...)
	time.Sleep(300 * time.Millisecond)
}

func (w *window) typeText(s string) {
	w.t.Helper()
	w.xdotool("type", "--delay", "40", s)
	time.Sleep(200 * time.Millisecond)
}

// shot saves a screenshot of the window as NN-name.png and returns its path.
func (w *window) shot(name string) string {
	w.t.Helper()
	w.n++
	path := filepath.Join(w.shots, fmt.Sprintf("%02d-%s.png", w.n, strings.ReplaceAll(name, " ", "-")))
	cmd := exec.Command("import", "-window", w.id, path)
	cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		w.t.Fatalf("screenshot: %v\n%s", err, out)
	}
	return path
}

// read is the text tesseract finds in a screenshot. The screenshot is made grey and
// negated first: tesseract reads the dark theme's light-on-dark text far better that way.
func (w *window) read(path string) string {
	img, err := exec.Command("convert", path, "-colorspace", "Gray", "-negate", "png:-").Output()
	if err != nil {
		return ""
	}
	cmd := exec.Command(w.ocr, "-", "-")
	cmd.Stdin = bytes.NewReader(img)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1") // much faster on a busy machine
	out, _ := cmd.Output()
	return string(out)
}

// waitText waits until the window shows text matching pattern and returns what it read.
func (w *window) waitText(what, pattern string, timeout time.Duration) (string, bool) {
	w.t.Helper()
	re := regexp.MustCompile(pattern)
	var text string
	for end := time.Now().Add(timeout); ; {
		text = w.read(w.shot(what))
		if re.MatchString(text) {
			return text, true
		}
		if time.Now().After(end) {
			w.t.Logf("waited %v for %s (%q); the window reads:\n%s", timeout, what, pattern, text)
			return text, false
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// see waits until the window shows text matching pattern, and fails the test if it does not.
func (w *window) see(what, pattern string, timeout time.Duration) string {
	w.t.Helper()
	text, ok := w.waitText(what, pattern, timeout)
	if !ok {
		w.t.Fatalf("the window did not show %s", what)
	}
	return text
}

// waitQR screenshots the window until zbarimg finds a QR code in it.
func (w *window) waitQR(timeout time.Duration) string {
	w.t.Helper()
	for end := time.Now().Add(timeout); ; {
		path := w.shot("enable dialog")
		out, err := exec.Command("zbarimg", "--raw", "-q", path).Output()
		if err == nil && len(bytes.TrimSpace(out)) > 0 {
			return strings.TrimSpace(string(out))
		}
		if time.Now().After(end) {
			w.t.Fatalf("no QR code in the window within %v (last screenshot %s)", timeout, path)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

func (w *window) waitExit(timeout time.Duration) error {
	select {
	case err := <-w.exited:
		w.exited <- err // for the cleanup
		return err
	case <-time.After(timeout):
		return fmt.Errorf("the app was still running %v later", timeout)
	}
}

// report copies the screenshots out of the test's temporary folder, which goes away when
// the test ends, and logs where they are and what the app printed.
func (w *window) report() {
	files, _ := filepath.Glob(filepath.Join(w.shots, "*.png"))
	if keep, err := os.MkdirTemp("", "twostep-window-test-"); err == nil {
		for i, f := range files {
			if b, err := os.ReadFile(f); err == nil && os.WriteFile(filepath.Join(keep, filepath.Base(f)), b, 0o644) == nil {
				files[i] = filepath.Join(keep, filepath.Base(f))
			}
		}
	}
	w.t.Logf("screenshots:\n  %s", strings.Join(files, "\n  "))
	if out := w.output.String(); out != "" {
		w.t.Logf("app output:\n%s", out)
	}
}

// syncBuffer is a bytes.Buffer the app's output goroutines and the test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// turnOnTwoStep creates the account from the sign-in page and turns two-step on from the
// dashboard, by keyboard, as a person would; Linux's window and Windows' (under Wine) go the
// same way. It returns the secret read from the QR code and the time step of the code that
// turned two-step on.
func (w *window) turnOnTwoStep(username, password string) (secret string, step int64) {
	t := w.t
	t.Helper()
	w.createAccount(username, password)

	// Dashboard: "Turn on two-step authentication" has focus; Space opens the Enable dialog.
	w.key("space")
	uri := w.waitQR(10 * time.Second)
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" || u.Query().Get("secret") == "" {
		t.Fatalf("the QR code in the window holds %q", uri)
	}
	if u.Path != "/Twostep:"+username || u.Query().Get("issuer") != "Twostep" {
		t.Errorf("the QR code names %q, issuer %q; want /Twostep:%s, Twostep", u.Path, u.Query().Get("issuer"), username)
	}
	secret = u.Query().Get("secret")

	// The code entry has focus: type the code the phone would show, and press Return.
	now := time.Now()
	w.typeText(oathtool(t, secret, now))
	w.key("Return")

	// The backup codes: Escape asks "Are you sure?" (nothing was saved or copied); Tab, Tab
	// reaches "Close without saving", Space presses it.
	// Either line will do: tesseract now and then misreads one letter of the small title.
	w.see("the backup codes dialog", `(?i)save your backup codes|will not show them again`, 15*time.Second)
	w.key("Escape")
	w.see("the are-you-sure question", `(?i)are you sure|have not saved or copied`, 5*time.Second)
	w.key("Tab", "Tab", "space")
	w.see("the dashboard saying two-step authentication is on", `authentication\s*is\s*On\b`, 15*time.Second)
	return secret, now.Unix() / 30
}

// createAccount creates the account from the sign-in page, by keyboard, as a person would,
// and sees the dashboard.
func (w *window) createAccount(username, password string) {
	t := w.t
	t.Helper()
	// Sign-in page, focus in Username: Tab, Tab reaches "Create account", Space presses it.
	w.see("the sign-in page", `Sign in to Twostep`, 20*time.Second)
	w.key("Tab", "Tab", "space")
	if text := w.see("the create-account page", `Create your Twostep account`, 5*time.Second); !strings.Contains(text, "Choose a username") {
		// Its placeholder is gone: the Space that pressed the button was typed into it as well.
		t.Errorf("Space on \"Create account\" also typed a space into the Username field it moved the focus to "+
			"(its placeholder \"Choose a username\" is gone); the window reads:\n%s", text)
	}
	w.fillNewAccount(username, password)
	w.see("the dashboard", `Welcome, `+username, 15*time.Second)
}

// fillNewAccount types the username and the password twice into the create-account page, its
// first field focused, and presses Return.
func (w *window) fillNewAccount(username, password string) {
	w.typeText(username)
	w.key("Tab")
	w.typeText(password)
	w.key("Tab")
	w.typeText(password)
	w.key("Return")
}
