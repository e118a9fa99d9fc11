package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/ui/words"
)

// codeScreen is the second step of signing in: a verification code from the authenticator
// app, or a backup code instead. When only a backup code can sign in (this computer lacks
// the account's key, or too many codes were wrong), backupOnly says why and the screen
// offers no verification code at all.
type codeScreen struct {
	u          *UI
	username   string
	challenge  string
	backup     bool   // a backup code rather than a verification code
	backupOnly string // why only a backup code can sign in, or ""

	title  *widget.RichText
	ask    *widget.Label
	entry  *field
	trust  *widget.Check
	verify *actionButton
	other  *actionButton
	cancel *actionButton
	links  *fyne.Container // other and cancel, laid out again when other's words change
	says   problem
	busy   *busy
	locked *lockout
}

func (u *UI) showCode(username, challenge, backupOnly string) {
	s := &codeScreen{u: u, username: username, challenge: challenge, backupOnly: backupOnly,
		title: heading(lang.X("signin.code-title", "Two-step verification")), ask: paragraph(""), entry: newField(""), says: newProblem()}
	s.trust = widget.NewCheck(lang.X("signin.trust", "Trust this device (don't ask for a code here again)"), nil)
	s.trust.SetChecked(true)
	s.verify = newButton(lang.X("signin.verify", "Verify"), nil, s.onVerify)
	s.verify.Importance = widget.HighImportance
	s.other = newButton(lang.X("signin.use-backup", "Use a backup code instead"), nil, s.onSwitch)
	s.other.Importance = widget.LowImportance
	s.cancel = newButton(lang.X("signin.cancel", "Cancel"), nil, func() { s.locked.end(); u.showSignIn("") })
	s.cancel.Importance = widget.LowImportance
	s.links = container.NewHBox(s.other, s.cancel)
	s.busy = newBusy(s.verify, s.other, s.cancel, s.entry, s.trust)
	s.busy.update = s.update
	s.locked = &lockout{u: u, says: s.says, button: s.verify, onEnd: s.update}
	s.entry.OnChanged = func(string) { s.update() }
	s.entry.OnSubmitted = func(string) { s.onVerify() }
	s.entry.onEscape = func() {
		if !s.cancel.Disabled() {
			s.cancel.OnTapped()
		}
	}
	s.setMode(backupOnly != "")
	u.show(column(formWidth,
		u.logo(64),
		s.title,
		widget.NewLabel(lang.X("signin.signing-in-as", "Signing in as {{.Name}}", map[string]any{"Name": username})),
		s.ask,
		s.entry,
		s.trust,
		s.says,
		container.NewBorder(nil, nil, s.busy.spin, nil, s.verify),
		widget.NewSeparator(),
		s.links,
	), s.entry)
}

// update enables Verify once the entry holds a whole code (digits, spaces allowed) and no
// lockout is counting down.
func (s *codeScreen) update() {
	ok := app.CodeComplete(s.entry.Text)
	if s.backup {
		ok = len(strings.TrimSpace(s.entry.Text)) >= 10
	}
	if !ok || s.busy.running || s.locked.active() {
		s.verify.Disable()
		return
	}
	s.verify.Enable()
}

func (s *codeScreen) onSwitch() {
	s.setMode(!s.backup)
	s.entry.clear()
	s.says.clear()
	s.u.win.Canvas().Focus(s.entry)
}

// setMode asks for a backup code or a verification code. In backup-only mode the
// explanation says why a verification code cannot sign in, and the switch goes.
func (s *codeScreen) setMode(backup bool) {
	s.backup = backup
	switch {
	case s.backupOnly != "":
		s.backup = true
		s.ask.SetText(s.backupOnly)
		s.entry.SetPlaceHolder("XXXXX-XXXXX")
		s.other.Hide()
	case backup:
		s.ask.SetText(lang.X("signin.ask-backup", "Enter one of the backup codes you saved. Each code works once."))
		s.entry.SetPlaceHolder("XXXXX-XXXXX")
		s.other.SetText(lang.X("signin.use-code", "Use a verification code instead"))
	default:
		s.ask.SetText(lang.X("signin.ask-code", "Enter the 6-digit code from your authenticator app."))
		s.entry.SetPlaceHolder("123 456")
		s.other.SetText(lang.X("signin.use-backup", "Use a backup code instead"))
	}
	s.links.Refresh() // the switch's new words take their own width
	s.update()
}

func (s *codeScreen) onVerify() {
	if s.verify.Disabled() {
		return
	}
	code, trust, backup := s.entry.Text, s.trust.Checked, s.backup
	var sess *app.Session
	left := -1
	s.says.clear()
	s.u.run(s.busy, func() (err error) {
		if backup {
			sess, left, err = s.u.svc.SubmitBackupCode(s.challenge, code, trust)
			return err
		}
		sess, err = s.u.svc.SubmitCode(s.challenge, code, trust)
		return err
	}, func(err error) { s.verified(sess, left, err) })
}

func (s *codeScreen) verified(sess *app.Session, left int, err error) {
	if err != nil {
		s.entry.clear()
		s.u.win.Canvas().Focus(s.entry)
		switch {
		case app.SignInAgain(err):
			s.locked.end()
			s.u.showSignIn(words.Message(err))
		case app.CodesCapped(err):
			s.backupOnly = words.Message(err) // that code reached the cap: backup codes only now
			s.setMode(true)
		case !s.locked.begin(err):
			s.says.sayErr(err)
		}
		return
	}
	s.locked.end()
	note := ""
	if left >= 0 {
		note = backupNote(left)
	}
	s.u.signedIn(sess, note)
}

// backupNote is what the dashboard says after a backup code was used.
func backupNote(left int) string {
	switch {
	case left == 0:
		return lang.X("signin.backup-last-used",
			"You used your last backup code. Generate new backup codes now, or you may be locked out if you lose your phone.")
	case left <= 2:
		return lang.XN("signin.backup-few-left",
			"You signed in with a backup code. Only {{.Count}} backup codes are left: generate new backup codes now.",
			left, map[string]any{"Count": left})
	default:
		return lang.XN("signin.backup-left", "You signed in with a backup code. {{.Count}} backup codes are left.",
			left, map[string]any{"Count": left})
	}
}
