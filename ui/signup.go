package ui

import (
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
)

// signUpScreen creates an account: username, password with a live strength meter, and a
// confirmation.
type signUpScreen struct {
	u        *UI
	username *field
	password *field
	confirm  *field
	meter    *strengthMeter
	mismatch *widget.Label
	submit   *actionButton
	back     *actionButton
	says     problem
	busy     *busy
}

func (u *UI) showSignUp() {
	s := &signUpScreen{u: u, username: newField(lang.X("signin.username-hint", "Choose a username")),
		password: newSecretField(lang.X("signin.password-hint", "At least {{.Min}} characters", map[string]any{"Min": core.MinPasswordLen})),
		confirm:  newSecretField(lang.X("signin.confirm-hint", "Type the password again")),
		meter:    newStrengthMeter(u), says: newProblem()}
	s.mismatch = paragraph(lang.X("signin.mismatch", "The passwords do not match."))
	s.mismatch.Importance = widget.WarningImportance
	s.mismatch.Hide()
	s.submit = newButton(lang.X("signin.create-account", "Create account"), nil, s.onSubmit)
	s.submit.Importance = widget.HighImportance
	s.back = newButton(lang.X("signin.sign-in-instead", "Sign in instead"), nil, func() { u.showSignIn("") })
	s.back.Importance = widget.LowImportance
	s.busy = newBusy(s.submit, s.back, s.username, s.password, s.confirm)
	s.busy.update = s.update
	for _, f := range []*field{s.username, s.password, s.confirm} {
		f.OnChanged = func(string) { s.update() }
		f.OnSubmitted = func(string) { s.onSubmit() }
	}
	s.update()
	u.show(column(formWidth,
		u.logo(64),
		heading(lang.X("signin.signup-title", "Create your {{.App}} account", u.named())),
		labelled(lang.X("signin.username", "Username"), s.username),
		labelled(lang.X("signin.password", "Password"), s.password),
		s.meter.box,
		labelled(lang.X("signin.confirm-password", "Confirm password"), s.confirm),
		s.mismatch,
		s.says,
		container.NewBorder(nil, nil, s.busy.spin, nil, s.submit),
		widget.NewSeparator(),
		container.NewHBox(widget.NewLabel(lang.X("signin.have-account", "Already have an account?")), s.back),
	), s.username)
}

// update refreshes the meter and allows Create account once every field is filled in and
// the two passwords match; the engine still has the last word on the password.
func (s *signUpScreen) update() {
	s.meter.show(s.password.Text, s.username.Text)
	differ := s.confirm.Text != "" && s.confirm.Text != s.password.Text
	if differ {
		s.mismatch.Show()
	} else {
		s.mismatch.Hide()
	}
	if s.busy.running || differ || strings.TrimSpace(s.username.Text) == "" || s.password.Text == "" || s.confirm.Text == "" {
		s.submit.Disable()
		return
	}
	s.submit.Enable()
}

func (s *signUpScreen) onSubmit() {
	for _, f := range []*field{s.username, s.password, s.confirm} {
		if f.Text == "" {
			s.u.win.Canvas().Focus(f)
			return
		}
	}
	if s.submit.Disabled() {
		return
	}
	name, pw := s.username.Text, s.password.Text
	var sess *app.Session
	s.says.clear()
	s.u.run(s.busy, func() (err error) {
		sess, err = s.u.svc.CreateAccount(name, pw)
		return err
	}, func(err error) {
		if err != nil {
			s.says.sayErr(err)
			return
		}
		s.u.signedIn(sess, "")
	})
}
