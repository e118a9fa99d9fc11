package ui

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/assets"
	"github.com/twostep-app/twostep/ui/words"
)

// The tests write what a person reads in English. In a test that speaks another language
// (speak), the helpers look for the same words as that language says them: says(shown,
// english) translates the English through the key whose English it is.

// speaking is the language the window speaks in this test: "en" unless speak changed it.
var speaking = "en"

// speak makes the window speak the language of locale (such as "de_DE.UTF-8") for the
// rest of the test, as starting Twostep with LC_ALL=locale does. On Windows the language is
// the user's, not the environment's: there the test runs only in the language Wine was
// started in, and scripts/test-windows starts it once per language.
func speak(t *testing.T, locale string) {
	t.Helper()
	l := locale[:2]
	if runtime.GOOS == "windows" {
		tag := strings.ReplaceAll(strings.SplitN(locale, ".", 2)[0], "_", "-") // de_DE.UTF-8: de-DE
		if !strings.HasPrefix(string(lang.SystemLocale()), tag) {
			t.Skipf("Windows speaks %s here, not %s: scripts/test-windows starts Wine in each language", lang.SystemLocale(), locale)
		}
	}
	t.Cleanup(func() {
		speaking = "en"
		if err := words.Load(); err != nil {
			t.Error(err)
		}
	})
	t.Setenv("LC_ALL", locale)
	t.Setenv("LANGUAGE", "")
	if err := words.Load(); err != nil {
		t.Fatal(err)
	}
	speaking = l
}

// english is one sentence of Twostep's English words, as a pattern that reads back the
// values it was filled in with.
type english struct {
	key   string
	re    *regexp.Regexp
	names []string
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// englishWords are every English sentence and phrase of Twostep, each plural form apart.
var englishWords = sync.OnceValue(func() []english {
	var out []english
	for key, forms := range wordFiles("en") {
		for _, form := range forms {
			var names []string
			pattern := "^"
			last := 0
			for _, m := range placeholder.FindAllStringSubmatchIndex(form, -1) {
				pattern += regexp.QuoteMeta(form[last:m[0]]) + "(.+?)"
				names = append(names, form[m[2]:m[3]])
				last = m[1]
			}
			pattern += regexp.QuoteMeta(form[last:]) + "$"
			out = append(out, english{key, regexp.MustCompile(pattern), names})
		}
	}
	return out
})

// wordFiles reads every translations/<l>/*.json: key -> its forms (a plain string is one form).
func wordFiles(l string) map[string][]string {
	files, err := fs.Glob(assets.Translations, "translations/"+l+"/*.json")
	if err != nil || len(files) == 0 {
		panic("no translations for " + l)
	}
	out := map[string][]string{}
	for _, f := range files {
		b, err := assets.Translations.ReadFile(f)
		if err != nil {
			panic(err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			panic(f + ": " + err.Error())
		}
		for key, raw := range m {
			var s string
			if json.Unmarshal(raw, &s) == nil {
				out[key] = []string{s}
				continue
			}
			var forms map[string]string
			if err := json.Unmarshal(raw, &forms); err != nil {
				panic(f + ": " + key + ": " + err.Error())
			}
			delete(forms, "description")
			for _, form := range forms {
				out[key] = append(out[key], form)
			}
		}
	}
	return out
}

// translations are the ways the window may say the English text en in the language it
// speaks: one per key whose English reads as en, filled in with the same values.
func translations(en string) []string {
	if speaking == "en" {
		return []string{en}
	}
	var out []string
	for _, w := range englishWords() {
		m := w.re.FindStringSubmatch(en)
		if m == nil {
			continue
		}
		data := map[string]any{}
		count := -1
		for i, name := range w.names {
			data[name] = m[i+1]
			if n, err := strconv.Atoi(m[i+1]); err == nil && name == "Count" {
				data[name], count = n, n
			}
		}
		if count >= 0 {
			out = append(out, lang.XN(w.key, "", count, data))
		} else {
			out = append(out, lang.X(w.key, "", data))
		}
	}
	return out
}

// says reports whether shown is what the window says for the English text en.
func says(shown, en string) bool {
	if shown == en { // English, or a sentence the test had the window's words make
		return true
	}
	return speaking != "en" && slices.Contains(translations(en), shown)
}

// containsSaid says whether shown holds the English text en as the window says it.
func containsSaid(shown []string, en string) bool {
	return slices.ContainsFunc(shown, func(s string) bool { return says(s, en) })
}

// Leaving English behind: what a person reads in a window that speaks another language.

// names are written the same in every language: products, systems, and the test's data.
var names = []string{
	"Google Authenticator", "Microsoft Authenticator", "Duo Mobile", "1Password", "Authy",
	"GNOME Keyring", "KeePassXC", "Secret Service", "Twostep", "iOS", "Android", "Windows",
	"macOS", "Linux", "TOTP", "QR", "PNG", "JPEG", "MiB", "dbus-run-session", "--data-dir",
	alice, testDevice, "work-desktop", "Alice Example", "alice@example.com",
}

// data are the shapes of what the window shows as it is in every language: backup codes
// and setup keys (whose letters can spell an English word), paths.
var data = regexp.MustCompile(`\b[0-9a-z]{5}-[0-9a-z]{5}\b|\b[A-Z2-7]{4}( [A-Z2-7]{4})+\b|/\S*`)

// functionWords are English words any English sentence is made of, in case a sentence
// never went through the translations at all.
var functionWords = strings.Fields(`the a an and or but of to in on at for with from by is are was were be
been this that these those it its you your yours we our they their he she his her not no yes
if then than so as when while after before again there here what which who how why all any
each every some more most other only just now will would can could should may must has have
had do does did done new old set up down out off over into about please try again`)

var vocabularies sync.Map // language -> map[string]bool of the words its translations use

func vocabulary(l string) map[string]bool {
	if v, ok := vocabularies.Load(l); ok {
		return v.(map[string]bool)
	}
	v := map[string]bool{}
	for _, forms := range wordFiles(l) {
		for _, form := range forms {
			for _, w := range wordsOf(placeholder.ReplaceAllString(form, " ")) {
				v[w] = true
			}
		}
	}
	if l == "en" {
		for _, w := range functionWords {
			v[w] = true
		}
	}
	vocabularies.Store(l, v)
	return v
}

func wordsOf(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
}

var initials = regexp.MustCompile(`^\p{Lu}{1,2}$`)

var looksLikeKey = regexp.MustCompile(`^[a-z]+(\.[a-z0-9-]+)+$`)

// englishIn is the first English word in s that the language l never uses, after names
// are taken out, or a key shown instead of words; "" if there is none.
func englishIn(s, l string) string {
	if looksLikeKey.MatchString(s) {
		return s
	}
	for _, n := range names {
		s = strings.ReplaceAll(s, n, " ")
	}
	s = data.ReplaceAllString(s, " ")
	en, own := vocabulary("en"), vocabulary(l)
	for _, w := range wordsOf(s) {
		if en[w] && !own[w] {
			return w
		}
	}
	return ""
}

// shownWords are all the words on the page and in every dialog and menu over it,
// placeholders and the window's title included.
func (e *env) shownWords() []string {
	out := []string{e.w.Title()}
	layers := append([]fyne.CanvasObject{e.page()}, e.w.Canvas().Overlays().List()...)
	for _, root := range layers {
		out = append(out, texts(root)...)
		visit(root, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *field:
				out = append(out, x.PlaceHolder)
			case *widget.Entry:
				out = append(out, x.PlaceHolder)
			case *widget.Hyperlink:
				out = append(out, x.Text)
			}
		})
	}
	return out
}

