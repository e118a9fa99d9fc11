// Command barewindow is the baseline for scripts/bench-startup: the smallest Fyne program
// that opens a window of Twostep's size, so Twostep's start time and memory can be read as
// a ratio to what Fyne itself costs on this machine. An optional argument replaces the
// label's text.
package main

import (
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	text := "Two-step authentication is on"
	if len(os.Args) > 1 {
		text = os.Args[1]
	}
	a := fyneapp.NewWithID("io.twostep.bench")
	w := a.NewWindow("Bare")
	w.SetContent(widget.NewLabel(text))
	w.Resize(fyne.NewSize(900, 640))
	w.ShowAndRun()
}
