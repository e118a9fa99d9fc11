package private_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/twostep-app/twostep/internal/private"
	"github.com/twostep-app/twostep/internal/private/privatetest"
	"github.com/twostep-app/twostep/internal/testenv"
)

// Each test states what it wants with privatetest: exact modes on Unix, and on Windows a
// DACL that lets in no one but this user and SYSTEM (or, for a loose one, someone else too).

func TestMkdirAll(t *testing.T) {
	tests := []struct {
		name  string
		exist []string // folders there before, each made loose
		make  string
		want  []string // folders that must be private after
		loose []string // folders that must be as loose as before
	}{
		{"one new folder", nil, "a", []string{"a"}, nil},
		{"new folders all the way down", nil, "a/b/c", []string{"a", "a/b", "a/b/c"}, nil},
		{"below a folder that was there", []string{"a"}, "a/b", []string{"a/b"}, []string{"a"}},
		{"a folder that was there", []string{"a"}, "a", []string{"a"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := testenv.TempDir(t)
			for _, d := range tt.exist {
				path := filepath.Join(root, d)
				testenv.Must(t, os.Mkdir(path, 0o755))
				privatetest.Loosen(t, path, 0o755)
			}
			testenv.Must(t, private.MkdirAll(filepath.Join(root, tt.make)))
			for _, d := range tt.want {
				privatetest.WantPrivate(t, filepath.Join(root, d), 0o700)
			}
			for _, d := range tt.loose {
				privatetest.WantLoose(t, filepath.Join(root, d), 0o755)
			}
		})
	}
}

func TestMkdirAllOverAFile(t *testing.T) {
	path := filepath.Join(testenv.TempDir(t), "file")
	testenv.Must(t, os.WriteFile(path, nil, 0o600))
	if err := private.MkdirAll(filepath.Join(path, "sub")); err == nil {
		t.Fatal("MkdirAll made a folder inside a file")
	}
}

// OpenFile with the flags of the data file (bbolt), the log and a saved backup-code file.
func TestOpenFile(t *testing.T) {
	const (
		readWrite = os.O_RDWR | os.O_CREATE
		appending = os.O_WRONLY | os.O_APPEND | os.O_CREATE
		exclusive = os.O_WRONLY | os.O_CREATE | os.O_EXCL
	)
	tests := []struct {
		name    string
		flag    int
		before  string // the loose file's text there before; "" for none
		want    string // its text after "new" is written
		private bool   // whether it must be private after (an existing file is opened as it is)
		exist   bool   // whether OpenFile must refuse with fs.ErrExist
	}{
		{"a new file, read-write", readWrite, "", "new", true, false},
		{"a new file, appending", appending, "", "new", true, false},
		{"a new file, exclusive", exclusive, "", "new", true, false},
		{"a file there, read-write", readWrite, "old", "new", false, false},
		{"a file there, appending", appending, "old", "oldnew", false, false},
		{"a file there, exclusive", exclusive, "old", "old", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(testenv.TempDir(t), "f")
			if tt.before != "" {
				testenv.Must(t, os.WriteFile(path, []byte(tt.before), 0o644))
				privatetest.Loosen(t, path, 0o644)
			}
			f, err := private.OpenFile(path, tt.flag)
			if tt.exist {
				if !errors.Is(err, fs.ErrExist) {
					t.Fatalf("OpenFile of a file there with O_EXCL: %v, want it to exist", err)
				}
			} else {
				testenv.Must(t, err)
				_, err = f.Write([]byte("new"))
				testenv.Must(t, errors.Join(err, f.Close()))
			}
			if got, err := os.ReadFile(path); err != nil || string(got) != tt.want {
				t.Errorf("the file holds %q, %v; want %q", got, err, tt.want)
			}
			if tt.private {
				privatetest.WantPrivate(t, path, 0o600)
			} else {
				privatetest.WantLoose(t, path, 0o644)
			}
		})
	}
}

func TestTighten(t *testing.T) {
	tests := []struct {
		name          string
		before, after fs.FileMode // Unix modes; on Windows, any bit for others is a DACL that lets Everyone read
	}{
		{"others may read and write", 0o666, 0o600},
		{"others may read", 0o644, 0o600},
		{"only the owner", 0o600, 0o600},
		// Windows keeps a file from being changed with its read-only attribute, not the DACL.
		{"read-only on purpose", 0o444, 0o400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := privateFile(t)
			if tt.before&0o077 != 0 {
				privatetest.Loosen(t, path, tt.before)
			}
			testenv.Must(t, os.Chmod(path, tt.before))
			t.Cleanup(func() { os.Chmod(path, 0o600) }) // a read-only file cannot be removed on Windows
			f, err := os.Open(path)
			testenv.Must(t, err)
			testenv.Must(t, private.Tighten(f))
			testenv.Must(t, f.Close())
			privatetest.WantPrivate(t, path, tt.after)
			info, err := os.Stat(path)
			testenv.Must(t, err)
			if info.Mode().Perm()&0o200 != tt.after&0o200 {
				t.Errorf("Tighten changed whether the owner may write: mode %v, want %v", info.Mode().Perm(), tt.after)
			}
		})
	}
}

// Restrict makes an open file owner-only whatever it had, the owner's bits included.
func TestRestrict(t *testing.T) {
	for _, before := range []fs.FileMode{0o644, 0o700, 0o600} {
		t.Run(before.String(), func(t *testing.T) {
			path := privateFile(t)
			if before&0o077 != 0 {
				privatetest.Loosen(t, path, before)
			}
			testenv.Must(t, os.Chmod(path, before))
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
			testenv.Must(t, err)
			defer f.Close()
			testenv.Must(t, private.Restrict(f))
			privatetest.WantPrivate(t, path, 0o600)
		})
	}
}

// privateFile makes a new private file for a test.
func privateFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(testenv.TempDir(t), "f")
	f, err := private.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
	testenv.Must(t, err)
	testenv.Must(t, f.Close())
	return path
}
