package boltstore

import (
	"errors"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
)

// Records of an older Twostep (0.1's schema 0, 0.2's schema 2) are read once more, to be moved
// to today's keys at their owners' next sign-in. Such a record carries no authenticator that
// today's code can check before the password opens it, so a record in an older form planted
// in a file that has moved on would be believed: a forged 0.1 record, with the planter's own
// password hash, kept a real account's ID and history (issue 15). So the file lists the
// older records it held when this code first opened it, by ID and schema; only those are
// read, and each leaves the list when it is moved on. Any other record in an older form is
// refused as changed outside Twostep. (The list is no stronger than the file: someone who
// knows to add to it can plant a record there too, as they can delete or replace any account.
// It stops the quiet forgery of an account that has moved on.)

var bucketOlder = []byte("older-records")

// listOlder records every account of an older form, in the transaction that first stamps the
// file with this schema.
func listOlder(tx *bolt.Tx) error {
	older := tx.Bucket(bucketOlder)
	return tx.Bucket(bucketAccounts).ForEach(func(id, v []byte) error {
		var a core.Account
		if err := decode(v, &a, "account", id); err != nil {
			return err
		}
		if a.Schema >= core.Schema {
			return nil
		}
		return older.Put(id, []byte(strconv.Itoa(a.Schema)))
	})
}

// olderAllowed fails unless a record of an older form was listed when the file moved on.
func olderAllowed(tx *bolt.Tx, a core.Account) error {
	if a.Schema >= core.Schema {
		return nil
	}
	older := tx.Bucket(bucketOlder)
	if older == nil || string(older.Get([]byte(a.ID))) != strconv.Itoa(a.Schema) {
		return &core.Error{Kind: core.KindDataTampered, Err: errors.New("a record of an older form the file did not hold when it moved on")}
	}
	return nil
}

// movedOn takes a record off the list once it is stored in today's form.
func movedOn(tx *bolt.Tx, a core.Account) error {
	if a.Schema < core.Schema {
		return nil
	}
	return tx.Bucket(bucketOlder).Delete([]byte(a.ID))
}
