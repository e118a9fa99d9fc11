package testenv

import "os"

// Tests read the window's English words, whatever the developer's desktop speaks: every
// test binary that imports testenv starts in English, as scripts/test runs it, before any
// words are loaded (they are loaded on first use). On Windows the language is the user's,
// not the environment's: scripts/test-windows starts Wine with LANG=en_US.UTF-8.
func init() { english() }

func english() {
	os.Setenv("LC_ALL", "en_US.UTF-8")
	os.Unsetenv("LANGUAGE")
}

// English makes the locale environment English again and has reload (ui/words.Load) pick
// the language anew: tests that switch language switch back with it.
func English(reload func() error) {
	english()
	if err := reload(); err != nil {
		panic(err)
	}
}
