package gate_test

import (
	"fmt"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/keyring/keyringtest"
	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/gate"
	"github.com/twostep-app/twostep/ui/gate/gatetest"
)

const password = "plum-Velvet-harbour-93"

// host is an app behind the gate, with a data folder and keyring service of its own.
func host(t *testing.T, name string) *gate.Gate {
	kr := keyringtest.Require(t)
	a := gatetest.NewApp(t)
	w := a.NewWindow(name)
	g, err := gate.New(a, w, gate.Config{Name: name, DataDir: testenv.TempDir(t), KeyringService: kr.Service()},
		func(s *gate.Session) fyne.CanvasObject {
			return widget.NewLabel("Hello from " + name + ", " + s.Username())
		})
	testenv.Must(t, err)
	t.Cleanup(func() { testenv.Must(t, g.Close()) })
	w.Show()
	return g
}

// Two apps on one desktop, each with its own data folder and keyring service, do not see
// each other's accounts: a name taken in one is free in the other, and a password set in
// one opens nothing in the other.
func TestTwoAppsDoNotShareAccounts(t *testing.T) {
	notes := host(t, "Notes")
	// Notes' start-up work ends before Photos is made, its page not yet shown: the order in
	// which, once, Notes stayed on "Opening Notes…" (its page went to the app then current).
	notes.Wait()
	photos := host(t, "Photos")
	gatetest.CreateAccount(t, notes, "ada", password, "Hello from Notes, ada")
	gatetest.Type(t, photos, 0, "ada")
	gatetest.Type(t, photos, 1, password)
	gatetest.Tap(t, photos, "Sign in")
	gatetest.WaitFor(t, photos, "The username or password is wrong")
	gatetest.CreateAccount(t, photos, "ada", "another Password 4 photos", "Hello from Photos, ada")
}

// A Config without a name, a data folder or a keyring service is refused before anything
// is made.
func TestConfigIsChecked(t *testing.T) {
	a := gatetest.NewApp(t)
	dir := testenv.TempDir(t)
	for _, cfg := range []gate.Config{
		{DataDir: dir, KeyringService: "x"},
		{Name: "Notes", KeyringService: "x"},
		{Name: "Notes", DataDir: dir},
	} {
		if _, err := gate.New(a, a.NewWindow("x"), cfg, nil); err == nil {
			t.Errorf("%+v was taken", cfg)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused Config made %d files", len(entries))
	}
}

// A Fyne app puts its window behind the sign-in. Once someone signs in, the window shows
// the page home makes for the session.
func ExampleNew() {
	a := test.NewApp() // fyne.io/fyne/v2/app's New, in a real program
	w := a.NewWindow("Notes")
	dir, _ := os.MkdirTemp("", "notes")
	defer os.RemoveAll(dir)
	g, err := gate.New(a, w, gate.Config{Name: "Notes", DataDir: dir, KeyringService: "com.example.notes"},
		func(s *gate.Session) fyne.CanvasObject {
			return widget.NewLabel("Hello, " + s.Username())
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	fmt.Println(g.Window().Title())
	// Output: Notes
}

// ErrorText is what to show a person for an error of the gate's.
func ExampleErrorText() {
	fmt.Println(gate.ErrorText(core.Fail(core.KindKeyringLocked, "")))
	// Output: Your keyring is locked. Unlock it (GNOME Keyring, or your KeePassXC database) and try again.
}
