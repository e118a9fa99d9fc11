package keyring_test

import (
	"fmt"
	"maps"
	"testing"

	"github.com/danieljoos/wincred"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/keyring/keyringtest"
)

// Check runs at every start, so it must not write. On Windows the keyring is the Credential
// Manager: every credential in it (its name, when it was last written, and its value) is
// listed before and after three Checks, and the lists must be the same.
func TestCheckWritesNothing(t *testing.T) {
	k := keyringtest.Require(t)
	mustSet(t, k, core.NewAccountID(), core.SlotComputerKey, []byte("an entry to compare"))
	before := credentials(t)
	if len(before) == 0 {
		t.Fatal("the Credential Manager lists nothing, not even the entry just set; the listing does not work")
	}
	for range 3 {
		if err := k.Check(); err != nil {
			t.Fatalf("Check: %v", err)
		}
	}
	if after := credentials(t); !maps.Equal(before, after) {
		t.Fatalf("Check changed the Credential Manager:\nbefore %v\nafter  %v", before, after)
	}
	if _, err := k.Get("probe", "check"); !core.IsKind(err, core.KindSecretMissing) {
		t.Fatalf("Check left an entry: %v", err)
	}
}

// credentials is every credential of this user, by name.
func credentials(t *testing.T) map[string]string {
	t.Helper()
	creds, err := wincred.List()
	if err != nil {
		t.Fatalf("listing the Credential Manager: %v", err)
	}
	out := map[string]string{}
	for _, c := range creds {
		out[c.TargetName] = fmt.Sprintf("written %v, value %x", c.LastWritten, c.CredentialBlob)
	}
	return out
}
