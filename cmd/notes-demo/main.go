// Command notes-demo is a small notes window behind Twostep's sign-in: it shows how a Fyne
// app adds local accounts with two-step authentication and keeps its data sealed under the
// signed-in account, with the public package ui/gate alone. Its data lives in its own folder
// ($NOTES_DEMO_DATA_DIR, else notes-demo in the per-user config folder) and keyring service.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/cmd/notes-demo/notes"
	"github.com/twostep-app/twostep/ui/gate"
)

const appID = "io.github.twostep_app.notes_demo"

func main() {
	a := fyneapp.NewWithID(appID)
	a.Settings().SetTheme(gate.Theme())                                                // readable status colours in light mode
	if err := lang.AddTranslationsFS(notes.Translations, "translations"); err != nil { // the demo's words, beside Twostep's
		fmt.Fprintln(os.Stderr, err)
	}
	w := a.NewWindow("Notes")
	w.Resize(fyne.NewSize(900, 640))
	g, err := gate.New(a, w, gate.Config{Name: "Notes", DataDir: dataDir(), KeyringService: appID}, notes.New)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w.ShowAndRun()
	if err := g.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
}

func dataDir() string {
	if dir := os.Getenv("NOTES_DEMO_DATA_DIR"); dir != "" {
		return dir
	}
	base, err := os.UserConfigDir()
	if err != nil {
		base = "."
	}
	return filepath.Join(base, "notes-demo")
}
