package keyring

import (
	"errors"
	"fmt"
	"net"
	"os"
	"reflect"
	"syscall"
	"testing"

	dbus "github.com/godbus/dbus/v5"
	gokeyring "github.com/zalando/go-keyring"

	"github.com/twostep-app/twostep/core"
)

// The one place a fake is fine: errors made up to match what go-keyring and godbus
// return (texts from TOOLCHAIN.md), including ones too risky to cause for real.
func TestClassify(t *testing.T) {
	dial := func(errno syscall.Errno) error {
		return &net.OpError{Op: "dial", Net: "unix", Addr: &net.UnixAddr{Name: "/run/user/1000/bus", Net: "unix"},
			Err: os.NewSyscallError("connect", errno)}
	}
	tests := []struct {
		name string
		err  error
		want core.Kind
	}{
		{"not found", gokeyring.ErrNotFound, core.KindSecretMissing},
		{"not found, wrapped", fmt.Errorf("get: %w", gokeyring.ErrNotFound), core.KindSecretMissing},
		{"too big", gokeyring.ErrSetDataTooBig, core.KindInternal},
		{"no dbus-launch", errors.New(`exec: "dbus-launch": executable file not found in $PATH`), core.KindKeyringNoBus},
		{"no address", errors.New("dbus: couldn't determine address of session bus"), core.KindKeyringNoBus},
		{"env var named", errors.New("DBUS_SESSION_BUS_ADDRESS is empty"), core.KindKeyringNoBus},
		{"bus socket missing", dial(syscall.ENOENT), core.KindKeyringNoBus},
		{"bus socket refused", dial(syscall.ECONNREFUSED), core.KindKeyringNoBus},
		{"bus socket missing, as text", errors.New("dial unix /tmp/bus: connect: no such file or directory"), core.KindKeyringNoBus},
		{"bus refused, as text", errors.New("dial unix /tmp/bus: connect: connection refused"), core.KindKeyringNoBus},
		{"no such file, not a bus", errors.New("open /etc/x: no such file or directory"), core.KindInternal},
		{"no service", dbus.Error{Name: "org.freedesktop.DBus.Error.ServiceUnknown",
			Body: []any{"The name org.freedesktop.secrets was not provided by any .service files"}}, core.KindKeyringNoService},
		{"no service, pointer", dbus.NewError("org.freedesktop.DBus.Error.ServiceUnknown", []any{"not activatable"}), core.KindKeyringNoService},
		{"no service, as text", errors.New("The name org.freedesktop.secrets was not provided by any .service files"), core.KindKeyringNoService},
		{"no service, name in text", errors.New("org.freedesktop.DBus.Error.ServiceUnknown: org.freedesktop.secrets"), core.KindKeyringNoService},
		{"locked collection", errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), core.KindKeyringLocked},
		{"locked item", dbus.Error{Name: "org.freedesktop.Secret.Error.IsLocked", Body: []any{"Cannot get secret of a locked object"}}, core.KindKeyringLocked},
		{"prompt dismissed", errors.New("prompt dismissed"), core.KindKeyringLocked},
		{"other D-Bus error", dbus.Error{Name: "org.freedesktop.DBus.Error.NoReply", Body: []any{"timeout"}}, core.KindInternal},
		{"anything else", errors.New("something odd"), core.KindInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := classify(tt.err)
			var e *core.Error
			if !errors.As(got, &e) {
				t.Fatalf("classify(%v) = %T, want *core.Error", tt.err, got)
			}
			if e.Kind != tt.want {
				t.Errorf("classify(%q) kind = %v, want %v", tt.err, e.Kind, tt.want)
			}
			if !reflect.DeepEqual(e.Err, tt.err) { // DeepEqual: dbus.Error values cannot be compared with ==
				t.Errorf("classify kept cause %v, want %v", e.Err, tt.err)
			}
		})
	}
}

func TestClassifyKeepsNilAndClassified(t *testing.T) {
	if err := classify(nil); err != nil {
		t.Fatalf("classify(nil) = %v", err)
	}
	done := core.Fail(core.KindKeyringNoBus, "")
	if got := classify(done); got != error(done) {
		t.Fatalf("classify re-wrapped an already classified error: %v", got)
	}
}
