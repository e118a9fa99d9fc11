//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keyring_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	dbus "github.com/godbus/dbus/v5"

	"github.com/twostep-app/twostep/core/keyring/keyringtest"
	"github.com/twostep-app/twostep/internal/testenv"
)

// secretServiceReads are the Secret Service and D-Bus methods that read: opening a transport
// session, searching, reading a secret or a property, and unlocking (which asks the desktop,
// not the store). Anything else (CreateItem, Delete, SetSecret, Set, CreateCollection) writes.
var secretServiceReads = []string{
	"OpenSession", "SearchItems", "GetSecret", "GetSecrets", "Get", "GetAll", "Unlock",
	"Hello", "AddMatch", "RemoveMatch", "Close", "ReadAlias",
}

// Check runs at every start, so it must not write. The calls this process makes on the
// session bus during three Checks are watched with a D-Bus monitor that only sees this
// process's connection, so other test packages using the same keyring at the same time
// change nothing (comparing gnome-keyring's file, as this test once did, failed whenever one
// of them wrote meanwhile).
func TestCheckWritesNothing(t *testing.T) {
	k := keyringtest.Require(t) // connects this process's shared session bus connection
	own, err := dbus.SessionBus()
	if err != nil {
		testenv.Missing(t, "a session bus", "run scripts/test, which starts a private one")
	}
	calls := monitorCalls(t, own.Names()[0])
	for range 3 {
		if err := k.Check(); err != nil {
			t.Fatalf("Check: %v", err)
		}
	}
	seen := calls()
	if !slices.ContainsFunc(seen, func(c string) bool { return strings.HasSuffix(c, ".SearchItems") }) {
		t.Fatalf("the monitor saw no search during Check, so it watched nothing: %v", seen)
	}
	for _, c := range seen {
		if !slices.Contains(secretServiceReads, c[strings.LastIndex(c, ".")+1:]) {
			t.Errorf("Check called %s, which writes", c)
		}
	}
}

// monitorCalls starts a D-Bus monitor of the method calls sent by the connection named
// sender, and returns a function that stops it and lists them as interface.member.
func monitorCalls(t *testing.T, sender string) func() []string {
	t.Helper()
	mon, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	rule := "type='method_call',sender='" + sender + "'"
	if err := mon.BusObject().Call("org.freedesktop.DBus.Monitoring.BecomeMonitor", 0, []string{rule}, uint32(0)).Err; err != nil {
		mon.Close()
		t.Fatalf("BecomeMonitor: %v", err)
	}
	ch := make(chan *dbus.Message, 256)
	mon.Eavesdrop(ch)
	return func() []string {
		// A Ping through our own connection marks the end: once the monitor sees it, it has
		// seen every call made before it.
		own, _ := dbus.SessionBus()
		own.BusObject().Call("org.freedesktop.DBus.Peer.Ping", 0)
		defer mon.Close()
		var seen []string
		timeout := time.After(5 * time.Second)
		for {
			select {
			case m := <-ch:
				if m.Type != dbus.TypeMethodCall {
					continue // the bus's own signals to the monitor (NameLost)
				}
				iface, _ := m.Headers[dbus.FieldInterface].Value().(string)
				member, _ := m.Headers[dbus.FieldMember].Value().(string)
				if iface == "org.freedesktop.DBus.Peer" && member == "Ping" {
					return seen
				}
				seen = append(seen, iface+"."+member)
			case <-timeout:
				t.Fatalf("the monitor never saw the closing Ping; it saw %v", seen)
			}
		}
	}
}
