//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

// D-Bus only matters where go-keyring reaches the Secret Service over it.

package keyring_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dbus "github.com/godbus/dbus/v5"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/internal/testenv"
)

// childEnv makes the test binary run one Check and print its kind. The bus tests
// need a fresh process: godbus keeps one session bus connection per process, so
// once any test has connected, changing DBUS_SESSION_BUS_ADDRESS changes nothing.
const childEnv = "TWOSTEP_KEYRING_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		err := keyring.New("io.twostep.test/child").Check()
		fmt.Printf("kind: %v\ncause: %v\n", core.KindOf(err), err)
		if err == nil {
			fmt.Println("kind: ok")
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestNoBusAddressRefusesWithoutCallingGoKeyring(t *testing.T) {
	// Should the guard fail, go-keyring would run dbus-launch; an empty PATH makes
	// that fail fast instead of leaving daemons behind.
	t.Setenv("PATH", t.TempDir())
	k := keyring.New("io.twostep.test/nobus")
	for _, addr := range []string{"", "autolaunch:"} {
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
		start := time.Now()
		calls := map[string]error{
			"Get":    func() error { _, err := k.Get("a", core.SlotTOTP); return err }(),
			"Set":    k.Set("a", core.SlotTOTP, []byte("x")),
			"Delete": k.Delete("a", core.SlotTOTP),
			"Check":  k.Check(),
		}
		for name, err := range calls {
			var e *core.Error
			// No cause means the adapter refused before go-keyring was reached.
			if !errors.As(err, &e) || e.Kind != core.KindKeyringNoBus || e.Err != nil {
				t.Errorf("%s with DBUS_SESSION_BUS_ADDRESS=%q: %v, want keyring: no session bus, no cause", name, addr, err)
			}
		}
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("refusing took %v", d)
		}
	}
}

func TestBusNotListening(t *testing.T) {
	dir := shortTempDir(t)
	refused := filepath.Join(dir, "refused")
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: refused, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	l.SetUnlinkOnClose(false) // leave a socket file that nobody listens on
	l.Close()
	for name, path := range map[string]string{"missing": filepath.Join(dir, "missing"), "refused": refused} {
		if got := childKind(t, "unix:path="+path); got != core.KindKeyringNoBus.String() {
			t.Errorf("bus socket %s: kind %q, want %q", name, got, core.KindKeyringNoBus)
		}
	}
}

func TestBusWithoutSecretService(t *testing.T) {
	addr := startBareBus(t)
	if got := childKind(t, addr); got != core.KindKeyringNoService.String() {
		t.Fatalf("kind %q, want %q", got, core.KindKeyringNoService)
	}
}

// A gnome-keyring with no unlocked login keyring, and no prompter to ask a person:
// what a locked keyring looks like to a headless Twostep.
func TestLockedKeyring(t *testing.T) {
	testenv.NeedTool(t, "gnome-keyring-daemon")
	addr := startBareBus(t)
	dir := shortTempDir(t)
	run := filepath.Join(dir, "run")
	if err := os.Mkdir(run, 0o700); err != nil {
		t.Fatal(err)
	}
	gk := exec.Command("gnome-keyring-daemon", "--foreground", "--components=secrets")
	gk.Env = append(withoutBus(), "DBUS_SESSION_BUS_ADDRESS="+addr, "XDG_RUNTIME_DIR="+run,
		"XDG_DATA_HOME="+filepath.Join(dir, "data"), "HOME="+dir)
	if err := gk.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gk.Process.Kill(); gk.Wait() })
	waitForName(t, addr, "org.freedesktop.secrets")

	if got := childKind(t, addr); got != core.KindKeyringLocked.String() {
		t.Fatalf("kind %q, want %q", got, core.KindKeyringLocked)
	}
}

// childKind runs this test binary as a child on the bus at addr and returns the kind
// its Check reported ("ok" when it succeeded).
func childKind(t *testing.T, addr string) string {
	t.Helper()
	// A keyring waiting on a prompt would block forever; a deadline turns that into a failure.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0])
	cmd.Env = append(withoutBus(), childEnv+"=1", "DBUS_SESSION_BUS_ADDRESS="+addr)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	t.Logf("child on %s:\n%s", addr, out)
	for line := range strings.Lines(string(out)) {
		if kind, ok := strings.CutPrefix(strings.TrimSpace(line), "kind: "); ok {
			return kind
		}
	}
	t.Fatalf("child printed no kind:\n%s", out)
	return ""
}

// startBareBus starts a private dbus-daemon with no service directories, so nothing
// can be activated on it: a session bus without a Secret Service.
func startBareBus(t *testing.T) string {
	t.Helper()
	testenv.NeedTool(t, "dbus-daemon")
	dir := shortTempDir(t)
	conf := filepath.Join(dir, "bus.conf")
	err := os.WriteFile(conf, []byte(`<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=`+filepath.Join(dir, "bus")+`</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("dbus-daemon", "--config-file="+conf, "--nofork", "--print-address")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon printed no address: %v", err)
	}
	return strings.TrimSpace(addr)
}

// waitForName waits until a daemon has claimed name on the bus at addr, over a
// private connection so this process's shared session bus is left alone.
func waitForName(t *testing.T, addr, name string) {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var has bool
		if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&has); err != nil {
			t.Fatal(err)
		}
		if has {
			return
		}
	}
	t.Fatalf("%s did not appear on the bus", name)
}

// shortTempDir is under /tmp rather than t.TempDir: a unix socket path must fit in 108 bytes.
func shortTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "twostep-kr")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func withoutBus() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") && !strings.HasPrefix(kv, childEnv+"=") {
			env = append(env, kv)
		}
	}
	return env
}
