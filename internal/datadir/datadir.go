// Package datadir says where Twostep keeps its data file and log.
package datadir

import (
	"os"
	"path/filepath"
	"runtime"

	"github.com/twostep-app/twostep/core"
)

// Env names the environment variable that moves the data directory.
const Env = "TWOSTEP_DATA_DIR"

// File is the bbolt file's name inside the data directory.
const File = "twostep.db"

// Dir picks where Twostep keeps its file: the --data-dir flag, else $TWOSTEP_DATA_DIR,
// else a folder in the per-user config directory: ~/.config/twostep on Linux,
// %AppData%\Twostep on Windows.
func Dir(flag string) (string, error) {
	if flag != "" {
		return filepath.Abs(flag)
	}
	if env := os.Getenv(Env); env != "" {
		return filepath.Abs(env)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", core.Fail(core.KindDataReadOnly, "error.data-dir.no-home")
	}
	return filepath.Join(base, folderName()), nil
}

// folderName is the data folder's name in the config directory. Windows programs name
// theirs as the program's name is written (%AppData%\Twostep); Unix ones use lower case.
// (No Windows user of Twostep had data yet when this was chosen, so nothing moves.)
func folderName() string {
	if runtime.GOOS == "windows" {
		return "Twostep"
	}
	return "twostep"
}
