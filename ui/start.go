package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/ui/words"
)

// startPage is what the window shows while Twostep opens its data file and the keyring,
// and, when either cannot be used, the page that says why, with Retry and Quit.
type startPage struct {
	u     *UI
	title *widget.RichText
	why   *widget.Label
	spin  *widget.Activity
	retry *actionButton
	quit  *actionButton
}

func (u *UI) startOpening() {
	p := &startPage{u: u, title: heading(lang.X("signin.opening", "Opening {{.App}}…", u.named())), why: paragraph(""), spin: widget.NewActivity()}
	p.retry = newButton(lang.X("signin.retry", "Retry"), theme.ViewRefreshIcon(), p.onRetry)
	p.retry.Importance = widget.HighImportance
	p.quit = newButton(lang.X("signin.quit", "Quit"), nil, p.onQuit)
	p.retry.Hide()
	p.quit.Hide()
	p.why.Hide()
	buttons := container.NewHBox(layoutSpacer(), p.quit, p.retry)
	u.show(column(formWidth+80, u.logo(72), p.title, p.spin, p.why, buttons), nil)
	p.onRetry()
}

func (p *startPage) onRetry() {
	p.title.Segments[0].(*widget.TextSegment).Text = lang.X("signin.opening", "Opening {{.App}}…", p.u.named())
	p.title.Refresh()
	p.why.Hide()
	p.spin.Show()
	p.spin.Start()
	var svc *app.Service
	p.retry.Disable()
	p.u.run(nil, func() (err error) {
		svc, err = p.u.open()
		return err
	}, func(err error) {
		p.u.beginDesktop()
		p.spin.Stop()
		p.spin.Hide()
		p.retry.Enable()
		if err != nil {
			p.failed(err)
			return
		}
		p.u.svc = svc
		p.u.showSignIn("")
	})
}

func (p *startPage) failed(err error) {
	p.title.Segments[0].(*widget.TextSegment).Text = lang.X("signin.cannot-start", "{{.App}} cannot start", p.u.named())
	p.title.Refresh()
	p.why.SetText(words.Message(err))
	p.why.Show()
	p.retry.Show()
	p.quit.Show()
	p.u.win.Canvas().Focus(p.retry)
}

func (p *startPage) onQuit() { p.u.onClose() }
