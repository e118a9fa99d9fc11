package words_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"

	"github.com/twostep-app/twostep/internal/testenv"
)

func TestEveryKindHasASentenceWithoutRawText(t *testing.T) {
	raw := errors.New("org.freedesktop.DBus.Error.ServiceUnknown: bbolt: timeout")
	// Every kind with a name, the ones added later included.
	for k := core.KindInternal; k.String() != fmt.Sprintf("kind(%d)", int(k)); k++ {
		msg := words.Message(&core.Error{Kind: k, Err: raw, Wait: time.Minute})
		if msg == "" || !strings.HasSuffix(msg, ".") || strings.Contains(msg, "DBus") || strings.Contains(msg, "bbolt") {
			t.Errorf("%v: %q", k, msg)
		}
	}
	if msg := words.Message(fmt.Errorf("wrapped: %w", raw)); strings.Contains(msg, "DBus") {
		t.Errorf("a plain error leaked: %q", msg)
	}
}

func TestMessages(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&core.Error{Kind: core.KindLockedOut, Wait: 30 * time.Second}, "Try again in 30 seconds."},
		{&core.Error{Kind: core.KindLockedOut, Wait: 2 * time.Minute, Err: core.Fail(core.KindWrongCode, "")}, "That code is wrong."},
		{&core.Error{Kind: core.KindLockedOut, Wait: time.Hour}, "Try again in 1 hour."},
		{&core.Error{Kind: core.KindClockDrift, Drift: -5 * time.Minute}, "about 5 minutes behind"},
		{&core.Error{Kind: core.KindClockDrift, Drift: 60 * time.Second}, "about 1 minute ahead"},
		{core.Fail(core.KindInvalid, "error.username.length", "Min", 3, "Max", 32), "A username has 3 to 32 characters."},
		{core.Fail(core.KindAlreadyRunning, ""), "Twostep is already running."},
		{core.Fail(core.KindKeyringLocked, ""), "Unlock it"},
		{core.Fail(core.KindKeyringNoService, ""), "KeePassXC"},
	}
	for _, tt := range tests {
		if got := words.Message(tt.err); !strings.Contains(got, tt.want) {
			t.Errorf("Message(%v) = %q, want it to say %q", tt.err, got, tt.want)
		}
	}
}

// Every sentence written for a person where an error happens reaches the window (issue 8.10:
// "No home folder is set ..." was shown as "Twostep cannot write its data file", and the
// damaged backup codes' advice as "restore the data file from a backup"). So a Detail is
// always shown, and every Detail in the code is such a sentence, not a developer's note.
func TestEverySentenceReachesTheWindow(t *testing.T) {
	for k := core.KindInternal; k.String() != fmt.Sprintf("kind(%d)", int(k)); k++ {
		if k == core.KindLockedOut || k == core.KindClockDrift {
			continue // their sentence is made from Wait and Drift
		}
		const said = "A sentence written for this very case."
		if got := words.Message(&core.Error{Kind: k, Detail: said, Err: errors.New("cause")}); got != said {
			t.Errorf("%v: Message = %q, want the detail %q", k, got, said)
		}
	}
	data := map[string]any{"Count": 2, "Min": 3, "Max": 32, "Digits": 6, "Crack": time.Hour, "Wait": time.Minute,
		"File": "/home/ada/.config/twostep/twostep.db", "Folder": "/home/ada/.config/twostep"}
	for _, lit := range personSentences(t) {
		said := words.Message(&core.Error{Kind: core.KindInvalid, Detail: lit.text, Data: data})
		if said == lit.text || strings.Contains(said, "no value") {
			t.Errorf("%s: %q names no sentence in Twostep's words (assets/translations), or leaves a value out: %q", lit.where, lit.text, said)
		}
		if !sentence.MatchString(said) {
			t.Errorf("%s: %q says %q, not a sentence for a person (a capital first, a full stop last)", lit.where, lit.text, said)
		}
	}
}

var sentence = regexp.MustCompile(`^[A-Z].*[.?]$`)

type literal struct{ where, text string }

// personSentences finds, in the non-test Go files of app/ and core/ (and its adapters), the keys of sentences
// for a person: the string literals given as Fail's detail, as an Error's Detail, or
// written as an "error." key anywhere else (a table of them).
func personSentences(t *testing.T) []literal {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../../app/*.go", "../../core/*.go", "../../core/*/*.go"} {
		m, err := filepath.Glob(pattern)
		testenv.Must(t, err)
		files = append(files, m...)
	}
	var out []literal
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || strings.Contains(f, "zxcvbn") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		testenv.Must(t, err)
		ast.Inspect(file, func(n ast.Node) bool {
			add := func(e ast.Expr) {
				if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
					if s, err := strconv.Unquote(b.Value); err == nil && s != "" {
						out = append(out, literal{fset.Position(b.Pos()).String(), s})
					}
				}
			}
			switch n := n.(type) {
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Fail" && len(n.Args) > 1 {
					add(n.Args[1])
				} else if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "Fail" && len(n.Args) > 1 {
					add(n.Args[1])
				}
			case *ast.BasicLit:
				if s, err := strconv.Unquote(n.Value); err == nil && strings.HasPrefix(s, "error.") && !strings.Contains(n.Value, " ") {
					add(n)
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Detail" {
					add(n.Value)
				}
			}
			return true
		})
	}
	if len(out) < 20 {
		t.Fatalf("found only %d sentences; the search is broken", len(out))
	}
	return out
}
