package testenv

import "os"

// English makes the locale environment English, as scripts/test does, and has reload
// (app.LoadWords) pick the language again, so tests that read the window's English words
// pass on any developer's desktop. Tests that switch language switch back with it. On
// Windows the language is the user's, not the environment's: scripts/test-windows starts
// Wine with LANG=en_US.UTF-8.
func English(reload func() error) {
	os.Setenv("LC_ALL", "en_US.UTF-8")
	os.Unsetenv("LANGUAGE")
	if err := reload(); err != nil {
		panic(err)
	}
}
