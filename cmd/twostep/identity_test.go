package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core/keyring"
)

// fyneApp is the part of FyneApp.toml that Twostep's code must agree with.
type fyneApp struct {
	Details struct {
		ID      string
		Name    string
		Version string
		Icon    string
	}
	Release    struct{ BuildName string }
	Migrations struct {
		FyneDo bool `toml:"fyneDo"`
	}
}

// One identity: the packager reads FyneApp.toml, the running app reads app.ID and
// app.Version, and the keyring files secrets under keyring.Service. They must agree where
// they should and differ where they must.
func TestIdentityAgreesWithFyneAppToml(t *testing.T) {
	var f fyneApp
	if _, err := toml.DecodeFile("../../FyneApp.toml", &f); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		what string
		ok   bool
	}{
		{"FyneApp.toml's ID " + f.Details.ID + " is app.ID " + app.ID, f.Details.ID == app.ID},
		{"FyneApp.toml's Version " + f.Details.Version + " is app.Version " + app.Version, f.Details.Version == app.Version},
		{"app.Version " + app.Version + " is major.minor.patch", regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(app.Version)},
		{"app.ID " + app.ID + " is reverse-DNS (lower-case domain, then the name)", regexp.MustCompile(`^[a-z][a-z0-9]*(\.[a-z0-9_]+)+\.[A-Za-z][A-Za-z0-9_]*$`).MatchString(app.ID)},
		{"app.ID does not end in .desktop (the packaged file would be ….desktop.desktop)", !strings.HasSuffix(app.ID, ".desktop")},
		// Existing secrets are filed under the service name: it must never follow the app ID.
		{"the keyring service is still io.twostep.desktop", keyring.Service == "io.twostep.desktop"},
		{"the app ID is not the keyring service", app.ID != keyring.Service},
		{"the app is called Twostep", f.Details.Name == "Twostep"},
		{"the binary is called twostep", f.Release.BuildName == "twostep"},
		// Every call into Fyne from another goroutine goes through fyne.Do, so releases may
		// turn Fyne's thread checks off (-tags migrated_fynedo); tests keep them on.
		{"FyneApp.toml declares the fyne.Do migration", f.Migrations.FyneDo},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("want: %s", c.what)
		}
	}
}
