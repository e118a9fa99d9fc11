package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
)

// activityShown is how much of the activity the full list shows: every failed attempt since
// a last visit is nearly always among them.
const activityShown = 100

// failedNote tells the owner about failed sign-ins since their last visit, or says nothing.
func (u *UI) failedNote(f app.FailedSignIns) string {
	if f.Count == 0 {
		return ""
	}
	return fmt.Sprintf("%d failed sign-in %s since your last visit, the last %s. If that was not you, change your password.",
		f.Count, plural(f.Count, "attempt", "attempts"), when(f.Last, u.now()))
}

// showActivity opens the account's recent activity in a dialog: the failed attempts the
// dashboard counts, with how and where each happened.
func (u *UI) showActivity() {
	sess := u.sess
	var events []app.Event
	u.run(nil, func() (err error) {
		events, err = u.svc.Activity(sess, activityShown)
		return err
	}, func(err error) {
		body := container.NewVBox()
		if err != nil {
			body.Add(paragraph(app.Message(err)))
		}
		for _, ev := range events {
			body.Add(widget.NewLabel(eventLine(ev, u.now())))
		}
		scroll := container.NewVScroll(body)
		scroll.SetMinSize(fyne.NewSize(formWidth+160, 360))
		var pop func()
		d := dialog.NewCustom("Recent activity", "Close", scroll, u.win)
		d.SetOnClosed(func() { pop() })
		pop = u.pushEscape(d.Hide)
		d.Show()
	})
}
