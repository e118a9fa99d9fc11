package main

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/twostep-app/twostep/internal/testenv"
)

func TestDataDirPrecedence(t *testing.T) {
	home := testenv.TempDir(t)
	cfg := filepath.Join(home, "cfg")
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", cfg) // where os.UserConfigDir looks on Linux
	t.Setenv("APPDATA", cfg)         // and on Windows
	flagDir, envDir := filepath.Join(home, "flagdir"), filepath.Join(home, "envdir")
	tests := []struct {
		name, flag, env, want string
	}{
		{"flag wins", flagDir, envDir, flagDir},
		{"then the environment", "", envDir, envDir},
		{"then the config folder", "", "", defaultDataDir(home, cfg)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(envDataDir, tt.env)
			got, err := dataDir(tt.flag)
			if err != nil || got != tt.want {
				t.Fatalf("DataDir(%q) with $%s=%q = %q, %v; want %q", tt.flag, envDataDir, tt.env, got, err, tt.want)
			}
		})
	}
}

// defaultDataDir is where the data folder goes when nothing moves it, on the system the test
// runs on, with the config folder at cfg: Windows spells an application's folder as its name
// is written (%AppData%\Twostep); elsewhere the name stays in lower case, as it always was.
func defaultDataDir(home, cfg string) string {
	switch runtime.GOOS {
	case "windows":
		return filepath.Join(cfg, "Twostep")
	case "darwin": // os.UserConfigDir does not read $XDG_CONFIG_HOME there
		return filepath.Join(home, "Library", "Application Support", "twostep")
	}
	return filepath.Join(cfg, "twostep")
}
