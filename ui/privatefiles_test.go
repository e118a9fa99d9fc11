package ui

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/storage/repository"
	"fyne.io/fyne/v2/test"

	"github.com/twostep-app/twostep/internal/private/privatetest"
	"github.com/twostep-app/twostep/internal/testenv"
)

// lastFolder is the preference in which Fyne's file dialog remembers the folder it showed
// last (lastFolderKey in fyne's dialog/file.go): set, the next dialog opens there.
const lastFolder = "fyne:fileDialogLastFolder"

// Save… in the real save dialog writes the backup codes so that no one else could ever
// read them: the file is owner-only from its first byte, Fyne's dialog creates nothing at
// the chosen name, a symlink planted there is replaced rather than written through, and
// a file already there is replaced whole. Another user watching the folder sees none of it.
func TestBackupCodesSavedPrivately(t *testing.T) {
	e := newEnv(t)
	e.enter(e.account(alice, testenv.AlicePW))
	codes := []string{"11111-aaaaa", "22222-bbbbb", "33333-ccccc"}
	e.u.showBackupCodes(codes, "", nil)
	e.settle()
	const name = "twostep-backup-codes-alice.txt"
	finished := onDisk{access: ownerOnly, text: backupFile(alice, codes, e.clock.Now())}

	for _, tc := range []struct {
		name string
		// plant puts what is there before at the chosen name; planted symlinks point elsewhere.
		plant func(t *testing.T, path, elsewhere string)
	}{
		{"a new file", func(*testing.T, string, string) {}},
		{"over an older file others could read", func(t *testing.T, path, _ string) {
			testenv.Must(t, os.WriteFile(path, []byte("an older list\n"), 0o644))
			privatetest.Loosen(t, path, 0o644)
		}},
		{"over a symlink to someone else's file", func(t *testing.T, path, elsewhere string) {
			target := filepath.Join(elsewhere, "someone-elses.txt")
			testenv.Must(t, os.WriteFile(target, []byte("not yours to overwrite\n"), 0o644))
			testenv.Must(t, os.Symlink(target, path))
		}},
		{"over a symlink to no file yet", func(t *testing.T, path, elsewhere string) {
			testenv.Must(t, os.Symlink(filepath.Join(elsewhere, "planted.txt"), path))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.in(t)
			dir, elsewhere := testenv.TempDir(t), testenv.TempDir(t)
			path := filepath.Join(dir, name)
			tc.plant(t, path, elsewhere)
			before, _ := peek(path)
			listed, others := folder(t, dir), folder(t, elsewhere)
			e.app.Preferences().SetString(lastFolder, storage.NewFileURI(dir).String())
			handed := false
			e.u.pickSave = func(suggested string, done func(fyne.URIWriteCloser, error)) {
				e.u.fileSaveDialog(suggested, func(w fyne.URIWriteCloser, err error) {
					// Fyne's dialog has asked for the file by now: the disk must not have changed.
					handed = true
					if now, _ := peek(path); now != before {
						t.Errorf("when the dialog handed over the file, %s held %v; before it held %v", name, now, before)
					}
					if now := folder(t, dir); !maps.Equal(now, listed) {
						t.Errorf("when the dialog handed over the file, the folder held %v; before %v", now, listed)
					}
					done(w, err)
				})
			}

			stop := watchFolder(dir, name, before, finished)
			e.tap("Save…")
			e.tap("Save")
			if e.shows("Overwrite?") {
				e.tap("Yes")
			}
			if seen := stop(); len(seen) > 0 {
				t.Errorf("another user watching the folder saw:\n%s", seen)
			}
			if !handed {
				t.Fatal("the save dialog handed over no file")
			}
			e.wantSays("Saved to " + path + ".")
			if now, _ := peek(path); now != finished {
				t.Errorf("%s holds %v, want the codes, owner-only", name, now)
			}
			if now := folder(t, dir); len(now) != 1 {
				t.Errorf("the folder holds %v, want the codes file alone", now)
			}
			if now := folder(t, elsewhere); !maps.Equal(now, others) {
				t.Errorf("saving wrote through the symlink: the folder it points into held %v, now %v", others, now)
			}
		})
	}
}

// A save that cannot be done says why in words a person can act on, and leaves nothing
// behind: neither a temporary file nor a change to what is at the chosen name.
func TestBackupCodesSaveFailsCleanly(t *testing.T) {
	e := newEnv(t)
	e.enter(e.account(alice, testenv.AlicePW))
	e.u.showBackupCodes([]string{"11111-aaaaa"}, "", nil)
	e.settle()
	const name = "twostep-backup-codes-alice.txt"
	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, dir, path string)
		why     string
	}{
		{"into a read-only folder", func(t *testing.T, dir, _ string) { readOnlyFolder(t, dir) },
			"you do not have permission to write there."},
		// Fyne's dialog refuses a folder's name; a folder made there after it closed is not.
		{"over a folder made at the chosen name", func(t *testing.T, _, path string) {
			testenv.Must(t, os.Mkdir(path, 0o700))
			testenv.Must(t, os.WriteFile(filepath.Join(path, "kept.txt"), []byte("kept"), 0o600))
		}, "the file could not be written."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.in(t)
			dir := testenv.TempDir(t)
			path := filepath.Join(dir, name)
			tc.prepare(t, dir, path)
			listed := folder(t, dir)
			e.u.pickSave = func(_ string, done func(fyne.URIWriteCloser, error)) {
				var w fyne.URIWriteCloser
				var err error
				testenv.Must(t, withoutOverride(func() { w, err = storage.Writer(storage.NewFileURI(path)) }))
				if w != nil {
					w = unprivilegedWriter{w}
				}
				done(w, err)
			}
			e.tap("Save…")
			e.wantSays("The codes could not be saved there: " + tc.why + " Choose another place, or copy them.")
			if now := folder(t, dir); !maps.Equal(now, listed) {
				t.Errorf("the failed save left the folder holding %v; before %v", now, listed)
			}
		})
	}
}

