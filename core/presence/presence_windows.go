package presence

import (
	"runtime"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/twostep-app/twostep/core"
)

// On Windows a message-only window of Twostep's own receives what the system says:
// WM_WTSSESSION_CHANGE with WTS_SESSION_LOCK after WTSRegisterSessionNotification (the
// session locked: Win+L, the screen saver's lock, switching user), and WM_POWERBROADCAST with
// PBT_APMSUSPEND after RegisterSuspendResumeNotification (the computer is going to sleep: a
// message-only window gets no broadcasts, so it asks for the power messages by name). A
// message-only window needs no display, and none is shown. Idle time is GetLastInputInfo's,
// which counts input anywhere in the session.

var (
	user32   = windows.NewLazySystemDLL("user32.dll")
	wtsapi32 = windows.NewLazySystemDLL("wtsapi32.dll")
	kernel32 = windows.NewLazySystemDLL("kernel32.dll")

	registerClassEx     = user32.NewProc("RegisterClassExW")
	createWindowEx      = user32.NewProc("CreateWindowExW")
	defWindowProc       = user32.NewProc("DefWindowProcW")
	getMessage          = user32.NewProc("GetMessageW")
	dispatchMessage     = user32.NewProc("DispatchMessageW")
	postMessage         = user32.NewProc("PostMessageW")
	destroyWindow       = user32.NewProc("DestroyWindow")
	postQuitMessage     = user32.NewProc("PostQuitMessage")
	getLastInputInfo    = user32.NewProc("GetLastInputInfo")
	getTickCount        = kernel32.NewProc("GetTickCount")
	registerSessionNote = wtsapi32.NewProc("WTSRegisterSessionNotification")
	registerSuspend     = user32.NewProc("RegisterSuspendResumeNotification")
	unregisterSession   = wtsapi32.NewProc("WTSUnRegisterSessionNotification")
)

const (
	wmDestroy            = 0x0002
	wmClose              = 0x0010
	wmPowerBroadcast     = 0x0218
	wmWTSSessionChange   = 0x02B1
	wtsSessionLock       = 0x7
	pbtAPMSuspend        = 0x4
	notifyForThisSession = 0
	hwndMessage          = ^uintptr(2) // HWND_MESSAGE, (HWND)-3
	deviceNotifyWindow   = 0           // DEVICE_NOTIFY_WINDOW_HANDLE
)

type wndClassEx struct {
	size       uint32
	style      uint32
	wndProc    uintptr
	clsExtra   int32
	wndExtra   int32
	instance   windows.Handle
	icon       windows.Handle
	cursor     windows.Handle
	background windows.Handle
	menuName   *uint16
	className  *uint16
	iconSm     windows.Handle
}

type msg struct {
	hwnd    windows.HWND
	message uint32
	wParam  uintptr
	lParam  uintptr
	time    uint32
	pt      struct{ x, y int32 }
}

type lastInputInfo struct {
	size uint32
	time uint32
}

// Watch is this session's presence signals.
type Watch struct {
	locks   chan core.LockCause
	reports core.DesktopReports
	hwnd    windows.HWND
	ready   chan struct{}
	once    sync.Once
}

// the one Watch whose window procedure runs; Twostep starts one.
var current *Watch

// Start makes the window on a thread of its own and listens, in the background: a
// window's start waits for nothing (Wine without a display takes ten seconds to make one).
// It never fails: if the window cannot be made, the Watch reports nothing but idle time.
func Start() *Watch {
	w := New()
	w.Begin()
	return w
}

// New is a Watch that listens to nothing until Begin. Twostep begins once its own window is
// up: Wine, making two windows on two threads at once while it starts its desktop, now and
// then made neither.
func New() *Watch { return &Watch{locks: make(chan core.LockCause, 4), ready: make(chan struct{})} }

// Begin makes the hidden window in the background.
func (w *Watch) Begin() {
	current = w
	go w.loop()
}

