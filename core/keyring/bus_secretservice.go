//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

// The platforms where go-keyring talks to the Secret Service over D-Bus (its keyring_unix.go).

package keyring

import (
	"os"

	"github.com/twostep-app/twostep/core"
)

// busReady refuses before go-keyring is called when there is no session bus address:
// go-keyring would then run dbus-launch, which can leave a dbus-daemon and a
// gnome-keyring-daemon running after Twostep exits. "autolaunch:" asks for the same.
func busReady() error {
	switch os.Getenv("DBUS_SESSION_BUS_ADDRESS") {
	case "", "autolaunch:":
		return &core.Error{Kind: core.KindKeyringNoBus} // no cause: go-keyring was never called
	}
	return nil
}
