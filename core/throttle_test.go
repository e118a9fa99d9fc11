package core

import (
	"errors"
	"math"
	"regexp"
	"strconv"
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
	if got := lockedWait(t, th.Check(t0.Add(29*time.Second+600*time.Millisecond))); got != time.Second {
		t.Errorf("0.4 s before the end Wait = %v, want 1s (rounded up, never 0)", got)
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

func TestThrottleKeys(t *testing.T) {
	base := NameThrottleKey("alice.smith")
	for _, name := range []string{"alice.smith", "Alice.Smith", "ALICE.SMITH", "  alice.smith ", "aLiCe.SmItH"} {
		if k := NameThrottleKey(name); k != base {
			t.Errorf("NameThrottleKey(%q) = %s, want the key of alice.smith", name, k)
		}
	}
	if !regexp.MustCompile(`^name:[0-9a-f]{4}$`).MatchString(base) {
		t.Errorf("NameThrottleKey = %q, want name: and 16 bits", base)
	}
	if NameThrottleKey("bob") == base {
		t.Error("bob and alice.smith share a bucket (possible, but not for these two)")
	}
	// 16 bits cannot hold what was typed: many inputs share each key.
	seen := map[string]int{}
	for i := range 200000 {
		seen[NameThrottleKey(strings.Repeat("x", i%7)+string(rune('a'+i%26))+strconv.Itoa(i))]++
	}
	if len(seen) > 1<<16 {
		t.Fatalf("%d distinct keys, want at most 65536", len(seen))
	}
	if k := AccountThrottleKey("0123abcd"); k != "account:0123abcd" || k == base {
		t.Errorf("AccountThrottleKey = %q", k)
	}
}
