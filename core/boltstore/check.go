package boltstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
)

// Check inspects the data file at path without changing it or creating anything: it opens the
// file read-only, runs bbolt's own consistency check over every page, checks the schema stamp,
// and reads every record and index entry. It is what `twostep --check` reports; Open would
// create the file and write the stamp, and sees only the pages a sign-in happens to touch.
// A file that does not exist yet is KindNotFound; the other failures are Open's kinds.
func Check(path string) error {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return core.Fail(core.KindNotFound, "error.data-file.none")
	} else if err != nil {
		return classify(err)
	}
	if info.Size() == 0 {
		return core.Wrap(core.KindDataCorrupt, errors.New("the data file is empty"))
	}
	var db *bolt.DB
	err = guarded(func() (err error) {
		db, err = bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: lockTimeout})
		return err
	})
	if err != nil {
		return err
	}
	defer db.Close()
	return guarded(func() error { return db.View(func(tx *bolt.Tx) error { return checkTx(tx, info.Size()) }) })
}

// minFree is the least free space that lets a sign-in write: bbolt grows its file in steps
// of up to a few pages, and a full disk makes every write fail.
const minFree = 1 << 20

// CheckSpace fails with KindDataReadOnly when the disk holding dir (or, before dir exists,
// the nearest folder above it) is full. Like Check, it creates nothing.
func CheckSpace(dir string) error {
	for {
		if free, ok := freeBytes(dir); ok {
			if free < minFree {
				return core.Wrap(core.KindDataReadOnly, fmt.Errorf("%d bytes free on the disk of %s", free, dir))
			}
			return nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil // unknown here: the writes themselves will say
		}
		dir = parent
	}
}

// checkTx reads everything this goroutine can (where a fault on a damaged page is turned into
// an error by guarded) before bbolt's own check, which reads every page from a goroutine of
// its own, where a fault would end the process: a file shorter than its pages say is refused
// first, since reading past its end is exactly such a fault.
func checkTx(tx *bolt.Tx, size int64) error {
	if tx.Size() > size {
		return core.Wrap(core.KindDataCorrupt, fmt.Errorf("the file has %d bytes, its pages need %d", size, tx.Size()))
	}
	if err := checkSchema(tx); err != nil {
		return err
	}
	if err := checkRecords(tx); err != nil {
		return err
	}
	for err := range tx.Check() {
		return core.Wrap(core.KindDataCorrupt, err) // the first is enough to say it is damaged
	}
	return nil
}

// checkRecords decodes every record and follows every index entry. In a file this Twostep
// has opened before, a record in an older form must be one the file listed then (older.go).
func checkRecords(tx *bolt.Tx) error {
	accounts := tx.Bucket(bucketAccounts)
	listed := string(tx.Bucket(bucketMeta).Get(keySchema)) == strconv.Itoa(schemaVersion)
	if err := accounts.ForEach(func(k, v []byte) error {
		var a core.Account
		if err := decode(v, &a, "account", k); err != nil || !listed {
			return err
		}
		return olderAllowed(tx, a)
	}); err != nil {
		return err
	}
	if err := tx.Bucket(bucketUsernames).ForEach(func(name, id []byte) error {
		if accounts.Get(id) == nil {
			return core.Wrap(core.KindDataCorrupt, fmt.Errorf("the username %q points at a missing account", name))
		}
		return nil
	}); err != nil {
		return err
	}
	if err := tx.Bucket(bucketThrottle).ForEach(func(k, v []byte) error { return decode(v, &core.Throttle{}, "throttle", k) }); err != nil {
		return err
	}
	return tx.Bucket(bucketEvents).ForEachBucket(func(id []byte) error {
		return tx.Bucket(bucketEvents).Bucket(id).ForEach(func(k, v []byte) error { return decode(v, &core.Event{}, "event", k) })
	})
}

// checkSchema wants every bucket and a stamp this code can read.
func checkSchema(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketAccounts, bucketUsernames, bucketThrottle, bucketEvents} {
		if tx.Bucket(name) == nil {
			return core.Wrap(core.KindDataCorrupt, fmt.Errorf("the bucket %s is missing", name))
		}
	}
	v := tx.Bucket(bucketMeta).Get(keySchema)
	n, err := strconv.Atoi(string(v))
	switch {
	case err != nil || n < 1:
		return core.Wrap(core.KindDataCorrupt, errors.New("bad schema version "+strconv.Quote(string(v))))
	case n > schemaVersion:
		return &core.Error{Kind: core.KindDataTooNew, Err: errors.New("schema version " + string(v))}
	}
	return nil
}

func decode(v []byte, into any, what string, key []byte) error {
	if err := json.Unmarshal(v, into); err != nil {
		return core.Wrap(core.KindDataCorrupt, fmt.Errorf("%s %x: %w", what, key, err))
	}
	return nil
}

// Usernames lists the accounts' usernames in the data file at path, in order, reading it as
// Check does: read-only, creating nothing. `twostep --check` names them.
func Usernames(path string) ([]string, error) {
	var db *bolt.DB
	err := guarded(func() (err error) {
		db, err = bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: lockTimeout})
		return err
	})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var names []string
	err = guarded(func() error {
		return db.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketUsernames).ForEach(func(name, _ []byte) error {
				names = append(names, string(name))
				return nil
			})
		})
	})
	return names, err
}
