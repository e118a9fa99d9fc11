// Package presence tells the window what the desktop says about its person: that the screen
// locked, that the computer is going to sleep, and how long nobody used it. It adapts D-Bus
// on Linux and the session notifications of Windows to app.Desktop; on other systems it
// reports nothing, and the window counts time without use in itself.
package presence

import "time"

// answered waits at most d for ready to close, and says whether it did. The window asks
// what the desktop reports on its own goroutine, and quits without waiting for a bus that
// hangs.
func answered(ready <-chan struct{}, d time.Duration) bool {
	select {
	case <-ready:
		return true
	case <-time.After(d):
		return false
	}
}
