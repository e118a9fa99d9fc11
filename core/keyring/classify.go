package keyring

import (
	"errors"
	"net"
	"strings"

	dbus "github.com/godbus/dbus/v5"
	gokeyring "github.com/zalando/go-keyring"

	"github.com/twostep-app/twostep/core"
)

// classify turns what go-keyring (and godbus beneath it) returns into a *core.Error
// whose kind the app can explain to a person; the cause stays in Err for logs.
// Most conditions reach us only as text, because go-keyring wraps none of them in
// a type of its own, so text is the last resort after sentinels and D-Bus names.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var done *core.Error
	if errors.As(err, &done) {
		return err
	}
	return core.Wrap(kindOf(err), err)
}

func kindOf(err error) core.Kind {
	if errors.Is(err, gokeyring.ErrNotFound) {
		return core.KindSecretMissing
	}
	switch dbusName(err) {
	case "org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner":
		return core.KindKeyringNoService // the bus answered, but nobody owns org.freedesktop.secrets
	case "org.freedesktop.Secret.Error.IsLocked":
		return core.KindKeyringLocked
	}
	if op := (*net.OpError)(nil); errors.As(err, &op) && op.Op == "dial" {
		return core.KindKeyringNoBus // only the bus is dialled; the Secret Service is reached through it
	}
	msg := strings.ToLower(err.Error())
	for _, r := range textRules {
		if containsAll(msg, r.all) {
			return r.kind
		}
	}
	return core.KindInternal
}

// textRules match the lower-cased error text; a rule applies when every string is in it.
// The texts are the ones measured in TOOLCHAIN.md plus godbus's own wording.
var textRules = []struct {
	kind core.Kind
	all  []string
}{
	{core.KindKeyringNoBus, []string{"dbus-launch"}},
	{core.KindKeyringNoBus, []string{"dbus_session_bus_address"}},
	{core.KindKeyringNoBus, []string{"couldn't determine address of session bus"}},
	{core.KindKeyringNoBus, []string{"dial unix", "connection refused"}},
	{core.KindKeyringNoBus, []string{"dial unix", "no such file"}},
	{core.KindKeyringNoService, []string{"was not provided by any .service files"}},
	{core.KindKeyringNoService, []string{"org.freedesktop.secrets", "serviceunknown"}},
	{core.KindKeyringLocked, []string{"failed to unlock"}},
	{core.KindKeyringLocked, []string{"prompt dismissed"}},
	{core.KindKeyringLocked, []string{"locked"}},
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// dbusName is the D-Bus error name in err's chain, or "". godbus returns dbus.Error
// by value from calls but by pointer from NewError, so both are looked for.
func dbusName(err error) string {
	var v dbus.Error
	if errors.As(err, &v) {
		return v.Name
	}
	var p *dbus.Error
	if errors.As(err, &p) && p != nil {
		return p.Name
	}
	return ""
}
