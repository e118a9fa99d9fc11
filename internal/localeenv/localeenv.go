// Package localeenv makes the "C" locale with a character set (LANG=C.UTF-8, the default of
// Debian's and Ubuntu's containers and of many CI runners) read as English, before Fyne
// looks at it.
//
// go-locale, which Fyne's lang uses, knows "C" and "POSIX" as "no language" but passes
// "C.UTF-8" on as a language tag; Fyne's lang then logs "Error parsing user locale C", with
// its source path, from its own init and from every later load of translations. Setting
// LANGUAGE=en (which C programs ignore under the C locale) makes go-locale answer English.
//
// It must run before fyne.io/fyne/v2/lang's init, and it does without any order the importer
// must keep: Go initialises packages in the order of their import paths, each as soon as
// everything it imports is, and Fyne's lang waits for golang.org/x/text, whose path sorts
// after this one and which imports os and strings itself. So this package imports only
// those two. cmd/twostep's TestNoLocaleNoise holds it.
package localeenv

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return // go-locale reads it first, for any locale but a bare "C" or "POSIX"
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if base, _, found := strings.Cut(v, "."); found && (base == "C" || base == "POSIX") {
			os.Setenv("LANGUAGE", "en")
		}
		return // the first one set is the one that counts
	}
}
