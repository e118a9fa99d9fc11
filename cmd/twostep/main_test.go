package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"twostep/app"
	"twostep/core/boltstore"
)

func TestVersion(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"--version"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), app.Version) {
		t.Fatalf("exit %d, out %q, err %q", code, out.String(), errOut.String())
	}
}

func TestSecondInstanceIsToldPlainly(t *testing.T) {
	dir := t.TempDir()
	held, err := boltstore.Open(dir + "/" + app.DataFile)
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
	t.Setenv(app.EnvDataDir, dir)
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
