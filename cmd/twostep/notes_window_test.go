package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/twostep-app/twostep/ui/gate"
)

// The notes demo (cmd/notes-demo) in a real window, once, as TestRealWindowTurnsOnTwoStep
// does Twostep: the gate's pages carry the demo's name, an account is created, a note is
// written and saved sealed, Ctrl+L locks the window (the note leaves the screen), and the
// password unlocks it back to the notes.
func TestRealWindowNotesDemo(t *testing.T) {
	needRealWindow(t)
	const (
		username = "ada"
		password = "correct horse battery staple"
		note     = "Plant the tulips"
	)
	w := &window{t: t, shots: t.TempDir(), title: "Notes"}
	w.ocr, _ = exec.LookPath("tesseract")
	bin := buildApp(t, "../notes-demo")
	display := startXvfb(t)
	data := t.TempDir()
	w.start(bin, display, data)
	t.Cleanup(func() {
		if t.Failed() {
			w.report()
		}
	})

	w.see("the sign-in page", `Sign in to Notes`, 20*time.Second)
	w.key("Tab", "Tab", "space")
	w.see("the create-account page", `Create your Notes account`, 5*time.Second)
	w.fillNewAccount(username, password)
	w.see("the notes page", `Write a note|New note`, 15*time.Second)

	// The note: a click in the editor (the right of the split), the text, a click on Save
	// (Tab in a text of many lines is a tab).
	w.xdotool("mousemove", "--window", w.id, "600", "300", "click", "1")
	w.typeText(note)
	w.xdotool("mousemove", "--window", w.id, "312", "622", "click", "1")
	// Saved: the note's title is listed on a line of its own, at the left (tesseract reads the
	// list better than the small line beside Save).
	w.see("the note saved and listed", `(?m)^Plant the tulips\s*$|Saved, sealed`, 10*time.Second)
	raw, err := os.ReadFile(filepath.Join(data, gate.DataFile))
	if err != nil || bytes.Contains(raw, []byte(note)) {
		t.Fatalf("the data file (%v) holds the note in plain, or cannot be read", err)
	}

	w.key("ctrl+l")
	if text := w.see("the lock page", `Locked by you`, 10*time.Second); regexp.MustCompile(`Plant|tulips`).MatchString(text) {
		t.Fatalf("the locked window still shows the note:\n%s", text)
	}
	w.typeText(password)
	w.key("Return")
	w.see("the notes after unlocking, read again under the account", `(?m)^Plant the tulips\s*$`, 15*time.Second)
	w.key("ctrl+q")
	if err := w.waitExit(10 * time.Second); err != nil {
		t.Fatalf("after Ctrl+Q: %v", err)
	}
}
