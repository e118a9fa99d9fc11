package app_test

import (
	"testing"
	"time"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
)

func TestSignInAgain(t *testing.T) {
	wrongPassword := core.Fail(core.KindWrongCredentials, "error.password.wrong")
	tests := []struct {
		err  error
		want bool
	}{
		{core.Fail(core.KindChallengeExpired, ""), true},
		{wrongPassword, true},
		{&core.Error{Kind: core.KindLockedOut, Wait: time.Minute, Err: wrongPassword}, true},
		{&core.Error{Kind: core.KindLockedOut, Wait: time.Minute, Err: core.Fail(core.KindWrongCode, "")}, false},
		{&core.Error{Kind: core.KindLockedOut, Wait: time.Minute}, false},
		{core.Fail(core.KindWrongCode, ""), false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := app.SignInAgain(tt.err); got != tt.want {
			t.Errorf("SignInAgain(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
