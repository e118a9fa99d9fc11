package ui

import "time"

// copySecret puts a secret on the clipboard and takes it off again after clipboardClear
// seconds, unless the person copied something else meanwhile.
func (u *UI) copySecret(text string) {
	cb := u.app.Clipboard()
	cb.SetContent(text)
	u.after(clipboardClear*time.Second, func() {
		if cb.Content() == text {
			cb.SetContent("")
		}
	})
}
