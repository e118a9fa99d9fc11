package app_test

import (
	"strings"
	"testing"

	"github.com/danieljoos/wincred"
)

// keyringDump is every value Twostep keeps under the env's keyring service, read out of the
// Credential Manager by listing it, as any process of the same user could. go-keyring files
// each entry as a generic credential named "service:username", and stores the value as is.
func keyringDump(t *testing.T, e *env) []string {
	t.Helper()
	creds, err := wincred.List()
	if err != nil {
		t.Fatalf("listing the Credential Manager: %v", err)
	}
	var values []string
	for _, c := range creds {
		if strings.HasPrefix(c.TargetName, e.kr.Service()+":") {
			values = append(values, string(c.CredentialBlob))
		}
	}
	return values
}
