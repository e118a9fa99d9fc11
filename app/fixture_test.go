package app_test

import (
	"time"

	"github.com/twostep-app/twostep/core/testenv"
)

// loadSchema1 puts a copy of 0.1's data file under e, 0.1's keyring entries into e's own
// keyring service, and e's clock ten minutes after the file was made.
func loadSchema1(e *env) testenv.Schema1 {
	e.t.Helper()
	must(e.t, e.db.Close())
	f := testenv.LoadSchema1(e.t, e.path, e.kr.Service())
	e.clock.t = f.MadeAt.Add(10 * time.Minute)
	e.open()
	return f
}
