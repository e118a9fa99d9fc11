package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/internal/private/privatetest"
	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/words"
)

// The backup codes dialog: Save… suggests a file name in the real save dialog, writes an
// owner-only file, and a cancelled save is no error; Copy clears the clipboard after a
// minute; closing before the codes were kept asks first (Done or Escape), after not.
func TestBackupCodesDialog(t *testing.T) {
	e := newEnv(t)
	e.enter(e.account(alice, testenv.AlicePW))
	codes := make([]string, 10)
	for i := range codes {
		codes[i] = fmt.Sprintf("%05d-abcd%d", i*1111, i)
	}
	closed := 0
	e.u.showBackupCodes(codes, "", func() { closed++ })
	e.settle()
	e.wantText("Save your backup codes")
	for i, c := range codes {
		e.wantText(fmt.Sprintf("%2d.  %s", i+1, c))
	}
	const name = "twostep-backup-codes-alice.txt"

	t.Run("Save… opens the save dialog with the suggested name", func(t *testing.T) {
		e := e.in(t)
		e.tap("Save…")
		if e.overlays() != 2 {
			t.Fatalf("%d dialogs are open, want the save dialog over the codes", e.overlays())
		}
		if got := findAll(e.layer(), func(en *widget.Entry) bool { return en.Text == name }); len(got) != 1 {
			t.Fatalf("the save dialog does not suggest %q; it shows %q", name, texts(e.layer()))
		}
		e.tap("Cancel")
		if e.overlays() != 1 {
			t.Fatal("cancelling the save dialog did not go back to the codes")
		}
		if p := e.problems(); len(p) != 0 {
			t.Fatalf("a cancelled save says %q", p)
		}
	})

	t.Run("a cancelled save says nothing and keeps nothing", func(t *testing.T) {
		e := e.in(t)
		asked := ""
		e.u.pickSave = func(n string, done func(fyne.URIWriteCloser, error)) { asked = n; done(nil, nil) }
		e.tap("Save…")
		if asked != name {
			t.Errorf("the save dialog was asked for %q, want %q", asked, name)
		}
		if p := e.problems(); len(p) != 0 {
			t.Fatalf("a cancelled save says %q", p)
		}
	})

	t.Run("Done or Escape before the codes are kept asks first", func(t *testing.T) {
		e := e.in(t)
		for _, close := range []func(){
			func() { e.tap("Done") },
			func() { e.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}); e.settle() },
		} {
			close()
			if e.overlays() != 2 {
				t.Fatalf("%d dialogs are open, want a question over the codes", e.overlays())
			}
			e.wantText("Are you sure?")
			e.wantText("Close without saving")
			e.tap("Cancel")
			if e.overlays() != 1 || closed != 0 {
				t.Fatalf("going back left %d dialogs open and closed the codes %d times", e.overlays(), closed)
			}
			e.wantText("Save your backup codes")
		}
	})

	t.Run("Save… writes a private file", func(t *testing.T) {
		e := e.in(t)
		path := filepath.Join(testenv.TempDir(t), name)
		// A file others can read is already there: saving over it must not keep its mode.
		if err := os.WriteFile(path, []byte("an older list\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		privatetest.Loosen(t, path, 0o644)
		asked := e.saveTo(path)
		e.tap("Save…")
		if *asked != name {
			t.Errorf("the save dialog was asked for %q, want %q", *asked, name)
		}
		e.wantSays("Saved to " + path + ".")
		privatetest.WantPrivate(t, path, 0o600)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		head := "Twostep backup codes for alice\nGenerated " + e.clock.Now().Format("2 January 2006") + " at "
		if !strings.HasPrefix(text, head) {
			t.Errorf("the file starts %q, want %q", text[:min(len(text), 80)], head)
		}
		for i, c := range codes {
			if line := fmt.Sprintf("\n%2d. %s\n", i+1, c); !strings.Contains(text, line) {
				t.Errorf("the file lacks the line %q", strings.TrimSpace(line))
			}
		}
		if strings.Contains(text, "older") || !strings.Contains(text, "Each code works once.") {
			t.Errorf("the file reads %q", text)
		}
	})

	t.Run("Copy clears the clipboard after a minute", func(t *testing.T) {
		e := e.in(t)
		cb := e.app.Clipboard()
		e.tap("Copy")
		if want := strings.Join(codes, "\n"); cb.Content() != want {
			t.Fatalf("the clipboard holds %q, want the codes", cb.Content())
		}
		e.wantSays("Copied. The clipboard is cleared in 60 seconds; paste them somewhere safe now.")
		e.advance(59 * time.Second)
		if cb.Content() == "" {
			t.Fatal("the clipboard was cleared before the minute was up")
		}
		e.advance(time.Second)
		if cb.Content() != "" {
			t.Fatalf("after a minute the clipboard still holds %q", cb.Content())
		}
		e.tap("Copy")
		cb.SetContent("something copied since")
		e.advance(time.Minute)
		if cb.Content() != "something copied since" {
			t.Fatalf("clearing the codes wiped what was copied since: %q", cb.Content())
		}
	})

	t.Run("Done after saving closes at once", func(t *testing.T) {
		e := e.in(t)
		e.tap("Done")
		if e.overlays() != 0 || closed != 1 {
			t.Fatalf("Done left %d dialogs open and closed the codes %d times", e.overlays(), closed)
		}
	})
}

// Backup codes made but never closed with Done (Twostep closed first) may be lost: the
// dashboard says so in red, at every sign-in, with one button to make new ones, also next
// to another note. New codes closed with Done clear it.
func TestUnseenBackupCodesNote(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	secret, codes := e.twoFactorUnseen(sess)
	e.enter(sess)
	e.wantUnseenNote(true)

	e.menu("Sign out")
	e.signIn(alice, testenv.AlicePW)
	e.tap("Use a backup code instead")
	e.verify(codes[0], false)
	e.wantText("You signed in with a backup code. 9 backup codes are left.")
	e.wantUnseenNote(true)

	e.tap("Generate new backup codes")
	if regen := e.button("Regenerate…"); regen.(*actionButton).Importance != widget.HighImportance {
		t.Error("Regenerate… does not stand out while the codes may be lost")
	}
	e.tap("Regenerate…")
	e.fill("Password", testenv.AlicePW)
	e.fill("Verification code or backup code", e.nextCode(secret))
	e.tap("Regenerate")
	e.wantText("Save your backup codes")
	e.tap("Copy")
	e.tap("Done")
	if e.overlays() != 0 {
		t.Fatal("Done after Copy left the codes open")
	}
	e.tap("Dashboard")
	e.wantText("Welcome, alice")
	e.wantUnseenNote(false)
	if st := e.status(e.u.sess); st.BackupCodesUnseen {
		t.Fatal("the engine still counts the codes as unseen")
	}
}

// wantUnseenNote checks the dashboard's warning that the newest backup codes may be lost.
func (e *env) wantUnseenNote(shown bool) {
	e.t.Helper()
	notes := findAll(e.page(), func(l *widget.Label) bool { return l.Text == words.UnseenCodes() })
	gen := buttonsIn(e.page(), "Generate new backup codes")
	if !shown {
		if len(notes)+len(gen) != 0 {
			e.t.Fatalf("the dashboard still warns that the backup codes may be lost: %q", texts(e.page()))
		}
		return
	}
	if len(notes) != 1 || notes[0].Importance != widget.DangerImportance || len(gen) != 1 {
		e.t.Fatalf("the dashboard does not warn in red, with one way out, that the backup codes may be lost: %q", texts(e.page()))
	}
}

// If Twostep cannot record that the codes were seen, Done says why and leaves the codes up
// to be saved; pressed again, it closes all the same instead of trapping the person.
func TestBackupCodesDialogWhenSeenCannotBeRecorded(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	e.enter(sess)
	closed := 0
	e.u.showBackupCodes([]string{"aaaaa-bbbbb"}, "", func() { closed++ })
	e.settle()
	e.tap("Copy")
	if err := e.svc.SignOut(sess); err != nil { // the session ends underneath the dialog
		t.Fatal(err)
	}
	e.tap("Done")
	if e.overlays() != 1 || closed != 0 {
		t.Fatalf("the dialog closed (%d overlays) though nothing was recorded", e.overlays())
	}
	if p := e.problems(); len(p) != 1 || !strings.Contains(p[0], "signed out") {
		t.Fatalf("problems = %q, want the reason", p)
	}
	e.tap("Done")
	if e.overlays() != 0 || closed != 1 {
		t.Fatalf("the second Done did not close the dialog (%d overlays, closed %d)", e.overlays(), closed)
	}
}
