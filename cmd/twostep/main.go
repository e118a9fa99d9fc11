// Command twostep is the Twostep desktop app. Until the window lands it reports its version,
// where it keeps its data, and whether the data file and the OS keyring can be used.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"twostep/app"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("twostep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataDir := fs.String("data-dir", "", "folder for Twostep's data file (default $"+app.EnvDataDir+", else the per-user config folder)")
	version := fs.Bool("version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fmt.Fprintf(stdout, "Twostep %s\n", app.Version)
	if *version {
		return 0
	}
	dir, err := app.DataDir(*dataDir)
	if err != nil {
		fmt.Fprintln(stderr, app.Message(err))
		return 1
	}
	fmt.Fprintf(stdout, "Data directory: %s\n", dir)
	svc, err := app.Open(dir)
	if err != nil {
		fmt.Fprintln(stderr, app.Message(err))
		return 1
	}
	defer svc.Close()
	fmt.Fprintf(stdout, "Data file: %s (ready)\n", svc.Path)
	if err := svc.CheckKeyring(); err != nil {
		fmt.Fprintln(stderr, app.Message(err))
		return 1
	}
	fmt.Fprintln(stdout, "Keyring: ready")
	return 0
}
