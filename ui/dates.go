package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/app"
)

// when says a moment the way a device list or activity feed does: "just now", "5 minutes
// ago", "today at 14:05", "3 Mar 2026", in the reader's language.
func when(t, now time.Time) string {
	if t.IsZero() {
		return lang.X("dashboard.when.never", "never")
	}
	t = t.Local()
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return lang.X("dashboard.when.just-now", "just now")
	case d < time.Hour:
		m := int(d / time.Minute)
		return lang.XN("dashboard.when.minutes-ago", "{{.Count}} minutes ago", m, map[string]any{"Count": m})
	case sameDay(t, now.Local()):
		return lang.X("dashboard.when.today", "today at {{.Time}}", map[string]any{"Time": timeOfDay(t)})
	case sameDay(t, now.Local().AddDate(0, 0, -1)):
		return lang.X("dashboard.when.yesterday", "yesterday at {{.Time}}", map[string]any{"Time": timeOfDay(t)})
	default:
		return calendarDate(t)
	}
}

// usEnglish reports whether the desktop speaks American English. English in the US writes
// the 12-hour clock and the month first ("3:04 PM", "Mar 3, 2026"); every other language,
// and English elsewhere, writes the 24-hour clock and the day first. Go's layouts are
// English already, so this one case needs no words of its own.
func usEnglish() bool { return lang.SystemLocale() == "en-US" }

// timeOfDay is the time of day: "14:05", or "2:05 PM" in the US.
func timeOfDay(t time.Time) string {
	if usEnglish() {
		return t.Format("3:04 PM")
	}
	return t.Format("15:04")
}

// calendarDate is a day with its short month: "3 Mar 2026", "3. März 2026", or "Mar 3, 2026" in
// the US.
func calendarDate(t time.Time) string {
	if usEnglish() {
		return t.Format("Jan 2, 2006")
	}
	return lang.X("dashboard.date", "{{.Day}} {{.Month}} {{.Year}}",
		map[string]any{"Day": t.Day(), "Month": monthName(t.Month()), "Year": t.Year()})
}

// monthName is a month's short name, as dates write it.
func monthName(m time.Month) string {
	switch m {
	case time.January:
		return lang.X("dashboard.month.1", "Jan")
	case time.February:
		return lang.X("dashboard.month.2", "Feb")
	case time.March:
		return lang.X("dashboard.month.3", "Mar")
	case time.April:
		return lang.X("dashboard.month.4", "Apr")
	case time.May:
		return lang.X("dashboard.month.5", "May")
	case time.June:
		return lang.X("dashboard.month.6", "Jun")
	case time.July:
		return lang.X("dashboard.month.7", "Jul")
	case time.August:
		return lang.X("dashboard.month.8", "Aug")
	case time.September:
		return lang.X("dashboard.month.9", "Sep")
	case time.October:
		return lang.X("dashboard.month.10", "Oct")
	case time.November:
		return lang.X("dashboard.month.11", "Nov")
	case time.December:
		return lang.X("dashboard.month.12", "Dec")
	}
	return m.String()
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// deviceTitle names a trusted device, marking the one the window runs on.
func deviceTitle(d app.DeviceInfo) string {
	if d.ThisDevice {
		return lang.X("dashboard.device.this", "{{.Name}} (this device)", map[string]any{"Name": deviceName(d.Name)})
	}
	return deviceName(d.Name)
}

// deviceName is a computer's name as stored, or "this computer" for one whose system gave
// none: the words are the day's, never stored.
func deviceName(name string) string {
	if name == "" {
		return lang.X("device.unnamed", "this computer")
	}
	return name
}

// noDevices is what a device list says while it is empty, and how a device gets on it.
func noDevices() string {
	return lang.X("dashboard.no-devices",
		"No trusted devices. A device becomes trusted when you sign in on it with a verification code or a backup code and keep \"Trust this device\" ticked.")
}
