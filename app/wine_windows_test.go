package app_test

import (
	"flag"
	"os"
	"testing"

	"github.com/twostep-app/twostep/internal/testenv"
)

// TestMain runs the tests one at a time under Wine. Wine 8's CredEnumerateW reads the
// Credential Manager in two passes, sizing its buffer in the first and filling it in the
// second, so a credential another test writes or deletes in between overruns the buffer and
// corrupts the heap: the test process dies with exit status 5 and no message. The tests are
// what enumerates (keyringtest's cleanup, keyringDump), and only this package's tests run in
// parallel; on Windows itself the LSA answers CredEnumerate in one call.
func TestMain(m *testing.M) {
	flag.Parse()
	if testenv.Wine() {
		flag.Set("test.parallel", "1")
	}
	os.Exit(m.Run())
}
