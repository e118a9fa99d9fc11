package gatetest

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/twostep-app/twostep/internal/fynetest"
	"github.com/twostep-app/twostep/ui/gate"
)

// NewApp is Fyne's test app (test.NewTempApp) with the real driver's one rule kept: what
// background work hands back with fyne.Do runs on one goroutine, the test's, when the test
// looks at the window (every function here does), never on the worker's own. Fyne's test
// driver runs it at once on the worker, so a page that starts work with Session.Run would
// touch its widgets while the test does too.
// Its theme is Fyne's default: the test driver's own has no bold monospace font, which the
// setup key and the backup codes are shown in.
func NewApp(t testing.TB) fyne.App {
	a := fynetest.NewApp(t, nil)
	a.Settings().SetTheme(theme.DefaultTheme())
	return a
}

// Settle waits for the gate's work and runs what it handed back, until nothing is left:
// the window is then at rest. The functions here settle before they look.
func Settle(g *gate.Gate) {
	a, _ := fyne.CurrentApp().(*fynetest.App)
	for {
		g.Wait()
		if a == nil || !a.Queue.RunQueued() {
			return
		}
	}
}
