package app_test

import (
	"path/filepath"
	"testing"

	"github.com/twostep-app/twostep/app"
)

func TestDataDirPrecedence(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "cfg"))
	tests := []struct {
		name, flag, env, want string
	}{
		{"flag wins", "/tmp/flagdir", "/tmp/envdir", "/tmp/flagdir"},
		{"then the environment", "", "/tmp/envdir", "/tmp/envdir"},
		{"then the config folder", "", "", filepath.Join(home, "cfg", "twostep")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(app.EnvDataDir, tt.env)
			got, err := app.DataDir(tt.flag)
			if err != nil || got != tt.want {
				t.Fatalf("DataDir(%q) with $%s=%q = %q, %v; want %q", tt.flag, app.EnvDataDir, tt.env, got, err, tt.want)
			}
		})
	}
}
