package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
	b.save = u.newDialogButton("Save…", theme.DocumentSaveIcon(), b.onSave)
	b.save.Importance = widget.HighImportance
	b.copy = u.newDialogButton("Copy", theme.ContentCopyIcon(), b.onCopy)
	b.done = u.newDialogButton("Done", nil, b.onDone)
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
	body.Add(paragraph(backupAdvice))
	body.Add(card("", "", grid))
	body.Add(b.says)
	body.Add(container.NewHBox(b.save, b.copy, layoutSpacer(), b.busy.spin, b.done))
	b.dlg = dialog.NewCustomWithoutButtons("Save your backup codes", container.New(fixedWidth(520), body), u.win)
	b.pop = u.pushEscape(b.onDone)
	u.codesOpen++
	b.dlg.Show()
}

// backupAdvice says what the codes are for. Since a computer's key in the keyring became
// part of what opens the account, they matter even to someone who keeps their phone.
const backupAdvice = "If you lose your phone, or sign in on a computer that does not hold your account's key " +
	"(a new computer, an erased keyring), each of these codes signs you in once. " +
	"Download them and store them somewhere safe, such as a password manager or a printed copy. Twostep will not show them again."

// backupFileName is the name the save dialog suggests.
func backupFileName(username string) string {
	return "twostep-backup-codes-" + username + ".txt"
}

// backupFile is the text saved by Save…: a header, the date, the codes and how to use them.
func backupFile(username string, codes []string, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Twostep backup codes for %s\n", username)
	fmt.Fprintf(&b, "Generated %s\n\n", now.Format("2 January 2006 at 15:04 MST"))
	for i, c := range codes {
		fmt.Fprintf(&b, "%2d. %s\n", i+1, c)
	}
	b.WriteString("\nEach code works once. When Twostep asks for a verification code and you\n" +
		"cannot use your authenticator app, choose \"Use a backup code instead\" and type\n" +
		"one of these codes. On a computer that does not hold your account's key (a new\n" +
		"computer, an erased keyring), Twostep asks for one of these codes straight away.\n" +
		"Making new codes in Settings > Security voids this list.\n" +
		"Keep this file private: anyone with it and your password can sign in.\n")
	return b.String()
}

func (b *backupDialog) onSave() {
	name := b.sess.Username
	text := backupFile(name, b.codes, b.u.now())
	b.u.pickSave(backupFileName(name), func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			b.says.say("Twostep could not open the save dialog. Copy the codes instead.")
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
				b.says.say("The codes could not be saved there: " + fileProblem(err) + " Choose another place, or copy them.")
				return
			}
			b.kept = true
			b.says.good("Saved to " + where + ".")
		})
	})
}

func (b *backupDialog) onCopy() {
	b.u.copySecret(strings.Join(b.codes, "\n"))
	b.kept = true
	b.says.good(fmt.Sprintf("Copied. The clipboard is cleared in %d seconds; paste them somewhere safe now.", clipboardClear))
}

func (b *backupDialog) onDone() {
	if b.busy.running {
		return
	}
	if b.kept {
		b.close()
		return
	}
	b.u.confirm("Are you sure?",
		"You have not saved or copied your backup codes. Without them, losing your phone can lock you out of your account.",
		"Close without saving", true, func(sure bool) {
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
