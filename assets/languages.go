package assets

import (
	"io/fs"
	"slices"
	"strings"
)

// Languages are the languages Twostep ships, by their code, English first: one folder each
// in translations. Adding a language is adding its folder; the tests walk this list.
func Languages() []string {
	dirs, _ := fs.ReadDir(Translations, "translations") // embedded: it cannot fail at run time
	out := []string{"en"}
	for _, d := range dirs {
		if d.IsDir() && d.Name() != "en" {
			out = append(out, d.Name())
		}
	}
	slices.Sort(out[1:])
	return out
}

// Locale is how the tests name a desktop that speaks lang: its code twice, as in
// de_DE.UTF-8, and en_US.UTF-8 for English. scripts/test-windows starts Wine the same way.
func Locale(lang string) string {
	if lang == "en" {
		return "en_US.UTF-8"
	}
	return lang + "_" + strings.ToUpper(lang) + ".UTF-8"
}
