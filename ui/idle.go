package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
)

// The window locks after the account's time without use. Use is what the desktop reports
// as its idle time where it does (any input anywhere), and input seen in the window: keys,
// presses and the pointer moving over it. One timer waits for the moment the time would run
// out, and looks again then: nothing wakes up while someone uses the window.

// idleWatch is the idle lock of the signed-in window. It lives on the UI goroutine.
type idleWatch struct {
	lock     app.LockSettings // the signed-in account's
	lastSeen time.Time        // the last input seen in the window
	stop     func()
}

// inputSeen is called by every widget of Twostep's on input (fields, buttons, the window's
// background): Fyne offers no window-wide input hook. One window per process sets it.
var inputSeen = func() {}

func (u *UI) touch() { u.idle.lastSeen = u.now() }

// startIdle reads the account's lock settings and starts watching.
func (u *UI) startIdle() {
	sess := u.sess
	var st app.Status
	u.run(nil, func() (err error) {
		st, err = u.svc.Status(sess)
		return err
	}, func(err error) {
		if err == nil && u.sess == sess {
			u.setLockSettings(st.Lock)
		}
	})
}

// setLockSettings watches with l from now on.
func (u *UI) setLockSettings(l app.LockSettings) {
	u.idle.lock = l
	u.touch()
	u.armIdle(l.After)
}

func (u *UI) stopIdle() {
	if u.idle.stop != nil {
		u.idle.stop()
		u.idle.stop = nil
	}
}

// armIdle looks again at the idle time after wait.
func (u *UI) armIdle(wait time.Duration) {
	u.stopIdle()
	if u.sess == nil || u.idle.lock.After <= 0 {
		return
	}
	u.idle.stop = u.after(wait, u.checkIdle)
}

// checkIdle locks the window once the account's time without use has passed, in the window
// and, where the desktop says, on the whole desktop; else it waits for the rest. The desktop
// is asked off the UI goroutine: a bus that hangs must not freeze the window.
func (u *UI) checkIdle() {
	sess, after := u.sess, u.idle.lock.After
	if sess == nil || after <= 0 {
		return
	}
	decide := func(idle time.Duration) {
		if u.sess != sess {
			return
		}
		if idle >= after {
			u.lock(app.LockIdle, after)
			return
		}
		u.armIdle(after - idle)
	}
	inWindow := u.now().Sub(u.idle.lastSeen)
	if u.desktop == nil || !u.desktop.Reports().Idle {
		decide(inWindow)
		return
	}
	u.work.Add(1)
	go func() {
		defer u.work.Done()
		onDesktop, ok := u.desktop.IdleTime()
		u.do(func() {
			if ok {
				decide(min(inWindow, onDesktop))
				return
			}
			decide(inWindow)
		})
	}()
}

// watchDesktop locks the window when the desktop says its screen locked or the computer is
// going to sleep, unless the account chose otherwise.
func (u *UI) watchDesktop() {
	if u.desktop == nil {
		return
	}
	go func() {
		for cause := range u.desktop.Locks() {
			u.do(func() {
				if u.sess != nil && u.idle.lock.OnScreenLock {
					u.lock(cause, 0)
				}
			})
		}
	}()
}

// beginDesktop has the desktop start listening, a second after the first answer came back
// to the UI goroutine (the window is up then), if it waits to be told (presence.Watch does):
// on Windows, making its hidden window while Wine still makes Twostep's, now and then made
// neither. Only the first call counts.
func (u *UI) beginDesktop() {
	if b, ok := u.desktop.(interface{ Begin() }); ok && !u.desktopBegun {
		u.desktopBegun = true
		time.AfterFunc(time.Second, b.Begin)
	}
}

// activityArea is the window's background: the pointer moving over the window counts as use.
type activityArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
}

func newActivityArea(content fyne.CanvasObject) *activityArea {
	a := &activityArea{content: content}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activityArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.content)
}

func (a *activityArea) MouseIn(*desktop.MouseEvent)    { inputSeen() }
func (a *activityArea) MouseMoved(*desktop.MouseEvent) { inputSeen() }
func (a *activityArea) MouseOut()                      {}

var _ desktop.Hoverable = (*activityArea)(nil)
