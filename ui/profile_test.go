package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/words"
)

// The Profile tab: fields are saved through the engine (which refuses a bad email with its
// sentence); a picture is chosen, refused when it is not an image, saved and removed.
func TestProfileTab(t *testing.T) {
	e := newEnv(t)
	sess := e.account(alice, testenv.AlicePW)
	e.enter(sess)
	e.tap("Edit profile")
	preview := e.preview()
	if preview.picture != nil || preview.initials != "A" {
		t.Fatalf("the preview starts with initials %q and a picture: %v", preview.initials, preview.picture != nil)
	}
	e.wantEnabled("Remove picture", false)

	e.fill("Display name", "Alice Liddell")
	e.fill("Email", "alice-at-example")
	e.fill("Phone", "+44 20 7946 0018")
	if note := e.field("Note"); !note.MultiLine {
		t.Fatal("the note field takes one line only")
	}
	e.fill("Note", "Follows white rabbits.")
	e.tap("Save profile")
	e.wantSays(words.Message(core.Profile{Email: "alice-at-example"}.Validate()))
	if p := e.profile(sess); p.DisplayName != "" {
		t.Fatalf("a refused profile was saved: %+v", p)
	}

	e.fill("Email", "alice@example.com")
	e.tap("Save profile")
	e.wantSays("Profile saved.")
	want := core.Profile{DisplayName: "Alice Liddell", Email: "alice@example.com", Phone: "+44 20 7946 0018", Note: "Follows white rabbits."}
	if p := e.profile(sess); p.DisplayName != want.DisplayName || p.Email != want.Email || p.Phone != want.Phone || p.Note != want.Note {
		t.Fatalf("the engine holds %+v, want %+v", p, want)
	}
	if bar := e.topAvatar(); bar.initials != "AL" {
		t.Errorf("the top bar shows initials %q, want AL", bar.initials)
	}

	dir := testenv.TempDir(t)
	png, notPNG := filepath.Join(dir, "me.png"), filepath.Join(dir, "me.txt")
	pic := picture(t)
	if err := os.WriteFile(png, pic, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notPNG, []byte("not a picture at all"), 0o600); err != nil {
		t.Fatal(err)
	}

	e.openFrom("") // the person cancels the open dialog
	e.tap("Choose picture…")
	if said := e.problems(); len(said) != 1 || said[0] != "Profile saved." || preview.picture != nil {
		t.Fatalf("a cancelled choice says %q or changed the picture", said)
	}

	e.openFrom(notPNG)
	e.tap("Choose picture…")
	e.wantSays(words.Message(core.ValidatePicture([]byte("not a picture at all"))))
	if preview.picture != nil {
		t.Fatal("a file that is not an image became the picture")
	}

	e.openFrom(png)
	e.tap("Choose picture…")
	if len(e.problems()) != 0 {
		t.Errorf("a good picture leaves the message %q", e.problems())
	}
	if preview.picture == nil {
		t.Fatal("the chosen picture is not shown")
	}
	e.wantEnabled("Remove picture", true)
	if p := e.profile(sess); len(p.Picture) != 0 {
		t.Fatal("choosing a picture saved it before Save profile")
	}
	e.tap("Save profile")
	if p := e.profile(sess); !bytes.Equal(p.Picture, pic) {
		t.Fatalf("the engine holds a %d-byte picture, want the %d-byte PNG", len(p.Picture), len(pic))
	}
	if e.topAvatar().picture == nil {
		t.Error("the top bar does not show the new picture")
	}

	e.tap("Remove picture")
	if preview.picture != nil || preview.initials != "AL" {
		t.Fatal("the preview still shows the picture after Remove")
	}
	e.wantEnabled("Remove picture", false)
	e.tap("Save profile")
	if p := e.profile(sess); len(p.Picture) != 0 {
		t.Fatal("the removed picture is still saved")
	}

	e.tap("Dashboard")
	e.wantText("Welcome, Alice Liddell")
	e.cardShows("Your information", "alice@example.com")
	e.cardShows("Your information", "Follows white rabbits.")
}

// preview is the Profile tab's large picture; topAvatar the one in the top bar.
func (e *env) preview() *avatar {
	e.t.Helper()
	return e.avatar(func(a *avatar) bool { return a.onTap == nil })
}

func (e *env) topAvatar() *avatar {
	e.t.Helper()
	return e.avatar(func(a *avatar) bool { return a.onTap != nil })
}

func (e *env) avatar(match func(*avatar) bool) *avatar {
	e.t.Helper()
	as := findAll(e.page(), match)
	if len(as) != 1 {
		e.t.Fatalf("want one such avatar, found %d", len(as))
	}
	return as[0]
}

func (e *env) profile(sess *app.Session) core.Profile {
	e.t.Helper()
	p, err := e.svc.Profile(sess)
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}
