package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"
)

// maxScore is zxcvbn's best score; its scores run from 0.
const maxScore = 4

// strengthWord names one of zxcvbn's scores, 0 to maxScore.
func strengthWord(score int) string {
	switch score {
	case 0:
		return lang.X("signin.strength-very-weak", "Very weak")
	case 1:
		return lang.X("signin.strength-weak", "Weak")
	case 2:
		return lang.X("signin.strength-fair", "Fair")
	case 3:
		return lang.X("signin.strength-strong", "Strong")
	}
	return lang.X("signin.strength-very-strong", "Very strong")
}

// strengthMeter is a bar and a sentence that rate a password as it is typed, and say why a
// password would be refused before the person presses anything.
//
// zxcvbn takes about 2 ms for a typical password and 40 ms for a 100-character one
// (BenchmarkPasswordStrength), too slow for the UI goroutine at typing speed. So one
// rating runs at a time off it, and when it ends, the latest input is rated next: keys
// typed meanwhile are never queued up one by one.
type strengthMeter struct {
	u   *UI
	bar *strengthBar
	why *widget.Label
	box fyne.CanvasObject

	rating   bool   // a rating is running
	shown    string // the input the bar shows
	want     string // the latest input
	password string
	username string
}

func newStrengthMeter(u *UI) *strengthMeter {
	m := &strengthMeter{u: u, bar: newStrengthBar(), why: paragraph(words.Strength(core.Strength{Empty: true}))}
	m.box = container.NewVBox(m.bar, m.why)
	return m
}

// show rates password (as the username types it) unless that is what the bar shows.
func (m *strengthMeter) show(password, username string) {
	m.password, m.username = password, username
	m.want = password + "\x00" + username
	if m.rating || m.want == m.shown {
		return
	}
	m.rating = true
	key := m.want
	var s core.Strength
	m.u.run(nil, func() error {
		s = core.PasswordStrength(password, username)
		return nil
	}, func(error) {
		m.rating, m.shown = false, key
		m.render(s, s.Empty)
		if m.want != key {
			m.show(m.password, m.username)
		}
	})
}

func (m *strengthMeter) render(s core.Strength, empty bool) {
	score := min(max(s.Score, 0), maxScore)
	m.bar.set(score, empty)
	m.why.SetText(words.Strength(s))
	switch {
	case empty:
		m.why.Importance = widget.MediumImportance
	case score < 3:
		m.why.Importance = widget.WarningImportance
	default:
		m.why.Importance = widget.SuccessImportance
	}
	m.why.Refresh()
}