// loop owns the window: Windows delivers a window's messages to the thread that made it.
func (w *Watch) loop() {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if _, ok := idle(); ok {
		w.reports.Idle = true
	}
	if !w.makeWindow() {
		close(w.ready)
		return
	}
	close(w.ready)
	var m msg
	for {
		r, _, _ := getMessage.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0)
		if int32(r) <= 0 {
			return
		}
		dispatchMessage.Call(uintptr(unsafe.Pointer(&m)))
	}
}

func (w *Watch) makeWindow() bool {
	name, _ := windows.UTF16PtrFromString("TwostepPresence")
	var instance windows.Handle
	if err := windows.GetModuleHandleEx(0, nil, &instance); err != nil {
		return false
	}
	class := wndClassEx{wndProc: windows.NewCallback(wndProc), instance: instance, className: name}
	class.size = uint32(unsafe.Sizeof(class))
	if r, _, _ := registerClassEx.Call(uintptr(unsafe.Pointer(&class))); r == 0 {
		return false
	}
	hwnd, _, _ := createWindowEx.Call(0, uintptr(unsafe.Pointer(name)), uintptr(unsafe.Pointer(name)), 0,
		0, 0, 0, 0, hwndMessage, 0, uintptr(instance), 0)
	if hwnd == 0 {
		return false
	}
	w.hwnd = windows.HWND(hwnd)
	if r, _, _ := registerSessionNote.Call(hwnd, notifyForThisSession); r != 0 {
		w.reports.ScreenLock = true
	}
	if registerSuspend.Find() == nil {
		if r, _, _ := registerSuspend.Call(hwnd, deviceNotifyWindow); r != 0 {
			w.reports.Sleep = true
		}
	}
	return true
}

// wndProc turns the session's and the power's messages into causes for the window.
func wndProc(hwnd windows.HWND, message uint32, wParam, lParam uintptr) uintptr {
	w := current
	switch {
	case message == wmWTSSessionChange && wParam == wtsSessionLock:
		w.send(core.LockScreen)
		return 0
	case message == wmPowerBroadcast && wParam == pbtAPMSuspend:
		w.send(core.LockSleep)
		return 1 // TRUE: the suspend may go on
	case message == wmClose:
		unregisterSession.Call(uintptr(hwnd))
		destroyWindow.Call(uintptr(hwnd))
		return 0
	case message == wmDestroy:
		postQuitMessage.Call(0)
		return 0
	}
	r, _, _ := defWindowProc.Call(uintptr(hwnd), uintptr(message), wParam, lParam)
	return r
}

func (w *Watch) send(cause core.LockCause) {
	select {
	case w.locks <- cause:
	default: // the window has a lock to handle already
	}
}

// idle is the time since the last input anywhere in this session.
func idle() (time.Duration, bool) {
	info := lastInputInfo{size: uint32(unsafe.Sizeof(lastInputInfo{}))}
	if r, _, _ := getLastInputInfo.Call(uintptr(unsafe.Pointer(&info))); r == 0 {
		return 0, false
	}
	now, _, _ := getTickCount.Call()
	return time.Duration(uint32(now)-info.time) * time.Millisecond, true // wraps as the tick count does
}

// Locks delivers core.LockScreen and core.LockSleep as the session says them.
func (w *Watch) Locks() <-chan core.LockCause { return w.locks }

// IdleTime is how long the session had no input.
func (w *Watch) IdleTime() (time.Duration, bool) { return idle() }

// Reports says what this session tells; the window asks on its own goroutine, so it waits a
// quarter of a second at most for the hidden window to be made.
func (w *Watch) Reports() core.DesktopReports {
	if answered(w.ready, 250*time.Millisecond) {
		return w.reports
	}
	return core.DesktopReports{}
}

// Close takes the window down.
func (w *Watch) Close() {
	if !answered(w.ready, time.Second) {
		return
	}
	w.once.Do(func() {
		if w.hwnd != 0 {
			postMessage.Call(uintptr(w.hwnd), wmClose, 0, 0)
		}
	})
}
