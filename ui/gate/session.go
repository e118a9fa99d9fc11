package gate

import (
	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/ui"
)

// Session is the signed-in account, as the app's page sees it. Its methods read and write
// the data file (a millisecond or a few each): call them off the UI goroutine, with Run.
// After a lock or a sign-out they fail (IsNotFound).
type Session struct {
	svc  *app.Service
	sess *app.Session
	ui   *ui.UI
}

// Run does work off the UI goroutine, then done with work's error back on the UI goroutine,
// unless the window closed meanwhile (Fyne must not be called once it quits). The top bar's
// spinner turns while work runs. Read what work needs from widgets before calling Run.
func (s *Session) Run(work func() error, done func(error)) { s.ui.Run(work, done) }

// Username is the signed-in person's username.
func (s *Session) Username() string { return s.sess.Username }

// Profile is what the person says about themselves in Settings > Profile.
type Profile struct {
	DisplayName string
	Email       string
	Picture     []byte // PNG or JPEG; nil for none
}

// Profile reads the person's profile.
func (s *Session) Profile() (Profile, error) {
	p, err := s.svc.Profile(s.sess)
	return Profile{DisplayName: p.DisplayName, Email: p.Email, Picture: p.Picture}, err
}

// Put stores plain as the entry name of purpose ("notes"), sealed under the account, in
// the gate's data file.
func (s *Session) Put(purpose, name string, plain []byte) error {
	return s.svc.PutData(s.sess, purpose, name, plain)
}

// Get is the entry name of purpose; a missing one fails with IsNotFound.
func (s *Session) Get(purpose, name string) ([]byte, error) { return s.svc.Data(s.sess, purpose, name) }

// Names are the names of purpose's entries, in byte order.
func (s *Session) Names(purpose string) ([]string, error) { return s.svc.DataNames(s.sess, purpose) }

// Delete deletes the entry name of purpose; a missing one is no error.
func (s *Session) Delete(purpose, name string) error { return s.svc.DeleteData(s.sess, purpose, name) }

// Seal seals plain under the account, for purpose, for a file the app keeps itself.
func (s *Session) Seal(purpose string, plain []byte) ([]byte, error) {
	return s.svc.Seal(s.sess, purpose, plain)
}

// Open opens what Seal made, for this account and purpose alone. stale says it was sealed
// before the account's last security change (a password changed, a backup code used, ...):
// seal it again and write it back, so that an old copy of the data file with an old password
// or a spent code cannot open it.
func (s *Session) Open(purpose string, sealed []byte) (plain []byte, stale bool, err error) {
	return s.svc.Open(s.sess, purpose, sealed)
}

// NewEntry is a one-line text field for the app's page. Use it (or NewMultiLineEntry) for the
// page's fields rather than widget.NewEntry: typing in it counts as use of the window, so the
// idle lock does not lock someone typing, and Ctrl+L (lock) and Ctrl+Q (quit) work while it
// has the focus (Fyne hands shortcuts to the focused field, and widget.Entry drops them).
func NewEntry() *ui.Entry { return ui.NewEntry() }

// NewMultiLineEntry is NewEntry's field of many lines, wrapped at words.
func NewMultiLineEntry() *ui.Entry { return ui.NewMultiLineEntry() }
