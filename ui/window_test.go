package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/twostep-app/twostep/app"

	"github.com/twostep-app/twostep/internal/testenv"
)

// The window opens at 900x640 the first time and at the size it was closed with after that.
func TestWindowRemembersItsSize(t *testing.T) {
	e := newEnv(t)
	if got := e.w.Canvas().Size(); got != fyne.NewSize(defaultWidth, defaultHeight) {
		t.Fatalf("a first window is %v, want %dx%d", got, defaultWidth, defaultHeight)
	}
	e.w.Resize(fyne.NewSize(1000, 700))
	e.u.onClose()

	again := New(e.app, func() (*app.Service, error) { return e.svc, nil })
	// Settle the second window too: its opening must report back before this test ends,
	// or it would run on the next test's app.
	for {
		again.Wait()
		if !e.drv.RunQueued() {
			break
		}
	}
	if got := again.Window().Canvas().Size(); got != fyne.NewSize(1000, 700) {
		t.Fatalf("the next window is %v, want the 1000x700 it was closed with", got)
	}
}

// Any background call turns the top bar's spinner until its result is back, also work
// started from no form with a spinner of its own (sign out, revoke, opening Enable).
func TestTopBarSpinsWhileWorkRuns(t *testing.T) {
	e := newEnv(t)
	e.enter(e.account(alice, testenv.AlicePW))
	if e.u.spin == nil || e.u.spin.Visible() {
		t.Fatal("the dashboard at rest should have a hidden top-bar spinner")
	}
	release := make(chan struct{})
	e.u.run(nil, func() error { <-release; return nil }, func(error) {})
	if !e.u.spin.Visible() {
		t.Fatal("the top-bar spinner is hidden while work runs")
	}
	close(release)
	e.settle()
	if e.u.spin.Visible() || e.u.pending != 0 {
		t.Fatalf("after the work: spinner shown %v, %d calls counted", e.u.spin.Visible(), e.u.pending)
	}
}

// Text in the success and warning colours stays readable (WCAG AA, 4.5:1) on the light
// theme's background, where Fyne's own green and orange are not; the dark theme is Fyne's.
func TestStatusColoursAreReadable(t *testing.T) {
	l := newLook()
	for _, tc := range []struct {
		name    fyne.ThemeColorName
		variant fyne.ThemeVariant
	}{
		{theme.ColorNameSuccess, theme.VariantLight},
		{theme.ColorNameWarning, theme.VariantLight},
		{theme.ColorNameSuccess, theme.VariantDark},
		{theme.ColorNameWarning, theme.VariantDark},
		{theme.ColorNameError, theme.VariantLight},
	} {
		fg, bg := l.Color(tc.name, tc.variant), l.Color(theme.ColorNameBackground, tc.variant)
		variant := map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[tc.variant]
		if r := contrast(fg, bg); r < 4.5 {
			t.Errorf("%s on the %s background: contrast %.1f:1, want at least 4.5:1", tc.name, variant, r)
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
