package core

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Twostep 0.2 stored each event's kind, and its detail, as English phrases. They are read
// as today's codes, so old activity shows in any language; nothing is rewritten.
var legacyKinds = map[string]EventKind{
	"account created":                    EventAccountCreated,
	"signed in":                          EventSignIn,
	"sign-in failed":                     EventSignInFailed,
	"confirmation in Settings failed":    EventConfirmFailed,
	"locked out":                         EventLockedOut,
	"signed out":                         EventSignOut,
	"two-step authentication turned on":  EventTwoFactorOn,
	"two-step authentication turned off": EventTwoFactorOff,
	"backup codes generated":             EventBackupGenerated,
	"backup code used":                   EventBackupUsed,
	"device trusted":                     EventDeviceTrusted,
	"device revoked":                     EventDeviceRevoked,
	"password changed":                   EventPasswordChanged,
	"profile updated":                    EventProfileUpdated,
	"this computer set up again with a backup code": EventComputerSetUp,
	"account protection upgraded":                   EventUpgraded,
}

var legacyMethods = map[string]Method{
	"password":                       MethodPassword,
	"password and verification code": MethodPasswordCode,
	"password and backup code":       MethodBackupCode,
	"password on a trusted device":   MethodTrustedDevice,
}

var legacyFactors = map[string]Factor{
	"wrong password":          FactorPassword,
	"wrong verification code": FactorCode,
	"wrong backup code":       FactorBackupCode,
}

// UnmarshalJSON reads an event as stored today or, with a phrase for its kind, by 0.2.
func (e *Event) UnmarshalJSON(b []byte) error {
	type plain Event // without this method
	var stored struct {
		plain
		Detail string `json:"detail"` // 0.2's details, in English
	}
	if err := json.Unmarshal(b, &stored); err != nil {
		return err
	}
	*e = Event(stored.plain)
	if kind, ok := legacyKinds[string(e.Kind)]; ok {
		e.Kind = kind
		e.readLegacyDetail(stored.Detail)
	}
	return nil
}

// readLegacyDetail turns 0.2's detail phrase into the fields that hold it now. A phrase it
// does not know is dropped: the kind still says what happened.
func (e *Event) readLegacyDetail(detail string) {
	switch e.Kind {
	case EventSignIn:
		e.Method = legacyMethods[detail]
	case EventSignInFailed, EventConfirmFailed:
		e.Wrong = legacyFactors[detail]
	case EventLockedOut:
		var wait string
		if _, err := fmt.Sscanf(detail, "after %d failed attempts, for %s", &e.Count, &wait); err == nil {
			e.Wait, _ = time.ParseDuration(wait)
		}
	case EventBackupUsed:
		fmt.Sscanf(detail, "%d left", &e.Count)
	case EventDeviceTrusted:
		e.Name = detail
	case EventDeviceRevoked:
		switch detail {
		case "all devices":
			e.All = true
		case "signed out completely":
			e.SignedOut = true
		default:
			e.Name = strings.TrimSpace(detail)
		}
	}
}
