package assets

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// nsisLanguages are NSIS's names for the languages Twostep ships. A language added to
// translations/ without one here fails TestInstallerSpeaksEveryLanguage.
var nsisLanguages = map[string]string{"en": "English", "de": "German", "fr": "French", "es": "Spanish"}

// The Windows installer speaks every language Twostep ships: Modern UI's pages for each (its
// MUI_LANGUAGE), and each of its own sentences (a LangString) in each, with none used in
// twostep.nsi and defined nowhere. scripts/package builds it with makensis -WX, which fails
// on a sentence missing in a language too; this says which, without NSIS.
func TestInstallerSpeaksEveryLanguage(t *testing.T) {
	script, err := os.ReadFile("windows/twostep.nsi")
	if err != nil {
		t.Fatal(err)
	}
	words, err := os.ReadFile("windows/installer-words.nsh")
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string][]string{} // sentence -> the NSIS languages it is in
	for _, m := range regexp.MustCompile(`(?m)^LangString (\w+) \$\{LANG_(\w+)\} "(.*)"$`).FindAllStringSubmatch(string(words), -1) {
		if strings.TrimSpace(m[3]) == "" {
			t.Errorf("%s is empty in %s", m[1], m[2])
		}
		defined[m[1]] = append(defined[m[1]], strings.ToUpper(m[2]))
	}
	if len(defined) == 0 {
		t.Fatal("installer-words.nsh defines no sentence")
	}
	for _, lang := range Languages() {
		name, ok := nsisLanguages[lang]
		if !ok {
			t.Errorf("Twostep ships %q, which nsisLanguages does not name for NSIS", lang)
			continue
		}
		if !strings.Contains(string(script), `!insertmacro MUI_LANGUAGE "`+name+`"`) {
			t.Errorf("twostep.nsi has no MUI_LANGUAGE %q: the installer's standard pages would not be in %s", name, lang)
		}
		for sentence, in := range defined {
			if !slices.Contains(in, strings.ToUpper(name)) {
				t.Errorf("the installer's %s has no %s (%s) version", sentence, name, lang)
			}
		}
	}
	for _, m := range regexp.MustCompile(`\$\((\w+)\)`).FindAllStringSubmatch(string(script), -1) {
		if defined[m[1]] == nil {
			t.Errorf("twostep.nsi uses $(%s), which installer-words.nsh does not define", m[1])
		}
	}
}
