package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core/boltstore"
	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/gate"
)

func TestVersion(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"--version"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), app.Version) {
		t.Fatalf("exit %d, out %q, err %q", code, out.String(), errOut.String())
	}
}

func TestSecondInstanceIsToldPlainly(t *testing.T) {
	dir := t.TempDir()
	held, err := boltstore.Open(dir + "/" + gate.DataFile)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	var out, errOut bytes.Buffer
	start := time.Now()
	code := run([]string{"--check", "--data-dir", dir}, &out, &errOut)
	if code == 0 || !strings.Contains(errOut.String(), "Twostep is already running") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("took %v to give up; want about 2 s", d)
	}
}

func TestDataDirFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(envDataDir, dir)
	var out, errOut bytes.Buffer
	run([]string{"--check"}, &out, &errOut) // the keyring may or may not be there; the folder is reported either way
	if !strings.Contains(out.String(), "Data directory: "+dir) {
		t.Fatalf("out %q", out.String())
	}
}

func TestNoDisplayIsToldPlainly(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	var out, errOut bytes.Buffer
	if code := run(nil, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "needs a desktop session") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}

// --check creates nothing: no folder, no data file, no log.
func TestCheckCreatesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "twostep")
	var out, errOut bytes.Buffer
	run([]string{"--check", "--data-dir", dir}, &out, &errOut) // the keyring decides the exit code
	if !strings.Contains(out.String(), "not made yet") {
		t.Fatalf("out %q, err %q", out.String(), errOut.String())
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("--check made the data folder: %v", err)
	}
}

// --check reads the whole file: one cut short is damaged (it said "ready" before), and the
// file is left as it was.
func TestCheckFindsDamage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, gate.DataFile)
	s, err := boltstore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Truncate(path, 4096*3); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	var out, errOut bytes.Buffer
	if code := run([]string{"--check", "--data-dir", dir}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "damaged") {
		t.Fatalf("exit %d, out %q, err %q", code, out.String(), errOut.String())
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("--check changed the file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("--check left %d files", len(entries))
	}
}

// --check on a full disk says so (it said "ready" before): a small tmpfs, filled up.
func TestCheckFullDisk(t *testing.T) {
	dir := fullDisk(t)
	var out, errOut bytes.Buffer
	if code := run([]string{"--check", "--data-dir", dir}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "disk is not full") {
		t.Fatalf("exit %d, out %q, err %q", code, out.String(), errOut.String())
	}
}

// fullDisk mounts a 256 KiB tmpfs, fills it, and returns a folder on it.
func fullDisk(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", dir).CombinedOutput(); err != nil {
		testenv.Missing(t, "a tmpfs to fill up (mount: "+strings.TrimSpace(string(out))+")", "run the tests as root, as CI does")
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	f, err := os.Create(filepath.Join(dir, "fill"))
	if err != nil {
		t.Fatal(err)
	}
	f.Write(make([]byte, 512<<10)) // fails when the disk is full: that is the point
	f.Close()
	return dir
}
