package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// card is a titled panel on a slightly raised background. Fyne's widget.Card titles use
// the heading size, which shouts on a page of several cards; these read as sections.
func card(title, subtitle string, content fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
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
