// Package notes is the page of the notes demo: a list of notes and the one being written,
// each note sealed under the signed-in account by Twostep's gate.
package notes

import (
	"crypto/rand"
	"embed"
	"encoding/hex"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/ui"
	"github.com/twostep-app/twostep/ui/gate"
)

// Translations are the demo's own words (English and German), for lang.AddTranslationsFS:
// they take part beside Twostep's.
//
//go:embed translations
var Translations embed.FS

// Purpose is what the notes are kept under in the gate's data file.
const Purpose = "notes"

// Page is the notes page of one signed-in session.
type Page struct {
	s       *gate.Session
	ids     []string          // the notes, newest first
	titles  map[string]string // a note's first line, by ID
	current string            // the note being written ("" for a new one)
	list    *widget.List
	text    *ui.Entry
	save    *widget.Button
	status  *widget.Label
}

// New is the page for s: what gate.New calls at each sign-in and unlock.
func New(s *gate.Session) fyne.CanvasObject {
	p := &Page{s: s, titles: map[string]string{}}
	p.text = gate.NewMultiLineEntry() // Ctrl+L and Ctrl+Q work while it has the focus
	p.text.SetPlaceHolder(lang.X("notes.placeholder", "Write a note"))
	p.save = widget.NewButtonWithIcon(lang.X("notes.save", "Save"), theme.DocumentSaveIcon(), p.onSave)
	p.save.Importance = widget.HighImportance
	add := widget.NewButtonWithIcon(lang.X("notes.new", "New note"), theme.ContentAddIcon(), p.onNew)
	p.status = widget.NewLabel("")
	p.list = widget.NewList(func() int { return len(p.ids) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.titles[p.ids[i]]) })
	p.list.OnSelected = func(i widget.ListItemID) { p.open(p.ids[i]) }
	editor := container.NewBorder(nil, container.NewHBox(p.save, p.status), nil, nil, p.text)
	split := container.NewHSplit(container.NewBorder(add, nil, nil, nil, p.list), editor)
	split.Offset = 0.3
	p.load()
	return split
}

// load reads every note's title off the UI goroutine: each is opened from the data file.
func (p *Page) load() {
	var ids []string
	titles := map[string]string{}
	p.s.Run(func() (err error) {
		if ids, err = p.s.Names(Purpose); err != nil {
			return err
		}
		for _, id := range ids {
			text, err := p.s.Get(Purpose, id)
			if err != nil {
				return err
			}
			titles[id] = title(string(text))
		}
		return nil
	}, func(err error) {
		if err != nil {
			p.status.SetText(gate.ErrorText(err))
			return
		}
		slices.Reverse(ids) // IDs grow with time: newest first
		p.ids, p.titles = ids, titles
		p.list.Refresh()
	})
}

func (p *Page) open(id string) {
	var text []byte
	p.s.Run(func() (err error) {
		text, err = p.s.Get(Purpose, id)
		return err
	}, func(err error) {
		if err != nil {
			p.status.SetText(gate.ErrorText(err))
			return
		}
		p.current = id
		p.text.SetText(string(text))
		p.status.SetText("")
	})
}

func (p *Page) onNew() {
	p.current = ""
	p.list.UnselectAll()
	p.text.SetText("")
	p.status.SetText("")
}

// onSave seals the note under the account and stores it, off the UI goroutine.
func (p *Page) onSave() {
	id, text := p.current, p.text.Text
	if id == "" {
		id = newID()
	}
	p.save.Disable()
	p.s.Run(func() error { return p.s.Put(Purpose, id, []byte(text)) }, func(err error) {
		p.save.Enable()
		if err != nil {
			p.status.SetText(gate.ErrorText(err))
			return
		}
		if !slices.Contains(p.ids, id) {
			p.ids = append([]string{id}, p.ids...)
		}
		p.current, p.titles[id] = id, title(text)
		p.list.Refresh()
		p.status.SetText(lang.X("notes.saved", "Saved, sealed under your account."))
	})
}

// newID is a note's name in the data file: the time it was made, so names sort by age,
// then randomness, so two made in the same instant differ.
func newID() string {
	b := make([]byte, 4)
	rand.Read(b)
	return strings.ReplaceAll(nowStamp(), ":", "") + "-" + hex.EncodeToString(b)
}

// title is a note's first line, or "(empty)".
func title(text string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	if first == "" {
		return lang.X("notes.empty", "(empty)")
	}
	return first
}
