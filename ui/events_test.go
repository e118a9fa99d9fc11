package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"
)

// Activity stored by Twostep 0.2 (English phrases, in app/testdata/schema2, where every kind
// of event happened) reads as codes now and shows the same lines as 0.2 showed: 0.2 put the
// stored kind and detail straight on screen. One thing reads better now: 0.2 wrote a
// lockout's wait as Go prints a duration ("30s"), and the window says it in words.
func TestOldActivityShowsAsBefore(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "app", "testdata", "schema2", "facts.json"))
	if err != nil {
		t.Fatal(err)
	}
	var facts struct {
		Events map[string][]json.RawMessage `json:"events"`
	}
	if err := json.Unmarshal(raw, &facts); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	lines := 0
	for _, events := range facts.Events {
		for _, stored := range events {
			var old struct{ Kind, Device, Detail string }
			var ev core.Event
			if err := json.Unmarshal(stored, &old); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(stored, &ev); err != nil {
				t.Fatal(err)
			}
			if _, known := eventWords[ev.Kind]; !known {
				t.Errorf("%s reads as the unknown kind %q", stored, ev.Kind)
			}
			if got, want := eventLine(ev, now), oldEventLine(old.Kind, old.Detail, old.Device); !strings.HasPrefix(got, want+" · ") {
				t.Errorf("%s shows as\n%q\nwant as 0.2 showed it\n%q", stored, got, want)
			}
			lines++
		}
	}
	if lines < 40 {
		t.Fatalf("read only %d events from the fixture", lines)
	}
}

var goWait = regexp.MustCompile(`for (\S+)$`)

// oldEventLine is Twostep 0.2's line for an event, without the time, with the wait in words.
func oldEventLine(kind, detail, device string) string {
	detail = goWait.ReplaceAllStringFunc(detail, func(m string) string {
		d, err := time.ParseDuration(strings.TrimPrefix(m, "for "))
		if err != nil {
			return m
		}
		return "for " + words.Duration(d)
	})
	what := strings.ToUpper(kind[:1]) + kind[1:]
	if detail != "" && detail != device {
		what += " (" + detail + ")"
	}
	return what + " · " + device
}
