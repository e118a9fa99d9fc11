package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// strengthBar draws a password's zxcvbn score as four short segments that fill and change
// colour (red, orange, green) as the score rises, with the score's word beside them. It is
// deliberately slim and uncoloured when empty, so it never reads as a button.
type strengthBar struct {
	widget.BaseWidget
	score int  // 0 to 4
	empty bool // nothing typed: no segment filled
}

func newStrengthBar() *strengthBar {
	b := &strengthBar{empty: true}
	b.ExtendBaseWidget(b)
	return b
}

func (b *strengthBar) set(score int, empty bool) {
	b.score, b.empty = score, empty
	b.Refresh()
}

// word is what the bar says next to the segments.
func (b *strengthBar) word() string {
	if b.empty {
		return ""
	}
	return strengthWord(b.score)
}

func (b *strengthBar) CreateRenderer() fyne.WidgetRenderer {
	r := &strengthRenderer{b: b, text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	r.text.TextStyle.Bold = true
	r.text.TextSize = theme.CaptionTextSize() + 1
	for i := range r.segs {
		r.segs[i] = canvas.NewRectangle(nil)
		r.segs[i].CornerRadius = 2
	}
	r.Refresh()
	return r
}

type strengthRenderer struct {
	b    *strengthBar
	segs [4]*canvas.Rectangle
	text *canvas.Text
}

const (
	segHeight  = 6
	wordsWidth = 90 // room for "Very strong", and at least as much in any language
)

// wordsRoom is the room beside the segments: enough for the longest of the score's words
// in the language the window speaks ("Sehr schwach" is wider than "Very strong").
func (r *strengthRenderer) wordsRoom() float32 {
	w := float32(0)
	for score := range maxScore + 1 {
		w = max(w, fyne.MeasureText(strengthWord(score), r.text.TextSize, r.text.TextStyle).Width)
	}
	return max(wordsWidth, w+2*theme.Padding())
}

func (r *strengthRenderer) Layout(size fyne.Size) {
	gap := theme.Padding()
	wordsWidth := r.wordsRoom()
	segW := (size.Width - wordsWidth - 4*gap) / 4
	y := (size.Height - segHeight) / 2
	for i, s := range r.segs {
		s.Move(fyne.NewPos(float32(i)*(segW+gap), y))
		s.Resize(fyne.NewSize(segW, segHeight))
	}
	ts := r.text.MinSize()
	r.text.Resize(ts)
	r.text.Move(fyne.NewPos(size.Width-wordsWidth+gap, (size.Height-ts.Height)/2))
}

func (r *strengthRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.wordsRoom()+80, max(r.text.MinSize().Height, segHeight))
}

func (r *strengthRenderer) Refresh() {
	filled := 0
	if !r.b.empty {
		filled = max(r.b.score, 1)
	}
	on := theme.Color(theme.ColorNameError)
	switch {
	case r.b.score >= 3:
		on = theme.Color(theme.ColorNameSuccess)
	case r.b.score == 2:
		on = theme.Color(theme.ColorNameWarning)
	}
	for i, s := range r.segs {
		s.FillColor = theme.Color(theme.ColorNameInputBorder)
		if i < filled {
			s.FillColor = on
		}
		s.Refresh()
	}
	r.text.Text = r.b.word()
	r.text.Color = theme.Color(theme.ColorNameForeground)
	r.text.Refresh()
	r.Layout(r.b.Size())
}

func (r *strengthRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.segs[0], r.segs[1], r.segs[2], r.segs[3], r.text}
}

func (r *strengthRenderer) Destroy() {}
