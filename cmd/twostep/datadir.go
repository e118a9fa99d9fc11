package main

// Where Twostep keeps its data file and log.

import (
	"os"
	"path/filepath"
	"runtime"

	"github.com/twostep-app/twostep/core"
)

// envDataDir names the environment variable that moves the data directory.
const envDataDir = "TWOSTEP_DATA_DIR"

// dataDir picks where Twostep keeps its file: the --data-dir flag, else $TWOSTEP_DATA_DIR,
// else a folder in the per-user config directory: ~/.config/twostep on Linux,
// %AppData%\Twostep on Windows.
func dataDir(flag string) (string, error) {
	if flag != "" {
		return filepath.Abs(flag)
	}
	if env := os.Getenv(envDataDir); env != "" {
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
