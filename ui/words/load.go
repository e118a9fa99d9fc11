// Package words is what Twostep says: its sentences in every language it ships, loaded
// into Fyne's lang, and the sentence a person reads for each kind of error. The window and
// the command line speak through it; app/ and core/ hand it codes, never words.
package words

import (
	"errors"
	"io/fs"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"

	"github.com/twostep-app/twostep/assets"
	"github.com/twostep-app/twostep/core"
	_ "github.com/twostep-app/twostep/internal/localeenv" // before Fyne's lang reads the locale
)

// Twostep's words are loaded into Fyne's lang before anything is said. lang picks the
// language from the desktop: LC_ALL, LC_MESSAGES, LANG and LANGUAGE on Linux, the user's
// language on Windows and macOS; a language Twostep does not ship falls back to English.

// loaded is done once the words were loaded, by Load or by the first sentence said.
var loaded sync.Once

// Ensure loads the words if nothing did yet. The window and the command line call it before
// they say anything; the functions here call it too, so a test or a verb that says a
// sentence first is never shown a key. The embedded words failing to load is a build defect
// that TestLocalePicksTheLanguage catches, so a failure here is only left to Fyne's log.
func Ensure() { loaded.Do(func() { _ = load() }) }

// Load (re)loads English and the shipped languages the desktop asks for, and picks the
// desktop's language again. Tests call it after changing the locale environment, as a new
// process would start. Only those languages are parsed: all four would cost the start about
// 4 ms (BenchmarkLoadWords), English alone a quarter of that.
func Load() error {
	loaded.Do(func() {}) // what follows is the first load, or a later one
	return load()
}

func load() error {
	if err := lang.AddTranslationsFS(assets.Translations, "translations/en"); err != nil {
		return err
	}
	wanted, err := locale.GetLocales()
	if err != nil || len(wanted) == 0 {
		wanted = []string{string(lang.SystemLocale())}
	}
	for _, loc := range wanted {
		if err := loadLanguage(strings.ToLower(strings.SplitN(strings.ReplaceAll(loc, "_", "-"), "-", 2)[0])); err != nil {
			return err
		}
	}
	return nil
}

// loadLanguage loads the words of the language base (such as "de") if Twostep ships it, or
// gives it the English words if only Fyne speaks it.
func loadLanguage(base string) error {
	dir := "translations/" + base
	switch _, err := fs.Stat(assets.Translations, dir); {
	case base == "en":
		return nil // always loaded
	case err == nil:
		return lang.AddTranslationsFS(assets.Translations, dir)
	case errors.Is(err, fs.ErrNotExist):
		return englishForFyneOnly(base)
	default:
		return err
	}
}

// fyneOnlyLanguages are the languages Fyne 2.7 translates its own widgets into and Twostep
// does not ship (TestFyneOnlyLanguagesAreFynes keeps the list true to Fyne's module).
var fyneOnlyLanguages = []string{"cs", "el", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans"}

// englishForFyneOnly gives Twostep's English words to a language Fyne speaks and Twostep
// does not. Fyne then picks that language for its dialogs, and Twostep's words would not be
// found in it: Fyne's lang would log a failure for every one and show the fallback the code
// passed. Under each of Fyne's tags of that language, they are found.
func englishForFyneOnly(base string) error {
	for _, tag := range fyneOnlyLanguages {
		if strings.SplitN(tag, "-", 2)[0] != base {
			continue
		}
		files, err := fs.Glob(assets.Translations, "translations/en/*.json")
		if err != nil {
			return err
		}
		for _, f := range files {
			b, err := assets.Translations.ReadFile(f)
			if err != nil {
				return err
			}
			if err := lang.AddTranslationsForLocale(b, fyne.Locale(tag)); err != nil {
				return err
			}
		}
	}
	return nil
}

// Duration says a span the way a person reads it: "45 seconds", "2 minutes", "3 days",
// "centuries". Seconds are rounded; a larger unit counts a part as a whole one, so a wait
// is never said shorter than it is.
func Duration(d time.Duration) string {
	Ensure()
	s := int64(d.Round(time.Second) / time.Second)
	const minute, hour, day = 60, 3600, 86400
	const month, year = 31 * day, 365 * day
	switch {
	case s < minute:
		n := max(int(s), 1)
		return lang.XN("time.seconds", "{{.Count}} seconds", n, map[string]any{"Count": n})
	case s < hour:
		n := int((s + minute - 1) / minute)
		return lang.XN("time.minutes", "{{.Count}} minutes", n, map[string]any{"Count": n})
	case s < day:
		n := int((s + hour - 1) / hour)
		return lang.XN("time.hours", "{{.Count}} hours", n, map[string]any{"Count": n})
	case s < month:
		n := int((s + day - 1) / day)
		return lang.XN("time.days", "{{.Count}} days", n, map[string]any{"Count": n})
	case s < year:
		n := int((s + month - 1) / month)
		return lang.XN("time.months", "{{.Count}} months", n, map[string]any{"Count": n})
	case s < 100*year:
		n := int((s + year - 1) / year)
		return lang.XN("time.years", "{{.Count}} years", n, map[string]any{"Count": n})
	}
	return lang.X("time.centuries", "centuries")
}

// Strength is the strength meter's sentence for s.
func Strength(s core.Strength) string {
	Ensure()
	switch {
	case s.Empty:
		return lang.X("password.empty", "Choose a password.")
	case s.Score >= 4:
		return lang.X("password.strong", "Strong password.")
	case s.Score >= core.MinStrength:
		return lang.X("password.good", "Good password.")
	}
	return lang.X("password.too-easy",
		"Too easy to guess (could be cracked in {{.Crack}}): add more words or characters that do not follow a pattern.",
		map[string]any{"Crack": Duration(s.Crack)})
}

// say fills the sentence under key with data, saying durations in words. A sentence with a
// Count takes the plural form the language gives that count.
func say(key string, data map[string]any) string {
	Ensure()
	words := make(map[string]any, len(data))
	for k, v := range data {
		if d, ok := v.(time.Duration); ok {
			v = Duration(d)
		}
		words[k] = v
	}
	if n, ok := words["Count"].(int); ok {
		return lang.XN(key, key, n, words)
	}
	return lang.X(key, key, words)
}
