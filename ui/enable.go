package ui

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"
)

// qrSize is the QR code's side in pixels: large enough for any phone camera, drawn pixel
// for pixel so its modules stay sharp.
const qrSize = 220

// enableDialog walks through turning two-step authentication on: install an app, scan
// the QR code (or type the setup key), and confirm with the first code. Setting the
// authenticator up again is the same without the first step: again is set.
type enableDialog struct {
	u      *UI
	again  bool
	enrol  core.Enrolment
	dlg    *dialog.CustomDialog
	qr     *canvas.Image
	code   *field
	enable *actionButton
	cancel *actionButton
	copied *widget.Label
	says   problem
	busy   *busy
	pop    func() // takes the dialog's Escape off the stack
}

// onEnable starts enrolment off the UI goroutine (reading and checking the account record,
// drawing the QR code) and opens the dialog when it is ready.
func (u *UI) onEnable() {
	if u.enabling {
		return // the dialog is already on its way
	}
	u.enabling = true
	sess := u.sess
	var enrol core.Enrolment
	var qr image.Image
	u.run(nil, func() (err error) {
		if enrol, err = u.svc.BeginEnrolment(sess); err != nil {
			return err
		}
		qr, err = enrol.QRImage(qrSize)
		return err
	}, func(err error) {
		u.enabling = false
		if err != nil {
			dialog.ShowInformation(lang.X("security.enable.failed-title", "Two-step authentication"), words.Message(err), u.win)
			return
		}
		u.showSetup(enrol, qr, false)
	})
}

func (u *UI) showSetup(enrol core.Enrolment, qr image.Image, again bool) {
	e := &enableDialog{u: u, again: again, enrol: enrol, code: newField("123 456"), says: newProblem(), copied: widget.NewLabel("")}
	e.qr = canvas.NewImageFromImage(qr)
	e.qr.FillMode = canvas.ImageFillContain
	e.qr.ScaleMode = canvas.ImageScalePixels
	e.qr.SetMinSize(fyne.NewSquareSize(qrSize))
	action := lang.X("security.enable", "Enable")
	if again {
		action = lang.X("security.again.confirm", "Confirm")
	}
	e.enable = u.newDialogButton(action, nil, e.onConfirm)
	e.enable.Importance = widget.HighImportance
	e.cancel = u.newDialogButton(lang.X("security.cancel", "Cancel"), nil, e.onCancel)
	e.busy = newBusy(e.enable, e.cancel, e.code)
	e.busy.update = e.update
	e.code.OnChanged = func(string) { e.update() }
	e.code.OnSubmitted = func(string) { e.onConfirm() }
	e.code.onEscape = u.escape
	e.update()
	body := container.NewVBox(e.stepApps(), widget.NewSeparator(), e.stepScan(), widget.NewSeparator(), e.stepCode())
	title := lang.X("security.enable.title", "Turn on two-step authentication")
	if again {
		body = container.NewVBox(e.stepScan(), widget.NewSeparator(), e.stepCode())
		title = lang.X("security.again.title", "Set up your authenticator app again")
	}
	e.dlg = dialog.NewCustomWithoutButtons(title, container.NewVScroll(body), u.win)
	win := u.win.Canvas().Size()
	// 760x600 shows every step at the default window size (470 high the two steps of setting
	// up again); a smaller window scrolls.
	height := float32(600)
	if again {
		height = 470
	}
	e.dlg.Resize(fyne.NewSize(min(760, win.Width-24), min(height, win.Height-24)))
	e.pop = u.pushEscape(e.onCancel)
	e.dlg.Show()
	u.win.Canvas().Focus(e.code)
}

func (e *enableDialog) stepApps() fyne.CanvasObject {
	// The labels are platforms and the values apps: names, which stay as they are. They
	// wrap, so the narrowest window keeps the dialog inside it.
	apps := widget.NewForm(
		widget.NewFormItem("iOS", paragraph("Google Authenticator, Microsoft Authenticator, Authy, Duo Mobile, 1Password")),
		widget.NewFormItem("Android", paragraph("Google Authenticator, Microsoft Authenticator, Authy, Duo Mobile, 1Password")),
	)
	return container.NewVBox(subheading(lang.X("security.enable.step-apps", "1. Download an authenticator app on your phone (we recommend Authy)")), apps)
}

