// Package fynetest is Fyne's test app with the real driver's one rule kept: what background
// work hands back with fyne.Do runs on one goroutine, the test's, when the test asks
// (RunQueued), never on the worker's own. Fyne's test driver runs it at once on the worker,
// so a callback would touch widgets while the test does too: a race the real driver, which
// runs every callback on its one goroutine, does not have.
package fynetest

import (
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// App is the test app; Queue holds what fyne.Do handed it.
type App struct {
	fyne.App
	Queue *Driver
}

// NewApp makes the app and makes it Fyne's current one. wrap, if not nil, wraps each window
// the app makes (a test may want one whose close button it can press).
func NewApp(t testing.TB, wrap func(fyne.Window) fyne.Window) *App {
	base := test.NewTempApp(t)
	a := &App{App: base, Queue: &Driver{Driver: base.Driver(), wrap: wrap}}
	fyne.SetCurrentApp(a)
	return a
}

// Driver is the test driver with fyne.Do queued.
func (a *App) Driver() fyne.Driver { return a.Queue }

// NewWindow makes a window as the driver does.
func (a *App) NewWindow(title string) fyne.Window { return a.Queue.CreateWindow(title) }

// Driver queues fyne.Do's callbacks.
type Driver struct {
	fyne.Driver
	wrap func(fyne.Window) fyne.Window
}

// pending is one queue for every app of the process. fyne.Do hands a callback to the app
// that is current when the work ends, and a test of two apps (two programs on one desktop)
// makes the second current while the first's work may still run: its callback must run
// whichever app the test settles. (UI tests never run in parallel.)
var pending struct {
	mu    sync.Mutex
	queue []func()
}

// CreateWindow makes a test window, wrapped if the app was asked to.
func (d *Driver) CreateWindow(title string) fyne.Window {
	w := d.Driver.CreateWindow(title)
	if d.wrap != nil {
		return d.wrap(w)
	}
	return w
}

// DoFromGoroutine queues f; fyne.DoAndWait runs it at once, as the test driver does
// (queueing it would hang the worker until the test runs the queue).
func (d *Driver) DoFromGoroutine(f func(), wait bool) {
	if wait {
		f()
		return
	}
	pending.mu.Lock()
	pending.queue = append(pending.queue, f)
	pending.mu.Unlock()
}

// RunQueued runs the queued callbacks (of every app, see pending), on the caller's
// goroutine, and reports whether there were any.
func (d *Driver) RunQueued() bool {
	pending.mu.Lock()
	q := pending.queue
	pending.queue = nil
	pending.mu.Unlock()
	for _, f := range q {
		f()
	}
	return len(q) > 0
}
