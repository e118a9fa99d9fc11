package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/twostep-app/twostep/ui"
)

// quitOnSignals quits the window through the same path as Ctrl+Q when Twostep is asked to
// stop by a signal: Ctrl+C in its terminal (SIGINT), a service manager or the session ending
// (SIGTERM, SIGHUP). So a secret copied to the clipboard is taken off it, the keys are wiped
// and the data file is closed, instead of the process dying where it stands. It returns the
// function that stops listening.
func quitOnSignals(u *ui.UI) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			u.Quit()
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
