package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"twostep/app"
)

// strengthWords name zxcvbn's scores 0 to 4.
var strengthWords = [...]string{"Very weak", "Weak", "Fair", "Strong", "Very strong"}

// strengthMeter is a bar and a sentence that rate a password as it is typed, and say why a
// password would be refused before the person presses anything.
type strengthMeter struct {
	bar   *widget.ProgressBar
	why   *widget.Label
	box   fyne.CanvasObject
	score int
	input string
}

func newStrengthMeter() *strengthMeter {
	m := &strengthMeter{bar: widget.NewProgressBar(), why: paragraph("Choose a password.")}
	m.bar.Max = 4
	m.bar.TextFormatter = func() string { return "Strength: " + strengthWords[m.score] }
	m.box = container.NewVBox(m.bar, m.why)
	return m
}

// show rates password; zxcvbn takes well under a millisecond for passwords people type
// (see BenchmarkStrengthMeter), so this runs on the UI goroutine as keys arrive.
func (m *strengthMeter) show(password, username string) {
	if password+"\x00"+username == m.input {
		return
	}
	m.input = password + "\x00" + username
	s := app.PasswordStrength(password, username)
	m.score = min(max(s.Score, 0), len(strengthWords)-1)
	m.bar.SetValue(float64(m.score))
	m.why.SetText(s.Feedback)
	switch {
	case password == "":
		m.why.Importance = widget.MediumImportance
	case m.score < 3:
		m.why.Importance = widget.WarningImportance
	default:
		m.why.Importance = widget.SuccessImportance
	}
	m.why.Refresh()
}
