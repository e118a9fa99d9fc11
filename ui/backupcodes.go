package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/app"
)

// backupDialog shows a fresh set of backup codes once, with Save…, Copy and Done. Closing
// it before the codes were saved or copied asks first: they are never shown again. Done
// tells the engine the codes were seen; until then the dashboard warns that they may be
// lost (Twostep closed with the dialog open).
type backupDialog struct {
	u      *UI
	sess   *app.Session
	codes  []string
	dlg    *dialog.CustomDialog
	save   *actionButton
	copy   *actionButton
	done   *actionButton
	says   problem
	busy   *busy
	kept   bool
	stuck  bool // recording that the codes were seen failed once; Done now just closes
	closed func()
	pop    func()
}

// showBackupCodes shows codes; note, when set, is a sentence above the usual advice (why
// these codes are new). closed runs after Done.
func (u *UI) showBackupCodes(codes []string, note string, closed func()) {
	b := &backupDialog{u: u, sess: u.sess, codes: codes, says: newProblem(), closed: closed}
	b.save = u.newDialogButton(lang.X("security.backup-codes.save", "Save…"), theme.DocumentSaveIcon(), b.onSave)
	b.save.Importance = widget.HighImportance
	b.copy = u.newDialogButton(lang.X("security.copy", "Copy"), theme.ContentCopyIcon(), b.onCopy)
	b.done = u.newDialogButton(lang.X("security.backup-codes.done", "Done"), nil, b.onDone)
	b.busy = newBusy(b.save, b.copy, b.done)
	grid := container.NewGridWithColumns(2)
	for i, c := range codes {
		l := widget.NewLabelWithStyle(fmt.Sprintf("%2d.  %s", i+1, c), fyne.TextAlignCenter, fyne.TextStyle{Monospace: true, Bold: true})
		grid.Add(l)
	}
	body := container.NewVBox()
	if note != "" {
		intro := paragraph(note)
		intro.Importance = widget.WarningImportance
		body.Add(intro)
	}
	body.Add(paragraph(backupAdvice()))
	body.Add(card("", "", grid))
	// The buttons stay in sight under the words and codes, which scroll in a small window.
	actions := container.NewVBox(b.says, container.NewHBox(b.save, b.copy, layoutSpacer(), b.busy.spin, b.done))
	content := container.NewBorder(nil, actions, nil, nil, container.NewVScroll(body))
	b.dlg = dialog.NewCustomWithoutButtons(lang.X("security.backup-codes.save-title", "Save your backup codes"), content, u.win)
	win := u.win.Canvas().Size()
	b.dlg.Resize(fyne.NewSize(min(560, win.Width-24), min(backupDialogHeight(note), win.Height-24)))
	b.pop = u.pushEscape(b.onDone)
	u.codesOpen++
	b.dlg.Show()
}

// backupDialogHeight shows the advice, the ten codes and the buttons without scrolling at
// the default window size, a note above them too.
func backupDialogHeight(note string) float32 {
	if note != "" {
		return 580
	}
	return 500
}

// backupAdvice says what the codes are for. Since a computer's key in the keyring became
// part of what opens the account, they matter even to someone who keeps their phone.
func backupAdvice() string {
	return lang.X("security.backup-codes.advice", "If you lose your phone, or sign in on a computer that does not hold your account's key (a new computer, an erased keyring), each of these codes signs you in once. Download them and store them somewhere safe, such as a password manager or a printed copy. Twostep will not show them again.")
}

// backupFileName is the name the save dialog suggests.
func backupFileName(username string) string {
	return lang.X("security.backup-file.name", "twostep-backup-codes-{{.Username}}.txt", map[string]any{"Username": username})
}

// backupFile is the text saved by Save…: a header, the date, the codes and how to use them.
// The words are in the window's language; the numbered codes keep one shape in every language.
func backupFile(username string, codes []string, now time.Time) string {
	var b strings.Builder
	b.WriteString(lang.X("security.backup-file.header", "Twostep backup codes for {{.Username}}", map[string]any{"Username": username}))
	b.WriteString("\n")
	b.WriteString(lang.X("security.backup-file.generated", "Generated {{.Date}} at {{.Time}}", map[string]any{
		"Date": now.Format(lang.X("security.backup-file.date-layout", "2 January 2006")),
		"Time": now.Format("15:04 MST"),
	}))
	b.WriteString("\n\n")
	for i, c := range codes {
		fmt.Fprintf(&b, "%2d. %s\n", i+1, c)
	}
	b.WriteString("\n")
	b.WriteString(lang.X("security.backup-file.how-to", `Each code works once. When Twostep asks for a verification code and you
cannot use your authenticator app, choose "{{.Button}}" and type
one of these codes. On a computer that does not hold your account's key (a new
computer, an erased keyring), Twostep asks for one of these codes straight away.
Making new codes in Settings > Security voids this list.
Keep this file private: anyone with it and your password can sign in.`,
		// The button is named as the code screen names it, in any language.
		map[string]any{"Button": lang.X("signin.use-backup", "Use a backup code instead")}))
	b.WriteString("\n")
	return b.String()
}

func (b *backupDialog) onSave() {
	name := b.sess.Username
	text := backupFile(name, b.codes, b.u.now())
	b.u.pickSave(backupFileName(name), func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			b.says.say(lang.X("security.backup-codes.no-save-dialog", "Twostep could not open the save dialog. Copy the codes instead."))
			return
		}
		if w == nil {
			return // cancelled: nothing saved, nothing wrong
		}
		var where string
		b.u.run(nil, func() (err error) {
			where, err = writePrivate(w, text)
			return err
		}, func(err error) {
			if err != nil {
				b.says.say(lang.X("security.backup-codes.not-saved", "The codes could not be saved there: {{.Reason}} Choose another place, or copy them.",
					map[string]any{"Reason": fileProblem(err)}))
				return
			}
			b.kept = true
			b.says.good(lang.X("security.backup-codes.saved", "Saved to {{.Path}}.", map[string]any{"Path": where}))
		})
	})
}

func (b *backupDialog) onCopy() {
	b.u.copySecret(strings.Join(b.codes, "\n"))
	b.kept = true
	b.says.good(lang.X("security.backup-codes.copied", "Copied. The clipboard is cleared in {{.Seconds}} seconds; paste them somewhere safe now.",
		map[string]any{"Seconds": clipboardClear}))
}

func (b *backupDialog) onDone() {
	if b.busy.running {
		return
	}
	if b.kept {
		b.close()
		return
	}
	b.u.confirm(lang.X("security.backup-codes.unsaved-title", "Are you sure?"),
		lang.X("security.backup-codes.unsaved-body", "You have not saved or copied your backup codes. Without them, losing your phone can lock you out of your account."),
		lang.X("security.backup-codes.unsaved-action", "Close without saving"), true, func(sure bool) {
			if sure {
				b.close()
			}
		})
}

// close records that the codes were seen, then closes. If that cannot be recorded the
// dialog stays open once with the reason, so the codes can still be saved; Done then closes
// it all the same (the dashboard will say the codes may be lost, which is then true).
func (b *backupDialog) close() {
	if b.stuck {
		b.hide()
		return
	}
	sess := b.sess
	b.says.clear()
	b.u.run(b.busy, func() error { return b.u.svc.BackupCodesShown(sess) }, func(err error) {
		if err != nil {
			b.stuck = true
			b.says.sayErr(err)
			return
		}
		b.hide()
	})
}

func (b *backupDialog) hide() {
	b.pop()
	b.u.codesOpen--
	b.dlg.Hide()
	if b.closed != nil {
		b.closed()
	}
}
