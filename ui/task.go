package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// busy is a form at work: its controls are disabled and its spinner turns, so a second
// press cannot start the same work twice. After the work, update (if set) recomputes which
// controls should be enabled, since some wait for valid input.
type busy struct {
	spin     *widget.Activity
	controls []fyne.Disableable
	running  bool
	update   func()
}

func newBusy(controls ...fyne.Disableable) *busy {
	spin := widget.NewActivity()
	spin.Hide()
	return &busy{spin: spin, controls: controls}
}

func (b *busy) start() {
	b.running = true
	for _, c := range b.controls {
		c.Disable()
	}
	b.spin.Show()
	b.spin.Start()
}

func (b *busy) stop() {
	b.running = false
	b.spin.Stop()
	b.spin.Hide()
	for _, c := range b.controls {
		c.Enable()
	}
	if b.update != nil {
		b.update()
	}
}

// run does work off the UI goroutine, then done with its error back on the UI goroutine.
// With a busy form, the form is locked meanwhile and a press while it is locked is ignored.
// Values the work needs must be read from widgets before run is called.
func (u *UI) run(b *busy, work func() error, done func(error)) {
	if b != nil {
		if b.running {
			return
		}
		b.start()
	}
	u.work.Add(1)
	u.working(+1)
	svc := u.svc // read here, on the UI goroutine, which is the one that sets it
	go func() {
		defer u.work.Done()
		err := work()
		if err != nil && svc != nil {
			svc.Report(err) // its cause, for the log; the person reads the sentence
		}
		u.do(func() {
			u.working(-1)
			if b != nil {
				b.stop()
			}
			done(err)
		})
	}()
}

// working counts background calls in flight and turns the top bar's spinner while any is.
func (u *UI) working(delta int) {
	u.pending += delta
	if u.spin == nil {
		return
	}
	if u.pending > 0 {
		u.spin.Show()
		u.spin.Start()
		return
	}
	u.spin.Stop()
	u.spin.Hide()
}

// dropSpin stops the top bar's spinner of the page being left.
func (u *UI) dropSpin() {
	if u.spin != nil {
		u.spin.Stop()
		u.spin = nil
	}
}
