package testenv

import (
	"sync"
	"testing"
	"time"

	"github.com/twostep-app/twostep/core"
)

// The people every test suite signs in as: a strong password, and a second one to change to.
const (
	Alice    = "alice"
	AlicePW  = "plum-Velvet-harbour-93"
	OtherPW  = "quiet Lantern orbit 7 maple"
	DeviceNm = "test-laptop"
)

// Clock is a time source only the test moves; the engine and the window both read it.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock is a Clock reading t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now is the test's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Advance moves the time on by d.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// Set moves the time to t.
func (c *Clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// Must stops the test if err is not nil.
func Must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// WantKind stops the test unless err is an error of kind k.
func WantKind(t testing.TB, err error, k core.Kind) {
	t.Helper()
	if err == nil || !core.IsKind(err, k) {
		t.Fatalf("error = %v (kind %v), want kind %v", err, core.KindOf(err), k)
	}
}
