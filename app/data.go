package app

import (
	"github.com/twostep-app/twostep/core"
)

// A program behind the gate keeps its own data sealed under the signed-in account
// (core/datakeys.go): entries Twostep stores for it in the data file (PutData), or bytes it
// keeps in files of its own (Seal). A purpose names what the data is for ("notes"); each
// gets its own keys, made when it is first used.

// Seal seals plain for purpose under the account, for a file of the program's own. Open
// opens it again, for this account alone.
func (s *Service) Seal(sess *Session, purpose string, plain []byte) ([]byte, error) {
	return s.sealData(sess, purpose, "", plain)
}

// Open opens what Seal made. stale says it was sealed before the last security change of
// the account: seal it again and write it back, so that an old copy of the data file and an
// old password or a spent backup code cannot open it. Bytes changed, or sealed for another
// account or purpose, are KindDataTampered.
func (s *Service) Open(sess *Session, purpose string, sealed []byte) (plain []byte, stale bool, err error) {
	return s.openData(sess, purpose, "", sealed)
}

// PutData stores plain as the entry name of purpose, sealed, in the data file.
func (s *Service) PutData(sess *Session, purpose, name string, plain []byte) error {
	if err := core.CheckDataName(name); err != nil {
		return err
	}
	sealed, err := s.sealData(sess, purpose, name, plain)
	if err != nil {
		return err
	}
	return s.store.PutData(sess.ID, purpose, name, sealed)
}

// Data is the entry name of purpose, opened; a missing one is KindNotFound.
func (s *Service) Data(sess *Session, purpose, name string) ([]byte, error) {
	if err := checkData(sess, purpose, name); err != nil {
		return nil, err
	}
	sealed, err := s.store.Data(sess.ID, purpose, name)
	if err != nil {
		return nil, err
	}
	plain, _, err := s.openData(sess, purpose, name, sealed)
	return plain, err
}

// DataNames are the names of purpose's entries, in byte order.
func (s *Service) DataNames(sess *Session, purpose string) ([]string, error) {
	if err := checkData(sess, purpose, "-"); err != nil {
		return nil, err
	}
	return s.store.DataNames(sess.ID, purpose)
}

// DeleteData deletes the entry name of purpose; one that is not there is no error.
func (s *Service) DeleteData(sess *Session, purpose, name string) error {
	if err := checkData(sess, purpose, name); err != nil {
		return err
	}
	return s.store.DeleteData(sess.ID, purpose, name)
}

func checkData(sess *Session, purpose, name string) error {
	if sess.current() == nil { // the keys are not needed, but a signed-out session reads nothing
		return core.Fail(core.KindNotFound, "error.signed-out")
	}
	if err := core.CheckPurpose(purpose); err != nil {
		return err
	}
	return core.CheckDataName(name)
}

// sealData seals under purpose's newest key, giving the purpose its first key if it has
// none (a change of the record, signed as any other).
func (s *Service) sealData(sess *Session, purpose, name string, plain []byte) ([]byte, error) {
	if err := core.CheckPurpose(purpose); err != nil {
		return nil, err
	}
	keys, err := s.dataKeys(sess, purpose)
	if err != nil {
		return nil, err
	}
	defer keys.Wipe()
	return keys.SealData(sess.ID, purpose, name, plain)
}

func (s *Service) openData(sess *Session, purpose, name string, sealed []byte) ([]byte, bool, error) {
	if err := core.CheckPurpose(purpose); err != nil {
		return nil, false, err
	}
	a, k, err := s.account(sess)
	if err != nil {
		return nil, false, err
	}
	defer k.wipe()
	keys, err := a.OpenDataKeys(k.account)
	if err != nil {
		return nil, false, err
	}
	defer keys.Wipe()
	return keys.OpenData(sess.ID, purpose, name, sealed)
}

// dataKeys are the account's data keys, with a first key for purpose made and stored if it
// had none.
func (s *Service) dataKeys(sess *Session, purpose string) (core.DataKeys, error) {
	a, k, err := s.account(sess)
	if err != nil {
		return nil, err
	}
	defer k.wipe()
	keys, err := a.OpenDataKeys(k.account)
	if err != nil || !keys.Add(purpose) {
		return keys, err
	}
	keys.Wipe()
	err = s.update(sess, k, func(a *core.Account) error {
		if keys, err = a.OpenDataKeys(k.account); err != nil { // as stored now
			return err
		}
		keys.Add(purpose)
		return a.SealDataKeys(k.account, keys)
	})
	return keys, err
}

// resealData seals every entry of the account that is under an older data key anew under
// the newest, after a security change gave each purpose a new key. It runs right after the
// change, in a transaction of its own: if Twostep stops in between, the entries still open
// (their keys are kept) and the next security change seals them again. An entry
// that does not open is left as it is and reported: reading it says so.
func (s *Service) resealData(id core.AccountID, ak core.AccountKey) {
	a, err := s.store.Account(id)
	if err != nil || len(a.DataKeys) == 0 {
		s.Report(err)
		return
	}
	keys, err := a.OpenDataKeys(ak)
	if err != nil {
		s.Report(err)
		return
	}
	defer keys.Wipe()
	var damaged error
	err = s.store.ResealData(id, func(purpose, name string, sealed []byte) ([]byte, error) {
		plain, stale, err := keys.OpenData(id, purpose, name, sealed)
		if err != nil {
			damaged = err
			return nil, nil
		}
		defer clear(plain)
		if !stale {
			return nil, nil
		}
		return keys.SealData(id, purpose, name, plain)
	})
	s.Report(err)
	s.Report(damaged)
}
