package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"
)

// activityShown is how much of the activity the full list shows: every failed attempt since
// a last visit is nearly always among them.
const activityShown = 100

// failedNote tells the owner about failed sign-ins since their last visit, or says nothing.
func (u *UI) failedNote(f app.FailedSignIns) string {
	if f.Count == 0 {
		return ""
	}
	return lang.XN("dashboard.failed-note",
		"{{.Count}} failed sign-in attempts since your last visit, the last {{.When}}. If that was not you, change your password.",
		f.Count, map[string]any{"Count": f.Count, "When": when(f.Last, u.now())})
}

// showActivity opens the account's recent activity in a dialog: the failed attempts the
// dashboard counts, with how and where each happened.
func (u *UI) showActivity() {
	sess := u.sess
	var events []core.Event
	u.run(nil, func() (err error) {
		events, err = u.svc.Activity(sess, activityShown)
		return err
	}, func(err error) {
		body := container.NewVBox()
		if err != nil {
			body.Add(paragraph(words.Message(err)))
		}
		for _, ev := range events {
			body.Add(paragraph(eventLine(ev, u.now()))) // a long line in German wraps, not clips
		}
		scroll := container.NewVScroll(body)
		var pop func()
		d := dialog.NewCustom(lang.X("dashboard.recent-activity", "Recent activity"), lang.X("dashboard.close", "Close"), scroll, u.win)
		d.SetOnClosed(func() { pop() })
		pop = u.pushEscape(d.Hide)
		win := u.win.Canvas().Size()
		d.Resize(fyne.NewSize(min(formWidth+200, win.Width-24), min(480, win.Height-24)))
		d.Show()
	})
}
