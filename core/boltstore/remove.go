package boltstore

import (
	"errors"
	"io/fs"
	"os"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
)

// Remove deletes the data file at path for good, as `twostep --delete-data` and the Windows
// uninstaller ask. It first takes the file's lock, so a running Twostep is KindAlreadyRunning
// and nothing is deleted; then forget gets the IDs of the file's accounts (to delete their
// keyring entries) while the lock is held, and only if forget succeeds is the file deleted.
// A damaged file is deleted too, with no IDs: it is what a person deleting their data wants
// gone, and its accounts' entries cannot be named. A missing file is not an error.
func Remove(path string, forget func([]core.AccountID) error) error {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return forget(nil)
	} else if err != nil {
		return classify(err)
	}
	db, _, err := openDB(path)
	switch {
	case core.IsKind(err, core.KindAlreadyRunning), core.IsKind(err, core.KindDataReadOnly):
		return err
	case err != nil: // damaged, or a link planted there: no accounts to name, and os.Remove
		err = forget(nil) // below takes away the link itself, never what it points at
	default:
		err = forget(accountIDs(db))
		db.Close() // before the delete: Windows deletes no file that is open
	}
	if err != nil {
		return err
	}
	return classify(os.Remove(path))
}

// accountIDs lists the IDs of the accounts in db, as far as it can be read.
func accountIDs(db *bolt.DB) []core.AccountID {
	var ids []core.AccountID
	guarded(func() error {
		return db.View(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketAccounts)
			if b == nil {
				return nil
			}
			return b.ForEach(func(k, _ []byte) error {
				ids = append(ids, core.AccountID(k))
				return nil
			})
		})
	})
	return ids
}
