package logfile_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/logfile"
	"github.com/twostep-app/twostep/internal/private/privatetest"
	"github.com/twostep-app/twostep/internal/testenv"
)

// The log (issue 8.14): causes of keyring and data-file errors go to a file in the data
// folder, owner-only and capped; wrong passwords and codes do not, and no password or code
// is ever written.
func TestLogHoldsCausesNotSecrets(t *testing.T) {
	t.Parallel()
	dir := testenv.TempDir(t)
	log := logfile.New(&bytes.Buffer{})
	testenv.Must(t, log.AttachFile(filepath.Join(dir, logfile.Name)))
	defer log.Close()
	app.Report(log.Logger, core.Fail(core.KindWrongCredentials, ""))
	app.Report(log.Logger, core.Wrap(core.KindKeyringLocked, errors.New("org.freedesktop.Secret.Error.IsLocked")))
	app.Report(log.Logger, core.Wrap(core.KindDataCorrupt, errors.New("invalid page type: 7")))
	raw, err := os.ReadFile(filepath.Join(dir, logfile.Name))
	testenv.Must(t, err)
	text := string(raw)
	if !strings.Contains(text, "IsLocked") || !strings.Contains(text, "invalid page type") || strings.Contains(text, "wrong credentials") {
		t.Fatalf("log: %q", text)
	}
	privatetest.WantPrivate(t, filepath.Join(dir, logfile.Name), 0o600)
	for range 20000 { // well past the cap
		app.Report(log.Logger, core.Wrap(core.KindInternal, errors.New(strings.Repeat("x", 100))))
	}
	for _, name := range []string{logfile.Name, logfile.Name + ".1"} {
		if info, err := os.Stat(filepath.Join(dir, name)); err != nil || info.Size() > 1<<20 {
			t.Fatalf("%s: %v, %d bytes; want at most 1 MiB", name, err, info.Size())
		}
	}
}
