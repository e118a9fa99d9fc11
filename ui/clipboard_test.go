package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
)

// Quitting within the minute a copied secret is on the clipboard takes it off, however
// Twostep is quit; what the person copied since stays.
func TestQuittingClearsTheClipboard(t *testing.T) {
	codes := []string{"aaaaa-bbbbb", "ccccc-ddddd"}
	for _, quit := range []struct {
		how string
		do  func(e *env)
	}{
		{"the close button", func(e *env) { e.w.(*testWindow).pressClose() }},
		{"Ctrl+Q", func(e *env) { e.shortcut(fyne.KeyQ) }},
		{"a signal (Quit, from another goroutine)", func(e *env) {
			done := make(chan struct{})
			go func() { e.u.Quit(); close(done) }()
			<-done
			e.settle()
			e.u.run(nil, func() error { return nil }, func(error) { t.Error("work finished after the quit still called into the window") })
			e.settle()
		}},
	} {
		for _, tc := range []struct {
			name  string
			since string // copied after the codes, or ""
		}{
			{"the copied codes go", ""},
			{"what was copied since stays", "a shopping list"},
		} {
			t.Run(quit.how+": "+tc.name, func(t *testing.T) {
				e := newEnv(t)
				e.enter(e.account(alice, testenv.AlicePW))
				e.u.showBackupCodes(codes, "", nil)
				e.settle()
				e.tap("Copy")
				cb := e.app.Clipboard()
				if cb.Content() != strings.Join(codes, "\n") {
					t.Fatalf("Copy put %q on the clipboard", cb.Content())
				}
				if tc.since != "" {
					cb.SetContent(tc.since)
				}
				quit.do(e)
				if !e.closed() {
					t.Fatalf("%s did not close the window", quit.how)
				}
				if cb.Content() != tc.since {
					t.Fatalf("after quitting the clipboard holds %q, want %q", cb.Content(), tc.since)
				}
			})
		}
	}

	// Nothing on the start page copies a secret, but its Quit must take the same way out.
	t.Run("the start page's Quit", func(t *testing.T) {
		e := start(t, newClock(), func() (*app.Service, error) { return nil, core.Fail(core.KindKeyringLocked, "") })
		e.wantText("Twostep cannot start")
		e.u.copySecret("a setup key")
		e.tap("Quit")
		if !e.closed() {
			t.Fatal("Quit did not close the window")
		}
		if c := e.app.Clipboard().Content(); c != "" {
			t.Fatalf("after Quit the clipboard holds %q", c)
		}
	})
}
