package app

import (
	"os"
	"path/filepath"

	"github.com/twostep-app/twostep/core"
)

// EnvDataDir names the environment variable that moves the data directory.
const EnvDataDir = "TWOSTEP_DATA_DIR"

// DataFile is the bbolt file's name inside the data directory.
const DataFile = "twostep.db"

// DataDir picks where Twostep keeps its file: the --data-dir flag, else $TWOSTEP_DATA_DIR,
// else the per-user config directory (~/.config/twostep on Linux).
func DataDir(flag string) (string, error) {
	if flag != "" {
		return filepath.Abs(flag)
	}
	if env := os.Getenv(EnvDataDir); env != "" {
		return filepath.Abs(env)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", core.Errorf(core.KindDataReadOnly, "No home folder is set, so there is nowhere to keep Twostep's data; use --data-dir.")
	}
	return filepath.Join(base, "twostep"), nil
}
