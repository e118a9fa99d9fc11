package app_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"twostep/app"
	"twostep/core"
)

func TestEveryKindHasASentenceWithoutRawText(t *testing.T) {
	raw := errors.New("org.freedesktop.DBus.Error.ServiceUnknown: bbolt: timeout")
	// Every kind with a name, the ones added later included.
	for k := core.KindInternal; k.String() != fmt.Sprintf("kind(%d)", int(k)); k++ {
		msg := app.Message(&core.Error{Kind: k, Err: raw, Wait: time.Minute})
		if msg == "" || !strings.HasSuffix(msg, ".") || strings.Contains(msg, "DBus") || strings.Contains(msg, "bbolt") {
			t.Errorf("%v: %q", k, msg)
		}
	}
	if msg := app.Message(fmt.Errorf("wrapped: %w", raw)); strings.Contains(msg, "DBus") {
		t.Errorf("a plain error leaked: %q", msg)
	}
}

func TestMessages(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&core.Error{Kind: core.KindLockedOut, Wait: 30 * time.Second}, "Try again in 30 seconds."},
		{&core.Error{Kind: core.KindLockedOut, Wait: 2 * time.Minute, Err: core.Errorf(core.KindWrongCode, "")}, "That code is wrong."},
		{&core.Error{Kind: core.KindLockedOut, Wait: time.Hour}, "Try again in 1 hour."},
		{&core.Error{Kind: core.KindClockDrift, Drift: -5 * time.Minute}, "about 5 minutes behind"},
		{&core.Error{Kind: core.KindClockDrift, Drift: 60 * time.Second}, "about 1 minute ahead"},
		{core.Errorf(core.KindInvalid, "A username has 3 to 32 characters."), "A username has 3 to 32 characters."},
		{core.Errorf(core.KindAlreadyRunning, ""), "Twostep is already running."},
		{core.Errorf(core.KindKeyringLocked, ""), "Unlock it"},
		{core.Errorf(core.KindKeyringNoService, ""), "KeePassXC"},
	}
	for _, tt := range tests {
		if got := app.Message(tt.err); !strings.Contains(got, tt.want) {
			t.Errorf("Message(%v) = %q, want it to say %q", tt.err, got, tt.want)
		}
	}
}

func TestSignInAgain(t *testing.T) {
	wrongPassword := core.Errorf(core.KindWrongCredentials, "The password is wrong.")
	tests := []struct {
		err  error
		want bool
	}{
		{core.Errorf(core.KindChallengeExpired, ""), true},
		{wrongPassword, true},
		{&core.Error{Kind: core.KindLockedOut, Wait: time.Minute, Err: wrongPassword}, true},
		{&core.Error{Kind: core.KindLockedOut, Wait: time.Minute, Err: core.Errorf(core.KindWrongCode, "")}, false},
		{&core.Error{Kind: core.KindLockedOut, Wait: time.Minute}, false},
		{core.Errorf(core.KindWrongCode, ""), false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := app.SignInAgain(tt.err); got != tt.want {
			t.Errorf("SignInAgain(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
