// Command twostep is the Twostep desktop app. With no arguments it opens the window;
// --check reports, without a window, whether the data file and the OS keyring can be used;
// --delete-data deletes the accounts there for good.
package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/assets"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/ui/gate"
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
	dataDir := fs.String("data-dir", "", lang.X("cli.flag.data-dir", "folder for Twostep's data file (default ${{.Env}}, else the per-user config folder)", map[string]any{"Env": envDataDir}))
	version := fs.Bool("version", false, lang.X("cli.flag.version", "print the version and exit"))
	check := fs.Bool("check", false, lang.X("cli.flag.check", "check the data file and the keyring, print what is wrong, and exit"))
	deleteAll := fs.Bool("delete-data", false, lang.X("cli.flag.delete-data", "delete every Twostep account in the data folder, with its keys in the keyring, for good, and exit"))
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
	if *deleteAll {
		return runDeleteData(*dataDir, keyring.Service, stdout, stderr)
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

// runWindow opens the Twostep window and blocks until it closes. Twostep is the gate's own
// first user: the gate with Twostep's name, data folder and keyring service, and its
// dashboard as the page after signing in.
func runWindow(flag string, stderr io.Writer) int {
	a := fyneapp.NewWithID(app.ID)
	a.SetIcon(assets.WindowIcon)
	dir, err := dataDir(flag)
	if err != nil {
		fmt.Fprintln(stderr, words.Message(err))
		return 1
	}
	g, err := gate.New(a, nil, gate.Config{Name: "Twostep", DataDir: dir, KeyringService: keyring.Service}, nil)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	g.Window().ShowAndRun()
	if err := g.Close(); err != nil {
		app.Report(slog.New(slog.NewTextHandler(stderr, nil)), err)
	}
	return 0
}

// runCheck prints the version, where the data lives, and whether it can be used. It changes
// and creates nothing: the data file is read, page by page, read-only; the keyring is read.
// The sentences go to standard error as a person reads them; the log adds their causes.
func runCheck(flag string, stdout, stderr io.Writer) int {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	fmt.Fprintf(stdout, "Twostep %s\n", app.Version)
	dir, err := dataDir(flag)
	if err != nil {
		fmt.Fprintln(stderr, words.Message(err))
		return 1
	}
	fmt.Fprintln(stdout, lang.X("cli.data-dir", "Data directory: {{.Path}}", map[string]any{"Path": dir}))
	path := filepath.Join(dir, gate.DataFile)
	switch err := checkData(dir); {
	case core.IsKind(err, core.KindNotFound):
		fmt.Fprintln(stdout, lang.X("cli.data-file.none", "Data file: {{.Path}} (not made yet: Twostep makes it when its window first opens)", map[string]any{"Path": path}))
	case err != nil:
		fmt.Fprintln(stderr, lang.X("cli.data-file", "Data file: {{.Path}}", map[string]any{"Path": path}))
		fmt.Fprintln(stderr, words.Message(err))
		app.Report(log, err)
		return 1
	default:
		fmt.Fprintln(stdout, lang.X("cli.data-file.ready", "Data file: {{.Path}} (ready)", map[string]any{"Path": path}))
		printAccounts(path, stdout)
	}
	if err := checkKeyring(); err != nil {
		fmt.Fprintln(stderr, words.Message(err))
		app.Report(log, err)
		return 1
	}
	fmt.Fprintln(stdout, lang.X("cli.keyring.ready", "Keyring: ready"))
	return 0
}
