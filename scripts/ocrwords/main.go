// Command ocrwords prints, for scripts/screenshots, a pattern (grep -E) that matches how
// OCR reads the sentence under a key of Twostep's words in a language:
//
//	go run ./scripts/ocrwords de signin.title   # Bei Twostep anmelden
//
// Values ({{.Name}}) match anything, letters outside ASCII match what tesseract may read
// for them (one letter, two, or none), and punctuation any one character.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode"

	"github.com/twostep-app/twostep/assets"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: ocrwords LANG KEY")
		os.Exit(2)
	}
	s, err := sentence(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "ocrwords:", err)
		os.Exit(1)
	}
	fmt.Println(pattern(s))
}

// sentence is the plain (other) form of key in the files of language l.
func sentence(l, key string) (string, error) {
	files, err := assets.Translations.ReadDir("translations/" + l)
	if err != nil {
		return "", err
	}
	for _, f := range files {
		b, err := assets.Translations.ReadFile("translations/" + l + "/" + f.Name())
		if err != nil {
			return "", err
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return "", fmt.Errorf("%s: %w", f.Name(), err)
		}
		raw, ok := m[key]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s, nil
		}
		var forms struct{ Other string }
		err = json.Unmarshal(raw, &forms)
		return forms.Other, err
	}
	return "", fmt.Errorf("no %s in the %s words", key, l)
}

var value = regexp.MustCompile(`{{[^}]*}}`)

func pattern(s string) string {
	var b strings.Builder
	for _, part := range value.Split(s, -1) {
		if b.Len() > 0 {
			b.WriteString(".*")
		}
		for _, r := range part {
			switch {
			case r > 127:
				b.WriteString(".{0,2}") // read as one letter, two (ü as ii), or none
			case unicode.IsPunct(r):
				b.WriteByte('.') // a hyphen may read as a colon
			default:
				b.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
	}
	return b.String()
}