func (e *enableDialog) stepScan() fyne.CanvasObject {
	key := widget.NewLabelWithStyle(e.enrol.SetupKey, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true, Bold: true})
	key.Wrapping = fyne.TextWrapWord
	copyKey := e.u.newDialogButton(lang.X("security.copy", "Copy"), theme.ContentCopyIcon(), e.onCopy)
	warn := paragraph(lang.X("security.enable.keep-account", "Do not delete the {{.App}} account from your authenticator app later: without it, only a backup code can sign you in.", e.u.named()))
	step := lang.X("security.enable.step-scan", "2. In the app, choose \"Add a new account\" and scan this QR code")
	if e.again {
		warn = paragraph(lang.X("security.again.old-entry", "Keep the old {{.App}} entry until you confirm below; then delete it from the app: its codes stop working.", e.u.named()))
		step = lang.X("security.again.step-scan", "1. In the app, choose \"Add a new account\" and scan this new QR code")
	}
	warn.Importance = widget.WarningImportance
	side := container.NewVBox(
		paragraph(lang.X("security.enable.setup-key", "Can't scan? Add the account by hand with this setup key (time-based):")),
		key,
		container.NewHBox(copyKey, e.copied),
		warn)
	return container.NewVBox(subheading(step), container.NewBorder(nil, nil, container.NewCenter(e.qr), nil, side))
}

func (e *enableDialog) stepCode() fyne.CanvasObject {
	step := lang.X("security.enable.step-code", "3. Enter the 6-digit code the app shows")
	if e.again {
		step = lang.X("security.again.step-code", "2. Enter the 6-digit code the new entry shows")
	}
	return container.NewVBox(
		subheading(step),
		container.NewBorder(nil, nil, nil, container.NewHBox(e.busy.spin, e.cancel, e.enable), e.code),
		e.says)
}

// update allows Enable only when the entry holds six digits (spaces are fine).
func (e *enableDialog) update() {
	if e.busy.running || !app.CodeComplete(e.code.Text) {
		e.enable.Disable()
		return
	}
	e.enable.Enable()
}

func (e *enableDialog) onCopy() {
	e.u.copySecret(e.enrol.SetupKey)
	e.copied.SetText(lang.X("security.enable.copied", "Copied. The clipboard is cleared in {{.Seconds}} seconds.", map[string]any{"Seconds": clipboardClear}))
}

func (e *enableDialog) onConfirm() {
	if e.enable.Disabled() {
		return
	}
	sess, code := e.u.sess, e.code.Text
	var codes []string
	e.says.clear()
	e.u.run(e.busy, func() (err error) {
		if e.again {
			return e.u.svc.ConfirmNewAuthenticator(sess, code)
		}
		codes, err = e.u.svc.ConfirmEnrolment(sess, code)
		return err
	}, func(err error) {
		if err != nil {
			e.code.clear()
			e.says.sayErr(err)
			e.u.win.Canvas().Focus(e.code)
			return
		}
		e.pop()
		e.dlg.Hide()
		if e.again {
			e.u.afterSetUpAgain()
			return
		}
		e.u.showBackupCodes(codes, "", e.u.refreshPage)
	})
}

// onCancel closes the dialog and drops the pending secret; two-step stays off.
func (e *enableDialog) onCancel() {
	if e.busy.running {
		return
	}
	e.pop()
	e.dlg.Hide()
	sess := e.u.sess
	e.u.run(nil, func() error { return e.u.svc.CancelEnrolment(sess) }, func(error) {})
}

// afterSetUpAgain says, at the top of the Security tab, that the new authenticator entry is
// the one that counts now.
func (u *UI) afterSetUpAgain() {
	done := lang.X("security.again.done", "Your authenticator app now makes the codes {{.App}} asks for. Codes from the old {{.App}} entry no longer work: delete it from the app.", u.named())
	if p := u.settingsPage; p != nil {
		p.reloadSaying(tabSecurity, done)
		return
	}
	u.refreshPage()
}
