// Command barenotes is the notes demo's window without Twostep's gate: the same widgets, the
// notes page shown at once. scripts/bench-startup measures cmd/notes-demo against it, for
// what the gate adds to an app's start.
package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := fyneapp.NewWithID("io.github.twostep_app.notes_bare")
	w := a.NewWindow("Notes")
	text := widget.NewMultiLineEntry()
	text.SetPlaceHolder("Write a note")
	text.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {})
	save.Importance = widget.HighImportance
	add := widget.NewButtonWithIcon("New note", theme.ContentAddIcon(), func() {})
	list := widget.NewList(func() int { return 0 },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(widget.ListItemID, fyne.CanvasObject) {})
	editor := container.NewBorder(nil, container.NewHBox(save, widget.NewLabel("")), nil, nil, text)
	split := container.NewHSplit(container.NewBorder(add, nil, nil, nil, list), editor)
	split.Offset = 0.3
	w.SetContent(split)
	w.Resize(fyne.NewSize(900, 640))
	w.ShowAndRun()
}
