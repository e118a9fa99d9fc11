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
)

// backupDialog shows a fresh set of backup codes once, with Save…, Copy and Done. Closing
// it before the codes were saved or copied asks first: they are never shown again.
type backupDialog struct {
	u      *UI
	codes  []string
	dlg    *dialog.CustomDialog
	save   *actionButton
	copy   *actionButton
	done   *actionButton
	says   problem
	kept   bool
	closed func()
	pop    func()
}

func (u *UI) showBackupCodes(codes []string, closed func()) {
	b := &backupDialog{u: u, codes: codes, says: newProblem(), closed: closed}
	b.save = u.newDialogButton("Save…", theme.DocumentSaveIcon(), b.onSave)
	b.save.Importance = widget.HighImportance
	b.copy = u.newDialogButton("Copy", theme.ContentCopyIcon(), b.onCopy)
	b.done = u.newDialogButton("Done", nil, b.onDone)
	grid := container.NewGridWithColumns(2)
	for i, c := range codes {
		l := widget.NewLabelWithStyle(fmt.Sprintf("%2d.  %s", i+1, c), fyne.TextAlignCenter, fyne.TextStyle{Monospace: true, Bold: true})
		grid.Add(l)
	}
	advice := paragraph("If you lose your phone, each of these codes signs you in once instead of a verification code. " +
		"Download them and store them somewhere safe, such as a password manager or a printed copy. Twostep will not show them again.")
	body := container.NewVBox(advice, card("", "", grid), b.says,
		container.NewHBox(b.save, b.copy, layoutSpacer(), b.done))
	b.dlg = dialog.NewCustomWithoutButtons("Save your backup codes", container.New(fixedWidth(520), body), u.win)
	b.pop = u.pushEscape(b.onDone)
	b.dlg.Show()
}

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
		"one of these codes. Making new codes in Settings > Security voids this list.\n" +
		"Keep this file private: anyone with it and your password can sign in.\n")
	return b.String()
}

func (b *backupDialog) onSave() {
	name := b.u.sess.Username
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

func (b *backupDialog) close() {
	b.pop()
	b.dlg.Hide()
	if b.closed != nil {
		b.closed()
	}
}
