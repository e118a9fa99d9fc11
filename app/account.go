package app

import (
	"github.com/twostep-app/twostep/core"
)

// CreateAccount makes an account and signs it in. Its account key is boxed for the password
// alone until two-step authentication is turned on; nothing goes to the keyring.
func (s *Service) CreateAccount(username, password string) (*Session, error) {
	if err := core.ValidateUsername(username); err != nil {
		return nil, err
	}
	if err := core.ValidatePassword(password, username); err != nil {
		return nil, err
	}
	if _, err := s.store.AccountByUsername(username); err == nil {
		return nil, core.Fail(core.KindUsernameTaken, "")
	} else if !core.IsKind(err, core.KindNotFound) {
		return nil, err
	}
	a := core.Account{ID: core.NewAccountID(), Username: username, Created: s.now(), PasswordChanged: s.now()}
	k := &keys{account: core.NewAccountKey(), params: core.NewPasswordParams()}
	defer k.wipe()
	var err error
	if k.password, err = core.StretchPassword(password, k.params); err != nil {
		return nil, err
	}
	if err := a.SealUnder(k.account, k.password, k.params, core.Profile{}, ""); err != nil {
		return nil, err
	}
	if err := s.store.CreateAccount(a, s.event(core.Event{Kind: core.EventAccountCreated})); err != nil {
		return nil, err
	}
	return s.newSession(a.ID, a.Username, k), nil
}

// Status is what the dashboard shows about an account's security.
type Status struct {
	Username        string
	TwoFactor       bool
	BackupCodesLeft int
	BackupCodesLow  bool
	// BackupCodesUnseen: the newest backup codes were never shown to the end (the window
	// closed or Twostep stopped first), so the person may not have them.
	BackupCodesUnseen bool
	Devices           int // trusted computers
	Lock              LockSettings
}

// Status reads the account's security state.
func (s *Service) Status(sess *Session) (Status, error) {
	a, k, err := s.account(sess)
	if err != nil {
		return Status{}, err
	}
	k.wipe()
	st := Status{Username: a.Username, TwoFactor: a.TwoFactor, Devices: a.TrustedCount(),
		Lock: LockSettings{After: a.LockAfter(), OnScreenLock: a.LocksWithScreen()}}
	if a.TwoFactor {
		st.BackupCodesLeft, st.BackupCodesLow = a.BackupCodes.Left(), a.BackupCodes.Low()
		st.BackupCodesUnseen = a.BackupCodes.Unseen
	}
	return st, nil
}

// BackupCodesShown records that the person closed the dialog showing the newest backup codes,
// having saved or copied them, or chosen not to.
func (s *Service) BackupCodesShown(sess *Session) error {
	a, k, err := s.account(sess)
	if err != nil {
		return err
	}
	defer k.wipe()
	if !a.BackupCodes.Unseen {
		return nil
	}
	return s.update(sess, k, func(a *core.Account) error {
		a.BackupCodes.Unseen = false
		return nil
	})
}

// Profile opens the account's personal information.
func (s *Service) Profile(sess *Session) (core.Profile, error) {
	a, k, err := s.account(sess)
	if err != nil {
		return core.Profile{}, err
	}
	defer k.wipe()
	return k.account.OpenProfile(a.Profile, a.ID)
}

// UpdateProfile validates p and stores it sealed.
func (s *Service) UpdateProfile(sess *Session, p core.Profile) error {
	_, k, err := s.account(sess)
	if err != nil {
		return err
	}
	defer k.wipe()
	if err := p.Validate(); err != nil {
		return err
	}
	sealed, err := k.account.SealProfile(p, sess.ID)
	if err != nil {
		return err
	}
	return s.update(sess, k, func(a *core.Account) error {
		a.Profile = sealed
		return nil
	}, s.event(core.Event{Kind: core.EventProfileUpdated}))
}

// Activity returns up to n of the newest events of the account, newest first.
func (s *Service) Activity(sess *Session, n int) ([]core.Event, error) {
	_, k, err := s.account(sess)
	if err != nil {
		return nil, err
	}
	k.wipe()
	return s.store.Events(sess.ID, n)
}
