package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// look is Fyne's default theme, following the desktop's light or dark choice, with darker
// success, warning and error colours in light mode: Fyne's green, orange and red on white
// measure 1.3:1, 1.9:1 and 3.7:1, below the 4.5:1 that text needs to be read (WCAG 2 AA).
type look struct{ fyne.Theme }

func newLook() fyne.Theme { return look{theme.DefaultTheme()} }

func (l look) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if v == theme.VariantLight {
		switch n {
		case theme.ColorNameSuccess:
			return color.NRGBA{R: 0x1b, G: 0x7f, B: 0x3b, A: 0xff} // 5.2:1 on white
		case theme.ColorNameWarning:
			return color.NRGBA{R: 0xa8, G: 0x55, B: 0x00, A: 0xff} // 5.0:1 on white
		case theme.ColorNameError:
			return color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff} // 5.6:1 on white, and under white text
		}
	}
	return l.Theme.Color(n, v)
}

// Look is Twostep's theme: Fyne's default with status colours that can be read in light
// mode. Twostep's own window uses it; an app behind the gate keeps its own theme unless it
// sets this one.
func Look() fyne.Theme { return newLook() }