// wantNoEnglish fails the test for each English word left in what the window shows, when
// it speaks another language, but for the exact texts allowed. where names the screen.
func (e *env) wantNoEnglish(where string, allowed ...string) {
	e.t.Helper()
	if speaking == "en" {
		return
	}
	for _, s := range e.shownWords() {
		if slices.Contains(allowed, s) {
			continue
		}
		if initials.MatchString(s) {
			continue // the profile picture without a picture: data
		}
		if w := englishIn(s, speaking); w != "" {
			e.t.Errorf("%s, in %s: %q is English (%q)", where, speaking, s, w)
		}
	}
}

// Longer words: every screen at the default size and at the smallest the window can be.

// wantNothingClipped fails the test for each shown object drawn smaller than it needs (its
// MinSize): its words are cut off, or it overlaps what follows it. It looks at the window
// as it is, then at the smallest size it can take (the page's minimum, which the window
// keeps to; dialogs have to fit in it), and puts the size back.
func (e *env) wantNothingClipped(where string) {
	e.t.Helper()
	before := e.w.Canvas().Size()
	e.clipped(where + " at " + sizeString(before))
	small := e.page().MinSize()
	e.w.Resize(small)
	e.settle()
	e.clipped(where + " at the smallest size, " + sizeString(e.w.Canvas().Size()))
	e.w.Resize(before)
	e.settle()
}

func (e *env) clipped(where string) {
	e.t.Helper()
	layers := append([]fyne.CanvasObject{e.page()}, e.w.Canvas().Overlays().List()...)
	for _, root := range layers {
		// A wrapping label needs more height once it is narrower: the real driver lays out
		// again until nothing changes, and so does this.
		for range 3 {
			relayout(root)
		}
		visit(root, func(o fyne.CanvasObject) {
			need, got := o.MinSize(), o.Size()
			if got.IsZero() {
				return // never sized by its layout (Fyne's dialog title): drawn at its own size
			}
			if got.Width+0.5 < need.Width || got.Height+0.5 < need.Height {
				e.t.Errorf("%s, in %s: a %T showing %q is %s but needs %s", where, speaking, o, texts(o), sizeString(got), sizeString(need))
			}
		})
	}
}

func sizeString(s fyne.Size) string { return fmt.Sprintf("%.0fx%.0f", s.Width, s.Height) }

// relayout lays out every container and widget under o again, parents first, as the real
// driver does when a size its layout used has changed since (the test canvas lays out only
// when the window is resized). Then each object has the size its parent gives it now.
func relayout(o fyne.CanvasObject) {
	if o == nil || !o.Visible() {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, c := range x.Objects {
			relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		for _, c := range r.Objects() {
			relayout(c)
		}
	}
}

// fyneUntranslated are the words of Fyne's file dialog that Fyne 2.7 never translates: its
// place names are plain strings in fyne.io/fyne/v2/dialog (file.go, file_unix.go), not
// lang keys, so no translation of Twostep's can reach them.
var fyneUntranslated = []string{"Home", "Computer"}

// folderNames are what a file dialog lists as it is: the names of the folders on the way to
// the home folder and the temporary folder, and what those hold.
func folderNames() []string {
	var out []string
	home, _ := os.UserHomeDir() // %USERPROFILE% on Windows
	for _, dir := range []string{home, os.TempDir(), "/"} {
		if dir == "" {
			continue
		}
		out = append(out, strings.Split(filepath.ToSlash(dir), "/")...)
		entries, _ := os.ReadDir(dir)
		for _, en := range entries {
			out = append(out, en.Name())
		}
	}
	return out
}
