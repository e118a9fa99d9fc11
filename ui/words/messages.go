package words

import (
	"errors"
	"time"

	"github.com/twostep-app/twostep/core"
)

// messages name the sentence a person reads for each kind of error: keys of the window's
// words (assets/translations). Each says what happened and what to do; none carries D-Bus,
// bbolt or argon2 text.
var messages = map[core.Kind]string{
	core.KindInternal:           "error.internal",
	core.KindInvalid:            "error.invalid",
	core.KindMalformedCode:      "error.malformed-code",
	core.KindWrongCredentials:   "error.wrong-credentials",
	core.KindWrongCode:          "error.wrong-code",
	core.KindCodeReused:         "error.code-reused",
	core.KindUsernameTaken:      "error.username-taken",
	core.KindNotFound:           "error.not-found",
	core.KindChallengeExpired:   "error.challenge-expired",
	core.KindTwoFactorRequired:  "error.two-factor-required",
	core.KindTwoFactorAlreadyOn: "error.two-factor-already-on",
	core.KindTwoFactorOff:       "error.two-factor-off",
	core.KindSecretMissing:      "error.secret-missing",
	core.KindKeyringNoBus:       "error.keyring-no-bus",
	core.KindKeyringNoService:   "error.keyring-no-service",
	core.KindKeyringLocked:      "error.keyring-locked",
	core.KindAlreadyRunning:     "error.already-running",
	core.KindDataCorrupt:        "error.data-corrupt",
	core.KindDataReadOnly:       "error.data-read-only",
	core.KindDataTooNew:         "error.data-too-new",
	core.KindDataTampered:       "error.data-tampered",
	core.KindCodesCapped:        "error.codes-capped",
	core.KindKeyringDamaged:     "error.keyring-damaged",
	core.KindComputerKeyMissing: "error.computer-key-missing",
	core.KindDataUnsafe:         "error.data-unsafe",
}

// Message is the one sentence (or two) a person reads for err, in the desktop's language.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var e *core.Error
	if !errors.As(err, &e) {
		return say(messages[core.KindInternal], nil)
	}
	switch e.Kind {
	case core.KindLockedOut:
		msg := say("error.locked-out", map[string]any{"Wait": e.Wait})
		if e.Err != nil && core.KindOf(e.Err) != core.KindInternal {
			msg = Message(e.Err) + " " + msg
		}
		return msg
	case core.KindClockDrift:
		return driftMessage(e.Drift)
	case core.KindCodesCapped:
		if e.Err != nil && core.KindOf(e.Err) != core.KindInternal {
			return Message(e.Err) + " " + say(messages[e.Kind], nil) // the code that reached the cap, then the cap
		}
	}
	// A sentence named where it happened says more than the kind's: it is the one shown.
	if e.Detail != "" {
		return say(e.Detail, e.Data)
	}
	return say(messages[e.Kind], nil)
}

// driftMessage says which way and how far the phone's clock is off, in whole minutes.
func driftMessage(d time.Duration) string {
	key := "error.clock-ahead"
	if d < 0 {
		key, d = "error.clock-behind", -d
	}
	minutes := max(int((d+30*time.Second)/time.Minute), 1)
	return say(key, map[string]any{"Count": minutes})
}
