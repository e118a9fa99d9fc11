//go:build !linux && !windows

package presence

import (
	"time"

	"github.com/twostep-app/twostep/core"
)

// Watch reports nothing on a system whose signals Twostep does not read yet. On macOS the
// way is NSWorkspace's screensDidSleep, sessionDidResignActive and willSleep notifications
// (AppKit, through cgo), untried here: there is no macOS SDK to build against.
type Watch struct{ locks chan core.LockCause }

// Start returns a Watch that reports nothing.
func Start() *Watch { return New() }

// New returns a Watch that reports nothing.
func New() *Watch { return &Watch{locks: make(chan core.LockCause)} }

// Begin does nothing.
func (w *Watch) Begin() {}

// Locks never delivers.
func (w *Watch) Locks() <-chan core.LockCause { return w.locks }

// IdleTime is unknown.
func (w *Watch) IdleTime() (time.Duration, bool) { return 0, false }

// Reports says nothing is reported.
func (w *Watch) Reports() core.DesktopReports { return core.DesktopReports{} }

// Close does nothing.
func (w *Watch) Close() {}
