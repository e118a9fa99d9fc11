package core

import (
	"errors"
	"fmt"
	"time"
)

// Kind says what went wrong in terms a person can act on. The edges (CLI, window)
// turn each kind into one sentence; raw library text never reaches a person.
type Kind int

const (
	KindInternal           Kind = iota // a bug or an unexpected failure
	KindInvalid                        // input that breaks a rule (username, password, profile)
	KindMalformedCode                  // not 6 digits / not a backup code; costs no attempt
	KindWrongCredentials               // username or password wrong (never says which)
	KindWrongCode                      // verification or backup code wrong
	KindCodeReused                     // a code whose time step was already accepted
	KindClockDrift                     // code matches, but minutes away from now
	KindLockedOut                      // too many failures; Error.Wait says how long
	KindUsernameTaken                  // another account has this name
	KindNotFound                       // no such account, device or enrolment
	KindChallengeExpired               // the sign-in waited too long for its code
	KindTwoFactorRequired              // the action needs a code and none was given
	KindTwoFactorAlreadyOn             // enrolment asked for while 2FA is on
	KindTwoFactorOff                   // an action that needs 2FA on
	KindSecretMissing                  // a secret the account needs is not in the keyring
	KindKeyringNoBus                   // no D-Bus session to reach a keyring through
	KindKeyringNoService               // a bus, but no Secret Service provider
	KindKeyringLocked                  // the keyring is locked and could not be unlocked
	KindAlreadyRunning                 // another Twostep holds the data file
	KindDataCorrupt                    // the data file cannot be read
	KindDataReadOnly                   // the data file or its folder cannot be written
	KindDataTooNew                     // written by a newer Twostep
	KindDataTampered                   // an account record fails its authenticator: changed outside Twostep
	KindComputerKeyMissing             // this computer's keyring lacks the account's key: only a backup code gets in
	KindCodesCapped                    // too many wrong codes in a row: only a backup code gets in until a sign-in succeeds
	KindKeyringDamaged                 // an entry in the keyring is not in the form Twostep writes
	KindDataUnsafe                     // the data folder or file is set up so that others could change it
)

var kindNames = map[Kind]string{
	KindInternal: "internal", KindInvalid: "invalid", KindMalformedCode: "malformed code",
	KindWrongCredentials: "wrong credentials", KindWrongCode: "wrong code", KindCodeReused: "code reused",
	KindClockDrift: "clock drift", KindLockedOut: "locked out", KindUsernameTaken: "username taken",
	KindNotFound: "not found", KindChallengeExpired: "challenge expired",
	KindTwoFactorRequired: "two-factor required", KindTwoFactorAlreadyOn: "two-factor already on",
	KindTwoFactorOff: "two-factor off", KindSecretMissing: "secret missing",
	KindKeyringNoBus: "keyring: no session bus", KindKeyringNoService: "keyring: no secret service",
	KindKeyringLocked: "keyring locked", KindAlreadyRunning: "already running",
	KindDataCorrupt: "data corrupt", KindDataReadOnly: "data read-only", KindDataTooNew: "data too new",
	KindDataTampered: "data tampered", KindComputerKeyMissing: "computer key missing",
	KindCodesCapped: "codes capped", KindKeyringDamaged: "keyring entry damaged", KindDataUnsafe: "data unsafe",
}

func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error is the one error type the domain, the adapters and the use cases return.
// Detail names a sentence for a person where the kind alone is not enough (which rule a
// password broke): it is a key of the window's words (assets/translations), never English,
// so the edge can say it in the person's language; Data fills in the values it names.
// Err keeps the cause for logs and errors.Is.
type Error struct {
	Kind   Kind
	Detail string
	Data   map[string]any // the values Detail's sentence names, e.g. {"Min": 8}
	Wait   time.Duration  // KindLockedOut: how long until the next try
	Drift  time.Duration  // KindClockDrift: phone clock minus ours
	Err    error
}

func (e *Error) Error() string {
	msg := e.Kind.String()
	if e.Detail != "" {
		msg += ": " + e.Detail // a key: logs stay in one language
		if len(e.Data) > 0 {
			msg += " " + fmt.Sprint(e.Data)
		}
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Fail makes an Error of kind k. detail is the key of the sentence that says more than the
// kind does ("" when the kind says it all); data are the name, value pairs it fills in.
func Fail(k Kind, detail string, data ...any) *Error {
	e := &Error{Kind: k, Detail: detail}
	if len(data) > 0 {
		e.Data = make(map[string]any, len(data)/2)
		for i := 0; i+1 < len(data); i += 2 {
			e.Data[data[i].(string)] = data[i+1]
		}
	}
	return e
}

// Wrap keeps err as the cause of an Error of kind k.
func Wrap(k Kind, err error) *Error { return &Error{Kind: k, Err: err} }

// KindOf is the kind of err: its own if it is (or wraps) an *Error, else KindInternal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// IsKind reports whether err is an *Error of kind k.
func IsKind(err error, k Kind) bool { return err != nil && KindOf(err) == k }
