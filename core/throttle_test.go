package core

import (
	"errors"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestLockWait(t *testing.T) {
	tests := []struct {
		n    int
		want time.Duration
	}{
		{-1, 0},
		{0, 0},
		{1, 0},
		{4, 0},
		{5, 30 * time.Second},
		{6, time.Minute},
		{7, 2 * time.Minute},
		{8, 4 * time.Minute},
		{9, 8 * time.Minute},
		{10, 16 * time.Minute},
		{11, 32 * time.Minute},
		{12, time.Hour},
		{13, time.Hour},
		{100, time.Hour},
		{math.MaxInt, time.Hour},
	}
	for _, tt := range tests {
		if got := LockWait(tt.n); got != tt.want {
			t.Errorf("LockWait(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
}

func lockedWait(t *testing.T, err error) time.Duration {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindLockedOut {
		t.Fatalf("Check = %v, want KindLockedOut", err)
	}
	return e.Wait
}

func TestThrottleFailCheck(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	var th Throttle
	for i := 1; i <= 4; i++ {
		th.Fail(t0)
		if err := th.Check(t0); err != nil {
			t.Fatalf("after %d failures Check = %v, want nil", i, err)
		}
		if th.Locked(t0) {
			t.Fatalf("after %d failures Locked = true", i)
		}
	}
	th.Fail(t0)
	if got := lockedWait(t, th.Check(t0)); got != 30*time.Second {
		t.Errorf("after the 5th failure Wait = %v, want 30s", got)
	}
	if !th.Locked(t0) {
		t.Error("after the 5th failure Locked = false")
	}
	if got := lockedWait(t, th.Check(t0.Add(29*time.Second))); got != time.Second {
		t.Errorf("29 s later Wait = %v, want 1s", got)
	}
	if err := th.Check(t0.Add(30 * time.Second)); err != nil {
		t.Errorf("once the wait has passed Check = %v, want nil", err)
	}
	if th.Locked(t0.Add(30 * time.Second)) {
		t.Error("once the wait has passed Locked = true")
	}

	t1 := t0.Add(30 * time.Second)
	th.Fail(t1)
	if got := lockedWait(t, th.Check(t1)); got != time.Minute {
		t.Errorf("after the 6th failure Wait = %v, want 1m", got)
	}
	if err := th.Check(t1.Add(time.Minute)); err != nil {
		t.Errorf("a minute after the 6th failure Check = %v", err)
	}
}

func TestThrottleKey(t *testing.T) {
	hex64 := regexp.MustCompile(`^[0-9a-f]{64}$`)
	base := ThrottleKey("alice.smith")
	same := []string{"alice.smith", "Alice.Smith", "ALICE.SMITH", "  alice.smith ", "aLiCe.SmItH"}
	for _, name := range same {
		k := ThrottleKey(name)
		if k != base {
			t.Errorf("ThrottleKey(%q) = %s, want the key of alice.smith", name, k)
		}
		if !hex64.MatchString(k) {
			t.Errorf("ThrottleKey(%q) = %q, want 64 hex digits", name, k)
		}
		if strings.Contains(strings.ToLower(k), strings.ToLower(strings.TrimSpace(name))) {
			t.Errorf("ThrottleKey(%q) contains the username", name)
		}
	}
	for _, other := range []string{"alice.smit", "alice.smith2", "bob", "", "alice smith"} {
		if ThrottleKey(other) == base {
			t.Errorf("ThrottleKey(%q) equals the key of alice.smith", other)
		}
	}
	// A password typed into the username box must not land on disk as it is.
	const pw = "violet tram ocean forty mustard quietly"
	if k := ThrottleKey(pw); strings.Contains(k, "violet") || strings.Contains(k, "tram") {
		t.Error("ThrottleKey leaks its input")
	}
}
