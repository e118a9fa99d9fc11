package notes_test

import (
	"runtime"

	"bytes"
	"fyne.io/fyne/v2/lang"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/twostep-app/twostep/cmd/notes-demo/notes"
	"github.com/twostep-app/twostep/core/keyring/keyringtest"
	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/gate"
	"github.com/twostep-app/twostep/ui/gate/gatetest"
	"github.com/twostep-app/twostep/ui/words"
)

const (
	password = "plum-Velvet-harbour-93"
	secret   = "figs, oat milk and a kite for Sunday"
	home     = "New note" // the notes page shows it
)

// demo is the notes demo on Fyne's test driver, over a real data file and the real keyring.
type demo struct {
	t       *testing.T
	g       *gate.Gate
	w       fyne.Window
	dir     string
	service string
}

func start(t *testing.T) *demo {
	kr := keyringtest.Require(t) // a keyring service of this test's own, emptied at the end
	a := gatetest.NewApp(t)
	w := a.NewWindow("Notes")
	w.Resize(fyne.NewSize(900, 640))
	d := &demo{t: t, w: w, dir: testenv.TempDir(t), service: kr.Service()}
	g, err := gate.New(a, w, gate.Config{Name: "Notes", DataDir: d.dir, KeyringService: d.service}, notes.New)
	testenv.Must(t, err)
	d.g = g
	t.Cleanup(func() { testenv.Must(t, g.Close()) })
	w.Show()
	return d
}

// The demo's whole story, as a person lives it: create an account, turn two-step on, sign
// out, sign in with a code, write a note, lock and unlock; the note is sealed throughout.
func TestNotesBehindTheGate(t *testing.T) {
	d := start(t)
	var events []gate.EventKind
	d.g.OnEvent(func(e gate.Event) { events = append(events, e.Kind) })
	gatetest.WaitFor(t, d.g, "Sign in")
	gatetest.CreateAccount(t, d.g, "ada", password, home)
	code := gatetest.TurnOnTwoStep(t, d.g, home)
	d.g.SignOut()
	gatetest.SignIn(t, d.g, "ada", password, code, home)

	gatetest.Tap(t, d.g, "New note")
	gatetest.Type(t, d.g, 0, secret)
	gatetest.Tap(t, d.g, "Save")
	gatetest.WaitFor(t, d.g, "Saved, sealed under your account.")
	d.wantSealed(secret)

	d.g.Lock()
	gatetest.WaitFor(t, d.g, "Locked by you.")
	if gatetest.Shows(d.g, "figs") {
		t.Fatal("the locked window still shows the note")
	}
	gatetest.Unlock(t, d.g, password, home)    // a trusted computer since the code: the password alone
	gatetest.WaitFor(t, d.g, "figs, oat milk") // the note's title, read again under the account

	gatetest.Settle(d.g)
	want := []gate.EventKind{gate.SignedIn, gate.SignedOut, gate.SignedIn, gate.Locked, gate.SignedIn}
	if !slices.Equal(events, want) {
		t.Errorf("events %v, want %v", events, want)
	}
}

// wantSealed: text is in no byte of the data file, nor of any value under the demo's
// keyring service, read out by another program as any process of the user could.
func (d *demo) wantSealed(text string) {
	d.t.Helper()
	raw, err := os.ReadFile(filepath.Join(d.dir, gate.DataFile))
	testenv.Must(d.t, err)
	if bytes.Contains(raw, []byte(text)) || bytes.Contains(raw, []byte("figs")) {
		d.t.Fatal("the data file holds the note in plain")
	}
	tool := testenv.NeedTool(d.t, "secret-tool")
	out, _ := exec.Command(tool, "search", "--all", "--unlock", "service", d.service).CombinedOutput()
	if !strings.Contains(string(out), "secret = ") {
		d.t.Fatalf("secret-tool finds nothing under %s: %s", d.service, out)
	}
	if strings.Contains(string(out), "figs") {
		d.t.Fatal("the keyring holds the note")
	}
}

// The demo's own words take part beside Twostep's: in German, the gate's pages name the demo
// in German sentences, and the notes page speaks the demo's German.
func TestNotesSpeakTheDesktopsLanguage(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("on Windows the language is the user's, not the environment's")
	}
	testenv.Must(t, lang.AddTranslationsFS(notes.Translations, "translations"))
	d := start(t)
	gatetest.CreateAccount(t, d.g, "ada", password, home)
	t.Cleanup(func() { testenv.Must(t, words.Load()) }) // after the locale is put back
	t.Setenv("LC_ALL", "de_DE.UTF-8")
	t.Setenv("LANGUAGE", "")
	testenv.Must(t, words.Load())
	d.g.SignOut()
	gatetest.WaitFor(t, d.g, "Bei Notes anmelden")
	gatetest.Type(t, d.g, 0, "ada")
	gatetest.Type(t, d.g, 1, password)
	gatetest.Tap(t, d.g, "Anmelden")
	gatetest.WaitFor(t, d.g, "Neue Notiz")
}
