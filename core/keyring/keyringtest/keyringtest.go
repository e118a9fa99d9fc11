// Package keyringtest hands tests a real OS keyring adapter that cannot touch the app's
// entries or another test's, and cleans up after itself.
package keyringtest

import (
	"crypto/rand"
	"encoding/hex"
	"testing"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/internal/testenv"
)

// Require returns an adapter on a service name of its own, after checking that the
// keyring works; at cleanup it deletes every entry under that name. Without a usable
// keyring the test is skipped, unless CI=true or TWOSTEP_STRICT_TESTS is set: there a
// silent skip would hide that the keyring tests never ran, so it fails instead.
func Require(t testing.TB) *keyring.Keyring {
	t.Helper()
	b := make([]byte, 8)
	rand.Read(b)
	service := "io.twostep.test/" + hex.EncodeToString(b)
	k := keyring.New(service)
	if err := k.Check(); err != nil {
		testenv.Missing(t, "a usable keyring ("+err.Error()+")", "run scripts/test, which starts a private one")
	}
	t.Cleanup(func() {
		// This runs after any t.Setenv of the test is undone, so it reaches the bus
		// Check reached and cannot set off a dbus-launch.
		if err := gokeyring.DeleteAll(service); err != nil {
			t.Errorf("cleaning keyring service %s: %v", service, err)
		}
	})
	return k
}
