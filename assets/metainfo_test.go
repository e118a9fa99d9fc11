package assets

import (
	"encoding/xml"
	"os"
	"path"
	"regexp"
	"slices"
	"testing"
)

// metainfo is the part of the AppStream file this test checks.
type metainfo struct {
	ID       string `xml:"id"`
	Summary  []text `xml:"summary"`
	Releases []struct {
		Version string `xml:"version,attr"`
	} `xml:"releases>release"`
	Screenshots []struct {
		Image string `xml:"image"`
	} `xml:"screenshots>screenshot"`
}

type text struct {
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Text string `xml:",chardata"`
}

// The AppStream metainfo says what FyneApp.toml says (the app ID, this version as the newest
// release), has a summary in every language Twostep ships, and shows screenshots that exist.
func TestMetainfoIsTrue(t *testing.T) {
	raw, err := os.ReadFile("linux/io.github.twostep_app.Twostep.metainfo.xml")
	if err != nil {
		t.Fatal(err)
	}
	var m metainfo
	if err := xml.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	toml, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	value := func(key string) string {
		got := regexp.MustCompile(`(?m)^\s*` + key + `\s*=\s*"([^"]*)"`).FindSubmatch(toml)
		if got == nil {
			t.Fatalf("FyneApp.toml has no %s", key)
		}
		return string(got[1])
	}
	if m.ID != value("ID") {
		t.Errorf("metainfo id %q, FyneApp.toml ID %q", m.ID, value("ID"))
	}
	if len(m.Releases) == 0 || m.Releases[0].Version != value("Version") {
		t.Errorf("the newest release in the metainfo is not FyneApp.toml's Version %s", value("Version"))
	}
	for _, l := range Languages()[1:] {
		if !slices.ContainsFunc(m.Summary, func(s text) bool { return s.Lang == l && s.Text != "" }) {
			t.Errorf("no summary in %s", l)
		}
	}
	if len(m.Screenshots) == 0 {
		t.Fatal("no screenshots")
	}
	for _, s := range m.Screenshots {
		if _, err := os.Stat("../docs/screenshots/" + path.Base(s.Image)); err != nil {
			t.Errorf("screenshot %s: %v", s.Image, err)
		}
	}
}
