package app

import (
	"sync"

	"twostep/core"
)

// CreateAccount makes an account and signs it in. The data key is written to the keyring
// before the account to bbolt: a crash in between leaves an orphan secret and no account,
// never an account whose key is lost.
func (s *Service) CreateAccount(username, password string) (*Session, error) {
	if err := core.ValidateUsername(username); err != nil {
		return nil, err
	}
	if err := core.ValidatePassword(password, username); err != nil {
		return nil, err
	}
	if _, err := s.store.AccountByUsername(username); err == nil {
		return nil, core.Errorf(core.KindUsernameTaken, "")
	} else if !core.IsKind(err, core.KindNotFound) {
		return nil, err
	}
	a := core.Account{ID: core.NewAccountID(), Username: username, Created: s.now(), PasswordChanged: s.now()}
	dataKey := core.NewDataKey()
	if err := s.setPassword(&a, password, dataKey); err != nil {
		return nil, err
	}
	if err := s.secrets.Set(a.ID, core.SlotDataKey, dataKey); err != nil {
		return nil, err
	}
	if err := s.store.CreateAccount(a, s.event(core.EventAccountCreated, "")); err != nil {
		_ = s.secrets.Delete(a.ID, core.SlotDataKey) // nothing refers to it
		return nil, err
	}
	return &Session{ID: a.ID, Username: a.Username, dataKey: dataKey}, nil
}

// setPassword hashes password and wraps dataKey under a key derived from it. The two
// argon2id runs are independent, so they run side by side and cost the time of one.
func (s *Service) setPassword(a *core.Account, password string, dataKey []byte) error {
	var wg sync.WaitGroup
	wg.Go(func() { a.Password = core.HashPassword(password, core.PasswordParams) })
	a.KeyParams = core.NewKeyParams(core.PasswordParams)
	kek, err := core.DeriveKEK(password, a.KeyParams)
	wg.Wait()
	if err != nil {
		return err
	}
	a.WrappedKey, err = core.Seal(kek, dataKey, core.WrapAAD(a.ID))
	return err
}

// Status is what the dashboard shows about an account's security.
type Status struct {
	Username        string
	TwoFactor       bool
	BackupCodesLeft int
	BackupCodesLow  bool
	Devices         int
}

// Status reads the account's security state.
func (s *Service) Status(sess *Session) (Status, error) {
	a, err := s.account(sess)
	if err != nil {
		return Status{}, err
	}
	st := Status{Username: a.Username, TwoFactor: a.TwoFactor, Devices: len(a.Devices)}
	if a.TwoFactor {
		st.BackupCodesLeft, st.BackupCodesLow = a.BackupCodes.Left(), a.BackupCodes.Low()
	}
	return st, nil
}

// Profile opens the account's personal information.
func (s *Service) Profile(sess *Session) (core.Profile, error) {
	a, err := s.account(sess)
	if err != nil {
		return core.Profile{}, err
	}
	return core.OpenProfile(a.Profile, sess.dataKey, a.ID)
}

// UpdateProfile validates p and stores it sealed.
func (s *Service) UpdateProfile(sess *Session, p core.Profile) error {
	if _, err := s.account(sess); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	sealed, err := core.SealProfile(p, sess.dataKey, sess.ID)
	if err != nil {
		return err
	}
	return s.store.UpdateAccount(sess.ID, func(a *core.Account) error {
		a.Profile = sealed
		return nil
	}, s.event(core.EventProfileUpdated, ""))
}

// Activity returns up to n of the newest events of the account, newest first.
func (s *Service) Activity(sess *Session, n int) ([]core.Event, error) {
	if _, err := s.account(sess); err != nil {
		return nil, err
	}
	return s.store.Events(sess.ID, n)
}
