package ui

import (
	"slices"
	"time"
)

// clipboardClear is how long a copied setup key or backup codes stay on the clipboard.
const clipboardClear = 60

// copySecret puts a secret on the clipboard and takes it off again after clipboardClear
// seconds, or when Twostep quits before then (clearCopied), unless the person copied
// something else meanwhile.
func (u *UI) copySecret(text string) {
	cb := u.app.Clipboard()
	cb.SetContent(text)
	u.copied = append(u.copied, text)
	u.after(clipboardClear*time.Second, func() {
		if i := slices.Index(u.copied, text); i >= 0 {
			u.copied = slices.Delete(u.copied, i, i+1)
		}
		if cb.Content() == text {
			cb.SetContent("")
		}
	})
}

// clearCopied takes a secret copied less than clipboardClear seconds ago off the
// clipboard, as Twostep quits: its timer would never run, and the secret would stay there
// for good.
func (u *UI) clearCopied() {
	if len(u.copied) == 0 {
		return // reading the clipboard can take a moment (on Windows an empty one is retried)
	}
	if cb := u.app.Clipboard(); slices.Contains(u.copied, cb.Content()) {
		cb.SetContent("")
	}
	u.copied = nil
}
