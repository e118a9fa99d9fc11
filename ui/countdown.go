package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/ui/words"
)

// lockout keeps a form's submit button disabled while sign-in is locked, and keeps the
// sentence that says so counting down each second, so nobody presses into a wall.
type lockout struct {
	u      *UI
	says   problem
	button fyne.Disableable
	onEnd  func() // recomputes what the form allows once the wait is over
	err    error
	until  time.Time
	stop   func()
}

// begin starts the countdown when err is a lockout, and reports whether it was.
func (l *lockout) begin(err error) bool {
	wait, ok := app.LockedFor(err)
	if !ok {
		return false
	}
	l.end()
	l.err, l.until = err, l.u.now().Add(wait)
	l.tick()
	return true
}

// active says whether the form is still locked.
func (l *lockout) active() bool { return l.err != nil }

func (l *lockout) tick() {
	left := l.until.Sub(l.u.now())
	if left <= 0 {
		l.end()
		l.says.clear()
		l.onEnd()
		return
	}
	l.button.Disable()
	l.says.say(words.Locked(l.err, left))
	next := left % time.Second
	if next == 0 {
		next = time.Second
	}
	l.stop = l.u.after(next, l.tick)
}

// end stops the countdown, e.g. when the screen is left.
func (l *lockout) end() {
	if l.stop != nil {
		l.stop()
		l.stop = nil
	}
	l.err = nil
}
