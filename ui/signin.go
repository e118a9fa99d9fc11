package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/assets"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"
)

// signInScreen asks for a username and password.
type signInScreen struct {
	u        *UI
	username *field
	password *field
	submit   *actionButton
	create   *actionButton
	says     problem
	busy     *busy
	locked   *lockout
}

// showSignIn shows the sign-in screen; note, when set, is a neutral line above the form
// (e.g. after signing out completely).
func (u *UI) showSignIn(note string) {
	u.dropSpin()
	u.reshow, u.resume = nil, nil
	s := &signInScreen{u: u, username: newField(""), password: newSecretField(""), says: newProblem()}
	s.submit = newButton(lang.X("signin.sign-in", "Sign in"), nil, s.onSubmit)
	s.submit.Importance = widget.HighImportance
	s.create = newButton(lang.X("signin.create-account", "Create account"), nil, func() { s.locked.end(); u.showSignUp() })
	s.create.Importance = widget.LowImportance
	s.busy = newBusy(s.submit, s.create, s.username, s.password)
	s.busy.update = s.update
	s.locked = &lockout{u: u, says: s.says, button: s.submit, onEnd: s.update}
	s.username.OnSubmitted = func(string) { s.onSubmit() }
	s.password.OnSubmitted = func(string) { s.onSubmit() }
	s.username.OnChanged = func(string) { s.update() }
	s.password.OnChanged = func(string) { s.update() }
	s.update()

	info := paragraph(note)
	if note == "" {
		info.Hide()
	}
	u.show(column(formWidth,
		u.logo(64),
		heading(lang.X("signin.title", "Sign in to {{.App}}", u.named())),
		info,
		labelled(lang.X("signin.username", "Username"), s.username),
		labelled(lang.X("signin.password", "Password"), s.password),
		s.says,
		container.NewBorder(nil, nil, s.busy.spin, nil, s.submit),
		widget.NewSeparator(),
		container.NewHBox(widget.NewLabel(lang.X("signin.new", "New here?")), s.create),
	), s.username)
}

// logo is the program's icon at size: Twostep's, or the host's.
func (u *UI) logo(size float32) fyne.CanvasObject {
	icon := u.icon()
	if icon == nil {
		icon = assets.WindowIcon
	}
	logo := canvas.NewImageFromResource(icon)
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSquareSize(size))
	return container.NewCenter(logo)
}

// update enables Sign in only when both fields hold something and no lockout runs.
func (s *signInScreen) update() {
	if s.busy.running || s.locked.active() || strings.TrimSpace(s.username.Text) == "" || s.password.Text == "" {
		s.submit.Disable()
		return
	}
	s.submit.Enable()
}

func (s *signInScreen) onSubmit() {
	if s.username.Text == "" {
		s.u.win.Canvas().Focus(s.username)
		return
	}
	if s.password.Text == "" {
		s.u.win.Canvas().Focus(s.password)
		return
	}
	if s.locked.active() {
		return
	}
	name, pw := s.username.Text, s.password.Text
	var res app.SignInResult
	s.says.clear()
	s.u.run(s.busy, func() (err error) {
		res, err = s.u.svc.SignIn(name, pw)
		return err
	}, func(err error) { s.signedIn(name, res, err) })
}

func (s *signInScreen) signedIn(name string, res app.SignInResult, err error) {
	s.u.passwordAnswered(name, res, err, s.says, s.locked, s.password)
}

// passwordAnswered goes on from a password step, on the sign-in and the lock screen alike:
// a refusal is said (or counted down) and the password field emptied; a session signs in;
// a challenge asks for the code.
func (u *UI) passwordAnswered(name string, res app.SignInResult, err error, says problem, locked *lockout, password *field) {
	if err != nil {
		if !locked.begin(err) {
			says.sayErr(err)
		}
		password.clear()
		u.win.Canvas().Focus(password)
		return
	}
	locked.end()
	if res.Session != nil {
		u.signedIn(res.Session, "")
		return
	}
	backupOnly := ""
	if res.NeedsBackupCode {
		backupOnly = words.Message(core.Fail(res.Why, ""))
	}
	u.showCode(name, res.Challenge, backupOnly)
}
