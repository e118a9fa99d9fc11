package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// card is a titled panel on a slightly raised background. Fyne's widget.Card titles use
// the heading size, which shouts on a page of several cards; these read as sections.
func card(title, subtitle string, content fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(raised())
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius) * 2
	parts := []fyne.CanvasObject{}
	if title != "" {
		parts = append(parts, widget.NewRichText(&widget.TextSegment{Text: title, Style: widget.RichTextStyle{
			SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}}))
	}
	if subtitle != "" {
		sub := paragraph(subtitle)
		parts = append(parts, sub)
	}
	parts = append(parts, content)
	return container.NewStack(bg, container.NewPadded(container.NewVBox(parts...)))
}

// raised is the card background: the text colour at 5%, so a card stands off the page in
// both light and dark, and the entries inside it keep their own background.
func raised() color.Color {
	r, g, b, _ := theme.Color(theme.ColorNameForeground).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 13}
}
