package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/ui/words"
)

// formWidth is the width of the centred sign-in style forms.
const formWidth = 400

// heading is a screen or dialog title.
func heading(text string) *widget.RichText {
	return widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		SizeName:  theme.SizeNameHeadingText,
		TextStyle: fyne.TextStyle{Bold: true},
	}})
}

// subheading titles a step or a section inside a screen. It wraps: a title in German or
// French may not fit the narrowest window on one line.
func subheading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// paragraph is text that wraps to the width it is given.
func paragraph(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// problem is the inline line that says what went wrong; it is hidden while empty.
type problem struct{ *widget.Label }

func newProblem() problem {
	l := paragraph("")
	l.Importance = widget.DangerImportance
	l.Hide()
	return problem{l}
}

func (p problem) say(text string) {
	p.SetText(text)
	p.Label.Importance = widget.DangerImportance
	p.Show()
}

// good says something went well, in the same place a problem would show.
func (p problem) good(text string) {
	p.SetText(text)
	p.Label.Importance = widget.SuccessImportance
	p.Show()
}

func (p problem) sayErr(err error) { p.say(words.Message(err)) }

func (p problem) clear() {
	p.SetText("")
	p.Hide()
}

// labelled stacks a caption over a field, the way desktop forms read top to bottom.
func labelled(caption string, obj fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(widget.NewLabelWithStyle(caption, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), obj)
}

// column centres objects in a column of fixed width, for forms on an otherwise empty page.
func column(width float32, objs ...fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewVBox(objs...)
	return container.NewVScroll(container.NewCenter(container.New(fixedWidth(width), box)))
}

// fixedWidth lays its children out one above the other, each as wide as the column.
type fixedWidth float32

func (w fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(float32(w), h)
}

func (w fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(float32(w), max(size.Height, o.MinSize().Height)))
	}
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// windowMin is the least room the window keeps, however little its page needs: the dialogs
// (the QR code, the backup codes, the prompts) are made to fit in it, in every language.
var windowMin = fyne.NewSize(480, 400)

// atLeast gives its one child all its room, and asks for at least its own size.
type atLeast fyne.Size

func (a atLeast) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.Size(a)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

func (a atLeast) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// scrollPage scrolls content with padding, wider on the right so the scroll bar never
// covers right-aligned buttons.
func scrollPage(content fyne.CanvasObject) fyne.CanvasObject {
	p := theme.Padding()
	return container.NewVScroll(container.New(layout.NewCustomPaddedLayout(p, p, p, p+12), content))
}

// page puts a bar above a body. Unlike container.NewBorder it lists the bar first, so Tab
// reaches the bar (back, profile picture) before the body, as the page reads.
func page(bar, body fyne.CanvasObject) fyne.CanvasObject {
	return container.New(layout.NewBorderLayout(bar, nil, nil, nil), bar, body)
}

// pageBody is the part of a page under its top bar: a spinner while its content is read,
// then the content. The spinner is stopped when it goes: an Activity left turning off screen
// keeps the window redrawing some 60 times a second, which an idle window must not.
type pageBody struct {
	*fyne.Container
	spin *widget.Activity
}

func newPageBody() *pageBody {
	spin := widget.NewActivity()
	spin.Start()
	return &pageBody{Container: container.NewStack(container.NewCenter(spin)), spin: spin}
}

// set shows content in place of what the body showed.
func (b *pageBody) set(content fyne.CanvasObject) {
	b.spin.Stop()
	b.Objects = []fyne.CanvasObject{content}
	b.Refresh()
}
