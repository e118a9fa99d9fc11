package assets

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Languages are the ones Twostep ships; English is the source every other is checked against.
var languages = Languages()

// message is one entry of a go-i18n JSON file: a plain string, or an object with plural
// forms and a note for translators.
type message struct {
	Description string `json:"description"`
	One         string `json:"one"`
	Other       string `json:"other"`
	Many        string `json:"many"`
}

func (m *message) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		m.Other = s
		return nil
	}
	type plain message
	return json.Unmarshal(b, (*plain)(m))
}

// words reads every translation file: area -> language -> key -> message.
func words(t *testing.T) map[string]map[string]map[string]message {
	t.Helper()
	out := map[string]map[string]map[string]message{}
	files, err := fs.Glob(Translations, "translations/*/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no translation files: %v", err)
	}
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(filepath.Base(f), ".json"), ".")
		if len(parts) != 2 || !slices.Contains(languages, parts[1]) || filepath.Base(filepath.Dir(f)) != parts[1] {
			t.Fatalf("%s: want lang/area.lang.json with lang one of %v", f, languages)
		}
		b, err := Translations.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]message
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if out[parts[0]] == nil {
			out[parts[0]] = map[string]map[string]message{}
		}
		out[parts[0]][parts[1]] = m
	}
	return out
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Every key is said in every language, with the same values filled in, and a sentence that
// counts has its singular and plural in each.
func TestEveryKeyInEveryLanguage(t *testing.T) {
	seen := map[string]string{}
	for area, langs := range words(t) {
		en := langs["en"]
		if len(en) == 0 {
			t.Errorf("area %s has no English words", area)
		}
		for key, m := range en {
			if other, dup := seen[key]; dup {
				t.Errorf("%s is in both %s and %s", key, other, area)
			}
			seen[key] = area
			for _, l := range languages {
				tr, ok := langs[l][key]
				switch {
				case !ok || strings.TrimSpace(tr.Other) == "":
					t.Errorf("%s.%s.json: %s is missing", area, l, key)
					continue
				case (m.One != "") != (tr.One != ""):
					t.Errorf("%s.%s.json: %s has a singular in one language and not in the other", area, l, key)
				case strings.Contains(m.Other, "{{.Count}}") && tr.One == "":
					t.Errorf("%s.%s.json: %s counts but has no singular (one)", area, l, key)
				}
				for _, form := range []string{tr.One, tr.Other, tr.Many} {
					if form == "" {
						continue
					}
					if got, want := placeholders(form), placeholders(m.Other); !slices.Equal(got, want) {
						t.Errorf("%s.%s.json: %s fills in %v, English fills in %v", area, l, key, got, want)
					}
				}
			}
		}
		for _, l := range languages {
			for key := range langs[l] {
				if _, ok := en[key]; !ok {
					t.Errorf("%s.%s.json: %s is not in English: a left-over", area, l, key)
				}
			}
		}
	}
}

// call is one lang.X or lang.XN call in Twostep's code: its key and its English fallback.
type call struct{ where, key, fallback string }

// langCalls finds every call into fyne.io/fyne/v2/lang in the non-test Go files of ui/, ui/words/,
// app/ and cmd/. Keys and fallbacks must be literals, so this test can read them.
func langCalls(t *testing.T) []call {
	t.Helper()
	var files []string
	for _, dir := range []string{"../ui", "../ui/words", "../app", "../cmd/twostep"} {
		m, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	fset := token.NewFileSet()
	var out []call
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := c.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "lang" {
				return true
			}
			where := fset.Position(c.Pos()).String()
			switch sel.Sel.Name {
			case "X", "XN":
			case "AddTranslationsFS", "AddTranslationsForLocale", "SystemLocale":
				return true
			default:
				t.Errorf("%s: lang.%s: use lang.X or lang.XN with a key", where, sel.Sel.Name)
				return true
			}
			key, kok := literal(c.Args[0])
			fallback, fok := literal(c.Args[1])
			if !kok || !fok {
				// Only words' say passes keys on: the keys it is given are checked where they are written.
				if !strings.HasSuffix(filepath.ToSlash(fset.Position(c.Pos()).Filename), "ui/words/load.go") {
					t.Errorf("%s: lang.%s with a key or fallback that is not a literal", where, sel.Sel.Name)
				}
				return true
			}
			out = append(out, call{where, key, fallback})
			return true
		})
	}
	if len(out) < 20 {
		t.Fatalf("found only %d lang calls; the search is broken", len(out))
	}
	return out
}

func literal(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

// Every key the code says is in the English words, and the code's fallback (what a reader
// of the code sees) is the English sentence itself.
func TestCodeSaysWhatEnglishSays(t *testing.T) {
	english := map[string]message{}
	for _, langs := range words(t) {
		for k, m := range langs["en"] {
			english[k] = m
		}
	}
	for _, c := range langCalls(t) {
		m, ok := english[c.key]
		switch {
		case !ok:
			t.Errorf("%s: %s is in no *.en.json", c.where, c.key)
		case m.Other != c.fallback:
			t.Errorf("%s: %s says %q in the code and %q in English", c.where, c.key, c.fallback, m.Other)
		}
	}
}

// The languages are the folders, English first, and each has the five areas.
func TestLanguagesAreTheFolders(t *testing.T) {
	got := Languages()
	if len(got) < 4 || got[0] != "en" || !slices.Contains(got, "de") || !slices.Contains(got, "es") || !slices.Contains(got, "fr") {
		t.Fatalf("Languages() = %v", got)
	}
	if Locale("de") != "de_DE.UTF-8" || Locale("en") != "en_US.UTF-8" {
		t.Errorf("Locale: %q, %q", Locale("de"), Locale("en"))
	}
}
