package words

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/twostep-app/twostep/assets"
	"github.com/twostep-app/twostep/internal/testenv"
)

// fyneOnlyLanguages is every language Fyne's module translates its widgets into, less the
// ones Twostep ships: a Fyne upgrade that adds one fails here, before its users would see
// keys instead of words.
func TestFyneOnlyLanguagesAreFynes(t *testing.T) {
	goTool := testenv.NeedTool(t, "go")
	out, err := exec.Command(goTool, "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Fatalf("go list fyne.io/fyne/v2: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(strings.TrimSpace(string(out)), "lang", "translations", "base.*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no translations in Fyne's module: %v", err)
	}
	var fyneOnly []string
	for _, f := range files {
		tag := strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "base."), ".json"), "_", "-")
		if !slices.Contains(assets.Languages(), tag) {
			fyneOnly = append(fyneOnly, tag)
		}
	}
	slices.Sort(fyneOnly)
	if want := slices.Sorted(slices.Values(fyneOnlyLanguages)); !slices.Equal(fyneOnly, want) {
		t.Errorf("Fyne translates into %v besides Twostep's languages; fyneOnlyLanguages says %v", fyneOnly, want)
	}
}