// unprivilegedWriter closes, which is when the file is written, without the power to
// override file permissions that tests run as root have.
type unprivilegedWriter struct{ fyne.URIWriteCloser }

func (w unprivilegedWriter) Close() error {
	var err error
	if lost := withoutOverride(func() { err = w.URIWriteCloser.Close() }); lost != nil {
		return lost
	}
	return err
}

// The wrapped file repository offers Fyne each capability the driver's own has, and no
// other (Fyne finds them by type assertion: a lost one would quietly switch a feature
// off), is wrapped once however many windows are made, and hands out private writers.
func TestPrivateFilesKeepTheRepositorysCapabilities(t *testing.T) {
	test.NewTempApp(t)
	orig, err := repository.ForScheme("file")
	if err != nil {
		t.Fatal(err)
	}
	registerPrivateFiles()
	registerPrivateFiles()
	wrapped, _ := repository.ForScheme("file")
	if p, ok := wrapped.(*privateFiles); !ok || p.fileRepository != orig {
		t.Fatalf("the file repository is %T, want the driver's wrapped once", wrapped)
	}
	for _, c := range []struct {
		name string
		has  func(repository.Repository) bool
	}{
		{"WritableRepository", is[repository.WritableRepository]},
		{"AppendableRepository", is[repository.AppendableRepository]},
		{"ListableRepository", is[repository.ListableRepository]},
		{"HierarchicalRepository", is[repository.HierarchicalRepository]},
		{"CopyableRepository", is[repository.CopyableRepository]},
		{"MovableRepository", is[repository.MovableRepository]},
		{"DeleteAllRepository", is[repository.DeleteAllRepository]},
		{"CustomURIRepository", is[repository.CustomURIRepository]},
	} {
		if c.has(orig) != c.has(wrapped) {
			t.Errorf("the driver's file repository is a %s: %v; the wrapper: %v", c.name, c.has(orig), c.has(wrapped))
		}
	}
	w, err := storage.Writer(storage.NewFileURI(filepath.Join(testenv.TempDir(t), "x.txt")))
	if _, ok := w.(*privateWriter); !ok || err != nil {
		t.Fatalf("storage.Writer gives %T, %v; want a private writer", w, err)
	}
}

func is[T any](r repository.Repository) bool { _, ok := r.(T); return ok }

// onDisk is what another user could see at a name: a symlink's target, or who may read a
// file (its mode on Unix, its DACL on Windows: see access) and its text.
type onDisk struct {
	link   string
	access string
	others bool // whether others may read it
	text   string
}

func (d onDisk) String() string {
	if d.link != "" {
		return "a symlink to " + d.link
	}
	return fmt.Sprintf("%s %q", d.access, d.text)
}

// peek reads what is at path without following a symlink, as one consistent view: who may
// read the file and its text, of the same file, even while it is being replaced.
func peek(path string) (onDisk, bool) {
	f, err := openNoFollow(path)
	if err != nil {
		if target, lerr := os.Readlink(path); lerr == nil {
			return onDisk{link: target}, true
		}
		return onDisk{}, false // nothing there (now)
	}
	defer f.Close()
	who, others, err := access(f)
	if err != nil {
		return onDisk{}, false
	}
	text, _ := io.ReadAll(f)
	return onDisk{access: who, others: others, text: string(text)}, true
}

// folder is what dir holds, by name.
func folder(t *testing.T, dir string) map[string]onDisk {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]onDisk{}
	for _, en := range entries {
		out[en.Name()], _ = peek(filepath.Join(dir, en.Name()))
	}
	return out
}

// watchFolder looks at every file in dir, over and over, until the returned stop is
// called: another user of the computer, hoping to catch the codes. stop returns what that
// user could have seen that they must not: any file others may read that was not there
// before, or at the chosen name anything but what was there before or the finished file.
func watchFolder(dir, name string, before, finished onDisk) (stop func() []string) {
	quit := make(chan struct{})
	result := make(chan []string)
	go func() {
		seen := map[string]bool{}
		for {
			select {
			case <-quit:
				result <- slices.Sorted(maps.Keys(seen))
				return
			default:
			}
			entries, _ := os.ReadDir(dir)
			for _, en := range entries {
				d, ok := peek(filepath.Join(dir, en.Name()))
				switch {
				case !ok:
				case en.Name() == name && d != before && d != finished:
					seen[fmt.Sprintf("%s holding %v", name, d)] = true
				case en.Name() != name && d.link == "" && d.others:
					seen[fmt.Sprintf("%s, which others may read, holding %q", en.Name(), d.text)] = true
				}
			}
			runtime.Gosched()
		}
	}()
	return func() []string {
		close(quit)
		return <-result
	}
}
