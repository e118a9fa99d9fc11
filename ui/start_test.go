package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/boltstore"
	"github.com/twostep-app/twostep/core/keyring/keyringtest"
	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/words"
)

// The start page explains why Twostep cannot open, in the engine's sentence, and Retry
// opens it once the cause is gone.
func TestStartPageExplainsAndRetries(t *testing.T) {
	for _, tc := range []struct {
		name string
		want core.Kind
		// block makes the first opening fail; it returns what lets the next one succeed.
		block func(t *testing.T, path string, locked *bool) (unblock func())
	}{
		{"keyring locked", core.KindKeyringLocked, func(t *testing.T, _ string, locked *bool) func() {
			*locked = true
			return func() { *locked = false }
		}},
		{"already running", core.KindAlreadyRunning, func(t *testing.T, path string, _ *bool) func() {
			held, err := boltstore.Open(path) // another Twostep holds the data file
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { held.Close() })
			return func() {
				if err := held.Close(); err != nil {
					t.Fatal(err)
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kr := keyringtest.Require(t)
			path := filepath.Join(testenv.TempDir(t), "twostep.db")
			c := newClock()
			var locked bool
			var opened *boltstore.Store
			t.Cleanup(func() {
				if opened != nil {
					opened.Close()
				}
			})
			unblock := tc.block(t, path, &locked)
			calls := 0
			e := start(t, c, func() (*app.Service, error) {
				calls++
				if locked {
					return nil, core.Fail(core.KindKeyringLocked, "")
				}
				db, err := boltstore.Open(path)
				if err != nil {
					return nil, err
				}
				opened = db
				return app.New(db, kr, app.WithClock(c.Now)), nil
			})

			e.wantText("Twostep cannot start")
			e.wantText(words.Message(core.Fail(tc.want, "")))
			e.wantNoText("Sign in to Twostep")
			e.wantEnabled("Retry", true)
			e.wantEnabled("Quit", true)
			if spin := findAll(e.page(), func(*widget.Activity) bool { return true }); len(spin) != 0 {
				t.Error("the spinner still turns on the failure page")
			}

			unblock()
			e.tap("Retry")
			if calls != 2 {
				t.Fatalf("the opener ran %d times, want 2", calls)
			}
			e.wantSignIn()
			e.wantNoText("Twostep cannot start")
		})
	}
}
