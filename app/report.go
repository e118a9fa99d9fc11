package app

import (
	"log/slog"

	"github.com/twostep-app/twostep/core"
)

// Report logs err's cause to l when it is one a person cannot act on alone: an internal
// error, or a keyring or data-file problem. Wrong passwords and codes are not logged: a log
// says what went wrong for whoever helps, never what someone typed.
func Report(l *slog.Logger, err error) {
	if l == nil || err == nil || !worthLogging(core.KindOf(err)) {
		return
	}
	l.Error("failed", "kind", core.KindOf(err).String(), "error", err.Error())
}

func worthLogging(k core.Kind) bool {
	switch k {
	case core.KindInternal, core.KindKeyringNoBus, core.KindKeyringNoService, core.KindKeyringLocked,
		core.KindKeyringDamaged, core.KindAlreadyRunning, core.KindDataCorrupt, core.KindDataReadOnly,
		core.KindDataTooNew, core.KindDataTampered, core.KindDataUnsafe:
		return true
	}
	return false
}
