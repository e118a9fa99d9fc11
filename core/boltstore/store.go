package boltstore

import (
	"encoding/json"
	"errors"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
)

// CreateAccount writes a, its username index entry and events in one transaction.
func (s *Store) CreateAccount(a core.Account, events ...core.Event) error {
	if a.ID == "" {
		return core.Wrap(core.KindInternal, errors.New("account without an ID"))
	}
	name := []byte(core.UsernameKey(a.Username))
	if len(name) == 0 {
		return core.Wrap(core.KindInternal, errors.New("account without a username"))
	}
	return s.update(func(tx *bolt.Tx) error {
		names, accounts := tx.Bucket(bucketUsernames), tx.Bucket(bucketAccounts)
		if names.Get(name) != nil {
			return core.Fail(core.KindUsernameTaken, "")
		}
		if accounts.Get([]byte(a.ID)) != nil {
			return core.Wrap(core.KindInternal, errors.New("account ID already in use"))
		}
		if err := putAccount(tx, a); err != nil {
			return err
		}
		if err := names.Put(name, []byte(a.ID)); err != nil {
			return err
		}
		return appendEvents(tx, a.ID, events)
	})
}

// Account returns the account with this ID, or KindNotFound.
func (s *Store) Account(id core.AccountID) (a core.Account, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		a, err = getAccount(tx, id)
		return err
	})
	return a, err
}

// AccountByUsername finds an account by name, ignoring case, or fails with KindNotFound.
func (s *Store) AccountByUsername(name string) (a core.Account, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		id := tx.Bucket(bucketUsernames).Get([]byte(core.UsernameKey(name)))
		if id == nil {
			return core.Fail(core.KindNotFound, "")
		}
		a, err = getAccount(tx, core.AccountID(id))
		if core.IsKind(err, core.KindNotFound) {
			// The name is known but its record is gone: that is damage, not a stranger's name,
			// and must not be answered (and counted) as a wrong password.
			return core.Wrap(core.KindDataCorrupt, errors.New("the username index points at a missing account"))
		}
		return err
	})
	return a, err
}

// UpdateAccount applies fn to the stored account and writes it back with events. An error
// from fn is returned as it is, and nothing is written.
func (s *Store) UpdateAccount(id core.AccountID, fn core.Change, events ...core.Event) error {
	return s.updateAccount(id, "", func(a *core.Account, _ *core.Throttle) error { return fn(a) }, events)
}

// UpdateAccountThrottle is UpdateAccount that also applies fn to the throttle state under key,
// in the same transaction (one flushed write instead of two).
func (s *Store) UpdateAccountThrottle(id core.AccountID, key string, fn func(*core.Account, *core.Throttle) error, events ...core.Event) error {
	if key == "" {
		return core.Wrap(core.KindInternal, errors.New("UpdateAccountThrottle without a throttle key"))
	}
	return s.updateAccount(id, key, fn, events)
}

func (s *Store) updateAccount(id core.AccountID, key string, fn func(*core.Account, *core.Throttle) error, events []core.Event) error {
	var fnErr error
	err := s.update(func(tx *bolt.Tx) error {
		a, err := getAccount(tx, id)
		if err != nil {
			return err
		}
		var th core.Throttle
		if key != "" {
			if th, err = getThrottle(tx.Bucket(bucketThrottle), key); err != nil {
				return err
			}
		}
		name := a.Username
		if fnErr = callFn(func(a *core.Account) error { return fn(a, &th) }, &a); fnErr != nil {
			return fnErr
		}
		// The username index points at the ID; changing either here would split them.
		if a.ID != id || a.Username != name {
			return core.Wrap(core.KindInternal, errors.New("UpdateAccount may not change the account ID or username"))
		}
		if err := putAccount(tx, a); err != nil {
			return err
		}
		if key != "" {
			if err := putThrottle(tx.Bucket(bucketThrottle), key, th); err != nil {
				return err
			}
		}
		return appendEvents(tx, id, events)
	})
	if fnErr != nil {
		return fnErr
	}
	return err
}

func getAccount(tx *bolt.Tx, id core.AccountID) (core.Account, error) {
	var a core.Account
	v := tx.Bucket(bucketAccounts).Get([]byte(id))
	if v == nil {
		return a, core.Fail(core.KindNotFound, "")
	}
	// json.Unmarshal copies what it keeps, so nothing here points into the mapped file.
	if err := json.Unmarshal(v, &a); err != nil {
		return a, core.Wrap(core.KindDataCorrupt, err)
	}
	return a, olderAllowed(tx, a)
}

func putAccount(tx *bolt.Tx, a core.Account) error {
	v, err := json.Marshal(a)
	if err != nil {
		return core.Wrap(core.KindInternal, err)
	}
	if err := tx.Bucket(bucketAccounts).Put([]byte(a.ID), v); err != nil {
		return err
	}
	return movedOn(tx, a)
}
