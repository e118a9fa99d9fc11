package boltstore

import (
	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
)

// The data of a program behind the gate lives in its own bucket, as it was sealed:
// data / account ID / purpose / name. Nothing here can open it (core/datakeys.go).
var bucketData = []byte("data")

// Data is the entry name of the account's purpose, or KindNotFound.
func (s *Store) Data(id core.AccountID, purpose, name string) (sealed []byte, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		if b := dataBucket(tx, id, purpose); b != nil {
			if v := b.Get([]byte(name)); v != nil {
				sealed = append([]byte(nil), v...) // bbolt's bytes live only as long as the transaction
				return nil
			}
		}
		return core.Fail(core.KindNotFound, "")
	})
	return sealed, err
}

// DataNames are the names of the account's entries for purpose, in byte order.
func (s *Store) DataNames(id core.AccountID, purpose string) (names []string, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		if b := dataBucket(tx, id, purpose); b != nil {
			return b.ForEach(func(k, _ []byte) error { names = append(names, string(k)); return nil })
		}
		return nil
	})
	return names, err
}

// PutData stores sealed as the entry name of the account's purpose.
func (s *Store) PutData(id core.AccountID, purpose, name string, sealed []byte) error {
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketAccounts).Get([]byte(id)) == nil {
			return core.Fail(core.KindNotFound, "")
		}
		b, err := tx.Bucket(bucketData).CreateBucketIfNotExists([]byte(id))
		if err != nil {
			return err
		}
		if b, err = b.CreateBucketIfNotExists([]byte(purpose)); err != nil {
			return err
		}
		return b.Put([]byte(name), sealed)
	})
}

// DeleteData deletes an entry; deleting one that is not there is no error.
func (s *Store) DeleteData(id core.AccountID, purpose, name string) error {
	return s.update(func(tx *bolt.Tx) error {
		if b := dataBucket(tx, id, purpose); b != nil {
			return b.Delete([]byte(name))
		}
		return nil
	})
}

// ResealData hands every entry of the account to fn, in one transaction, and stores what
// fn returns in its place (nil: left as it is). An error from fn stops it, and nothing is
// written.
func (s *Store) ResealData(id core.AccountID, fn func(purpose, name string, sealed []byte) ([]byte, error)) error {
	return s.update(func(tx *bolt.Tx) error {
		acct := tx.Bucket(bucketData).Bucket([]byte(id))
		if acct == nil {
			return nil
		}
		return acct.ForEachBucket(func(purpose []byte) error {
			b := acct.Bucket(purpose)
			type entry struct{ name, value []byte }
			var changed []entry // bbolt forbids a Put while ForEach walks the bucket
			err := b.ForEach(func(k, v []byte) error {
				next, err := fn(string(purpose), string(k), append([]byte(nil), v...))
				if next != nil {
					changed = append(changed, entry{append([]byte(nil), k...), next})
				}
				return err
			})
			for _, e := range changed {
				if err == nil {
					err = b.Put(e.name, e.value)
				}
			}
			return err
		})
	})
}

func dataBucket(tx *bolt.Tx, id core.AccountID, purpose string) *bolt.Bucket {
	if acct := tx.Bucket(bucketData).Bucket([]byte(id)); acct != nil {
		return acct.Bucket([]byte(purpose))
	}
	return nil
}
