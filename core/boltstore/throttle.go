package boltstore

import (
	"encoding/json"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
)

// Throttle returns the failure state stored under key; none stored is the zero Throttle.
func (s *Store) Throttle(key string) (t core.Throttle, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		t, err = getThrottle(tx.Bucket(bucketThrottle), key)
		return err
	})
	return t, err
}

// UpdateThrottle applies fn to the state under key and returns the result. A zero result
// is deleted rather than stored, so successful sign-ins do not grow the file.
func (s *Store) UpdateThrottle(key string, fn func(*core.Throttle)) (t core.Throttle, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketThrottle)
		if t, err = getThrottle(b, key); err != nil {
			return err
		}
		callFn(func(t *core.Throttle) error { fn(t); return nil }, &t)
		return putThrottle(b, key, t)
	})
	if err != nil {
		return core.Throttle{}, err
	}
	return t, nil
}

// putThrottle stores t under key, or deletes the key when t is zero, so successful
// sign-ins do not grow the file.
func putThrottle(b *bolt.Bucket, key string, t core.Throttle) error {
	if isZero(t) {
		if b.Get([]byte(key)) == nil {
			return nil
		}
		return b.Delete([]byte(key))
	}
	v, err := json.Marshal(t)
	if err != nil {
		return core.Wrap(core.KindInternal, err)
	}
	return b.Put([]byte(key), v)
}

func getThrottle(b *bolt.Bucket, key string) (core.Throttle, error) {
	var t core.Throttle
	v := b.Get([]byte(key))
	if v == nil {
		return t, nil
	}
	if err := json.Unmarshal(v, &t); err != nil {
		return t, core.Wrap(core.KindDataCorrupt, err)
	}
	return t, nil
}

// isZero compares the whole struct, so a field added to core.Throttle later is not lost;
// UTC() first makes every zero time compare equal whatever its location.
func isZero(t core.Throttle) bool {
	t.Passwords.LockedUntil, t.Codes.LockedUntil = t.Passwords.LockedUntil.UTC(), t.Codes.LockedUntil.UTC()
	return t == core.Throttle{}
}
