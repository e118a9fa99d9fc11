package core

import (
	"encoding/json"
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
		th.Passwords.Fail(t0)
		if err := th.Passwords.Check(t0); err != nil {
			t.Fatalf("after %d failures Check = %v, want nil", i, err)
		}
		if th.Passwords.Locked(t0) {
			t.Fatalf("after %d failures Locked = true", i)
		}
	}
	th.Passwords.Fail(t0)
	if got := lockedWait(t, th.Passwords.Check(t0)); got != 30*time.Second {
		t.Errorf("after the 5th failure Wait = %v, want 30s", got)
	}
	if !th.Passwords.Locked(t0) {
		t.Error("after the 5th failure Locked = false")
	}
	if got := lockedWait(t, th.Passwords.Check(t0.Add(29*time.Second))); got != time.Second {
		t.Errorf("29 s later Wait = %v, want 1s", got)
	}
	if got := lockedWait(t, th.Passwords.Check(t0.Add(29*time.Second+600*time.Millisecond))); got != time.Second {
		t.Errorf("0.4 s before the end Wait = %v, want 1s (rounded up, never 0)", got)
	}
	if err := th.Passwords.Check(t0.Add(30 * time.Second)); err != nil {
		t.Errorf("once the wait has passed Check = %v, want nil", err)
	}
	if th.Passwords.Locked(t0.Add(30 * time.Second)) {
		t.Error("once the wait has passed Locked = true")
	}

	t1 := t0.Add(30 * time.Second)
	th.Passwords.Fail(t1)
	if got := lockedWait(t, th.Passwords.Check(t1)); got != time.Minute {
		t.Errorf("after the 6th failure Wait = %v, want 1m", got)
	}
	if err := th.Passwords.Check(t1.Add(time.Minute)); err != nil {
		t.Errorf("a minute after the 6th failure Check = %v", err)
	}
}

func TestThrottleKeys(t *testing.T) {
	key := randomBytes(32)
	base := NameThrottleKey(key, "alice.smith")
	for _, name := range []string{"alice.smith", "Alice.Smith", "ALICE.SMITH", "  alice.smith ", "aLiCe.SmItH"} {
		if k := NameThrottleKey(key, name); k != base {
			t.Errorf("NameThrottleKey(%q) = %s, want the key of alice.smith", name, k)
		}
	}
	if !regexp.MustCompile(`^name:[0-9a-f]{4}$`).MatchString(base) {
		t.Errorf("NameThrottleKey = %q, want name: and 16 bits", base)
	}
	if NameThrottleKey(key, "bob") == base {
		t.Error("bob and alice.smith share a bucket (possible, but not for these two)")
	}
	// Another data file's install key puts the names in other buckets: a colliding name found
	// for one file says nothing about another's.
	other, moved := randomBytes(32), 0
	for i := range 200 {
		name := "user" + strconv.Itoa(i)
		if NameThrottleKey(key, name) != NameThrottleKey(other, name) {
			moved++
		}
	}
	if moved < 190 {
		t.Errorf("only %d of 200 names changed bucket with another install key", moved)
	}
	// 16 bits cannot hold what was typed: many inputs share each key.
	seen := map[string]int{}
	for i := range 200000 {
		seen[NameThrottleKey(key, strings.Repeat("x", i%7)+string(rune('a'+i%26))+strconv.Itoa(i))]++
	}
	if len(seen) > 1<<16 {
		t.Fatalf("%d distinct keys, want at most 65536", len(seen))
	}
	if k := AccountThrottleKey("0123abcd"); k != "account:0123abcd" || k == base {
		t.Errorf("AccountThrottleKey = %q", k)
	}
}

// A lock taken while the clock read years ahead ends on time once the clock is put right:
// no wait is longer than the failures could have earned.
func TestWaitSurvivesAClockJumpBack(t *testing.T) {
	future := time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	var c Counter
	for range 12 {
		c.Fail(future)
	}
	if got := lockedWait(t, c.Check(now)); got != MaxWait {
		t.Fatalf("after the clock went back 72 years the wait is %v, want at most %v", got, MaxWait)
	}
	var few Counter
	for range FreeFailures {
		few.Fail(future)
	}
	if got := lockedWait(t, few.Check(now)); got != FirstWait {
		t.Fatalf("5 failures in 2099, checked in 2026: wait %v, want %v", got, FirstWait)
	}
}

// Wrong codes are counted apart from wrong passwords, and after CodeGuessCap in a row the
// throttle says only a backup code may go on.
func TestCodeGuessCap(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	var th Throttle
	for i := 1; i <= CodeGuessCap; i++ {
		if th.Capped() {
			t.Fatalf("capped after %d wrong codes, want %d", i-1, CodeGuessCap)
		}
		th.Codes.Fail(t0)
	}
	if !th.Capped() || th.Passwords.Failures != 0 || th.Passwords.Check(t0) != nil {
		t.Fatalf("after %d wrong codes: %+v, capped %v, password lock %v", CodeGuessCap, th, th.Capped(), th.Passwords.Check(t0))
	}
	if CodeGuessCap > 10 || CodeGuessCap < FreeFailures {
		t.Fatalf("CodeGuessCap = %d: the issue asks for at most 10", CodeGuessCap)
	}
}

// The stored form is what Twostep 0.1 and 0.2 wrote: the password counter's fields at the top
// (0.1 had only that counter), the code counter under "codes". Entries already on disk read
// as they were, and what is written reads back the same.
func TestThrottleStoredForm(t *testing.T) {
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	for _, tc := range []struct {
		stored string
		want   Throttle
	}{
		{`{"failures":6,"locked_until":"2026-03-04T05:06:07Z"}`, Throttle{Passwords: Counter{Failures: 6, LockedUntil: at}}},
		{`{"failures":0,"locked_until":"0001-01-01T00:00:00Z","codes":{"failures":10,"locked_until":"2026-03-04T05:06:07Z"}}`,
			Throttle{Codes: Counter{Failures: 10, LockedUntil: at}}},
	} {
		var got Throttle
		if err := json.Unmarshal([]byte(tc.stored), &got); err != nil || got != tc.want {
			t.Errorf("%s read as %+v (%v), want %+v", tc.stored, got, err, tc.want)
		}
		again, err := json.Marshal(got)
		if err != nil || string(again) != tc.stored {
			t.Errorf("%+v written as %s (%v), want %s", got, again, err, tc.stored)
		}
	}
}
