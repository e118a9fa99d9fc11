package ui

import (
	"fmt"
	"time"

	"github.com/twostep-app/twostep/app"
)

// when says a moment the way a device list or activity feed does: "just now", "5 minutes
// ago", "today at 14:05", "3 Mar 2026".
func when(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	t = t.Local()
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		m := int(d / time.Minute)
		return fmt.Sprintf("%d %s ago", m, plural(m, "minute", "minutes"))
	case sameDay(t, now.Local()):
		return "today at " + t.Format("15:04")
	case sameDay(t, now.Local().AddDate(0, 0, -1)):
		return "yesterday at " + t.Format("15:04")
	default:
		return t.Format("2 Jan 2006")
	}
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// deviceTitle names a trusted device, marking the one the window runs on.
func deviceTitle(d app.DeviceInfo) string {
	if d.ThisDevice {
		return d.Name + " (this device)"
	}
	return d.Name
}

// noDevices is what a device list says while it is empty, and how a device gets on it.
const noDevices = "No trusted devices. A device becomes trusted when you sign in on it with a verification code or a backup code and keep \"Trust this device\" ticked."
