package core

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

func TestKindOf(t *testing.T) {
	locked := &Error{Kind: KindLockedOut, Wait: 30 * time.Second}
	tests := []struct {
		name string
		err  error
		want Kind
	}{
		{"nil", nil, KindInternal},
		{"plain error", errors.New("boom"), KindInternal},
		{"own error", Fail(KindWrongCode, ""), KindWrongCode},
		{"wrapped once", fmt.Errorf("sign in: %w", Fail(KindCodeReused, "")), KindCodeReused},
		{"wrapped twice", fmt.Errorf("app: %w", fmt.Errorf("sign in: %w", locked)), KindLockedOut},
		{"joined", errors.Join(errors.New("other"), Fail(KindDataCorrupt, "")), KindDataCorrupt},
		{"Wrap keeps kind", fmt.Errorf("open: %w", Wrap(KindKeyringLocked, io.EOF)), KindKeyringLocked},
		{"wrapped plain error", fmt.Errorf("x: %w", io.EOF), KindInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KindOf(tt.err); got != tt.want {
				t.Errorf("KindOf = %v, want %v", got, tt.want)
			}
			if tt.err != nil && !IsKind(tt.err, tt.want) {
				t.Errorf("IsKind(err, %v) = false", tt.want)
			}
			if IsKind(tt.err, KindUsernameTaken) {
				t.Error("IsKind(err, KindUsernameTaken) = true")
			}
		})
	}
	if IsKind(nil, KindInternal) {
		t.Error("IsKind(nil, KindInternal) = true: a nil error has no kind")
	}
}

func TestErrorFieldsSurviveWrapping(t *testing.T) {
	err := fmt.Errorf("sign in: %w", &Error{Kind: KindLockedOut, Wait: 90 * time.Second})
	var e *Error
	if !errors.As(err, &e) || e.Wait != 90*time.Second {
		t.Fatalf("errors.As lost Wait: %v", err)
	}
	cause := Wrap(KindDataCorrupt, io.ErrUnexpectedEOF)
	if !errors.Is(fmt.Errorf("load: %w", cause), io.ErrUnexpectedEOF) {
		t.Error("errors.Is does not reach the cause through Wrap")
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{Fail(KindInvalid, "error.username.length", "Min", 3, "Max", 32), "invalid: error.username.length map[Max:32 Min:3]"},
		{Fail(KindWrongCode, ""), "wrong code"},
		{Wrap(KindDataCorrupt, io.EOF), "data corrupt: EOF"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestKindNames(t *testing.T) {
	seen := map[string]Kind{}
	for k := KindInternal; k <= KindDataTooNew; k++ {
		s := k.String()
		if strings.HasPrefix(s, "kind(") {
			t.Errorf("kind %d has no name", int(k))
		}
		if prev, dup := seen[s]; dup {
			t.Errorf("kinds %d and %d share the name %q", prev, k, s)
		}
		seen[s] = k
	}
	if s := Kind(999).String(); s != "kind(999)" {
		t.Errorf("unknown kind = %q", s)
	}
}
