// Command twostep is the Twostep desktop app. With no arguments it opens the window;
// --check reports, without a window, whether the data file and the OS keyring can be used.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/assets"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/presence"
	"github.com/twostep-app/twostep/internal/datadir"
	"github.com/twostep-app/twostep/internal/logfile"
	"github.com/twostep-app/twostep/ui"
	"github.com/twostep-app/twostep/ui/words"
)

func main() {
	if len(os.Args) > 1 {
		attachConsole() // only the command-line uses print; the window has no need of a console
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	words.Ensure() // the flags' help is in the desktop's language too
	fs := flag.NewFlagSet("twostep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataDir := fs.String("data-dir", "", lang.X("cli.flag.data-dir", "folder for Twostep's data file (default ${{.Env}}, else the per-user config folder)", map[string]any{"Env": datadir.Env}))
	version := fs.Bool("version", false, lang.X("cli.flag.version", "print the version and exit"))
	check := fs.Bool("check", false, lang.X("cli.flag.check", "check the data file and the keyring, print what is wrong, and exit"))
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *version {
		fmt.Fprintf(stdout, "Twostep %s\n", app.Version)
		return 0
	}
	if *check {
		return runCheck(*dataDir, stdout, stderr)
	}
	if !haveDisplay(runtime.GOOS, os.Getenv) {
		fmt.Fprintln(stderr, lang.X("cli.no-display", "Twostep needs a desktop session to open its window, and none was found (DISPLAY and WAYLAND_DISPLAY are empty). Start it from your desktop, or run twostep --check to test the data file and keyring."))
		return 1
	}
	return runWindow(*dataDir, stderr)
}

// haveDisplay says whether a window can open on goos. On Linux and the BSDs GLFW crashes
// without a display server, so the absence is caught here and said plainly. Windows and
// macOS always have their one window system, and neither sets DISPLAY.
func haveDisplay(goos string, getenv func(string) string) bool {
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd":
		return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
	}
	return true
}

// runWindow opens the Twostep window and blocks until it closes.
func runWindow(dataDir string, stderr io.Writer) int {
	a := fyneapp.NewWithID(app.ID)
	a.SetIcon(assets.WindowIcon)
	d := &data{flag: dataDir, log: logfile.New(stderr)}
	// The desktop's lock, sleep and idle signals: listened to a second after the window is up,
	// so that connecting to the buses takes nothing from the start.
	watch := presence.New()
	a.Lifecycle().SetOnStarted(func() { time.AfterFunc(time.Second, watch.Begin) })
	u := ui.New(a, d.open, ui.WithDesktop(watch))
	stop := quitOnSignals(u)
	u.Window().ShowAndRun()
	stop()
	watch.Close()
	d.close()
	return 0
}

// data opens the data file once and checks the keyring on every try, so Retry on the
// start page picks up a keyring that was unlocked meanwhile.
type data struct {
	flag   string
	log    *logfile.Log // the causes of what the start page says, for whoever helps
	mu     sync.Mutex
	opened *opened
}

func (d *data) open() (*app.Service, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	svc, err := d.openLocked()
	app.Report(d.log.Logger, err)
	return svc, err
}

func (d *data) openLocked() (*app.Service, error) {
	if d.opened == nil {
		dir, err := datadir.Dir(d.flag)
		if err != nil {
			return nil, err
		}
		if d.opened, err = open(dir, d.log); err != nil {
			return nil, err
		}
	}
	if err := checkKeyring(); err != nil {
		return nil, err
	}
	return d.opened.Service, nil
}

func (d *data) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.opened != nil {
		d.opened.close()
	}
}

// runCheck prints the version, where the data lives, and whether it can be used. It changes
// and creates nothing: the data file is read, page by page, read-only; the keyring is read.
// The sentences go to standard error as a person reads them; the log adds their causes.
func runCheck(dataDir string, stdout, stderr io.Writer) int {
	log := logfile.New(stderr)
	fmt.Fprintf(stdout, "Twostep %s\n", app.Version)
	dir, err := datadir.Dir(dataDir)
	if err != nil {
		fmt.Fprintln(stderr, words.Message(err))
		return 1
	}
	fmt.Fprintln(stdout, lang.X("cli.data-dir", "Data directory: {{.Path}}", map[string]any{"Path": dir}))
	path := filepath.Join(dir, datadir.File)
	switch err := checkData(dir); {
	case core.IsKind(err, core.KindNotFound):
		fmt.Fprintln(stdout, lang.X("cli.data-file.none", "Data file: {{.Path}} (not made yet: Twostep makes it when its window first opens)", map[string]any{"Path": path}))
	case err != nil:
		fmt.Fprintln(stderr, lang.X("cli.data-file", "Data file: {{.Path}}", map[string]any{"Path": path}))
		fmt.Fprintln(stderr, words.Message(err))
		app.Report(log.Logger, err)
		return 1
	default:
		fmt.Fprintln(stdout, lang.X("cli.data-file.ready", "Data file: {{.Path}} (ready)", map[string]any{"Path": path}))
	}
	if err := checkKeyring(); err != nil {
		fmt.Fprintln(stderr, words.Message(err))
		app.Report(log.Logger, err)
		return 1
	}
	fmt.Fprintln(stdout, lang.X("cli.keyring.ready", "Keyring: ready"))
	return 0
}
