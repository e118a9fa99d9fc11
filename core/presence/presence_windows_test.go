package presence

import (
	"testing"
	"time"

	"github.com/twostep-app/twostep/core"
)

// The real hidden window, under Wine in scripts/test's Windows pass: the session-change and
// power messages posted to it reach the window as the right causes; others do not.
func TestSessionAndPowerMessages(t *testing.T) {
	began := time.Now()
	w := Start()
	defer w.Close()
	<-w.ready
	t.Logf("the window was made in %v", time.Since(began))
	if w.hwnd == 0 {
		t.Fatal("no hidden window was made")
	}
	if r := w.Reports(); !r.ScreenLock || !r.Idle {
		t.Fatalf("reports %+v, want the screen lock and idle time at least", r)
	}
	t.Logf("reports %+v", w.Reports()) // Wine 8 has no RegisterSuspendResumeNotification
	if _, ok := w.IdleTime(); !ok {
		t.Fatal("GetLastInputInfo gave no idle time")
	}
	for _, tc := range []struct {
		name    string
		message uint32
		wParam  uintptr
		want    core.LockCause // "": none
	}{
		{"the session unlocked", wmWTSSessionChange, 0x8, ""},
		{"the session locked", wmWTSSessionChange, wtsSessionLock, core.LockScreen},
		{"resumed from sleep", wmPowerBroadcast, 0x7, ""},
		{"going to sleep", wmPowerBroadcast, pbtAPMSuspend, core.LockSleep},
	} {
		if r, _, err := postMessage.Call(uintptr(w.hwnd), uintptr(tc.message), tc.wParam, 0); r == 0 {
			t.Fatalf("%s: PostMessage: %v", tc.name, err)
		}
		wait := 5 * time.Second
		if tc.want == "" {
			wait = 300 * time.Millisecond
		}
		select {
		case got := <-w.Locks():
			if got != tc.want {
				t.Errorf("%s: the window is told %q, want %q", tc.name, got, tc.want)
			}
		case <-time.After(wait):
			if tc.want != "" {
				t.Errorf("%s: no lock came", tc.name)
			}
		}
	}
}
