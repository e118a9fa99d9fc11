// Package boltstore keeps Twostep's accounts, throttle counters and activity in one bbolt file.
package boltstore

import (
	"crypto/rand"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/private"
)

// schemaVersion is the layout this code writes. A file stamped with a higher number came
// from a newer Twostep, which may have changed what the buckets mean, so it is not touched.
// Schemas 2 and 3 (core.Schema) changed the account records; an older file is stamped 3 when
// opened, so an older Twostep refuses it instead of misreading moved records, and its records
// are moved one by one as their owners sign in (older.go says which ones may be).
const schemaVersion = core.Schema

// lockTimeout bounds the wait for another Twostep to let go of the file: long enough to ride
// out a quick restart, short enough that a second window reports "already running" rather
// than hanging.
const lockTimeout = 2 * time.Second

var (
	bucketMeta      = []byte("meta")
	bucketAccounts  = []byte("accounts")
	bucketUsernames = []byte("usernames")
	bucketThrottle  = []byte("throttle")
	bucketEvents    = []byte("events")
	keySchema       = []byte("schema")
	keyInstall      = []byte("install-key")
)

// Store is the bbolt implementation of core.Store. Its methods are safe for concurrent use.
type Store struct {
	db         *bolt.DB
	installKey []byte
}

var _ core.Store = (*Store)(nil)

// Open opens the data file at path, creating it and its folder private (0600 and 0700 on
// Unix, a DACL for this user alone on Windows: see core/private) if needed.
// Failures are *core.Error: KindAlreadyRunning when another Twostep holds the file,
// KindDataCorrupt, KindDataReadOnly or KindDataTooNew when it cannot be used.
func Open(path string) (*Store, error) {
	dir := filepath.Dir(path)
	if err := makeDir(dir); err != nil {
		return nil, err
	}
	if err := checkFolder(dir); err != nil {
		return nil, err
	}
	db, file, err := openDB(path)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db}
	if err := classify(private.Tighten(file)); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.update(func(tx *bolt.Tx) error {
		if err := initBuckets(tx); err != nil {
			return err
		}
		s.installKey, err = installKey(tx.Bucket(bucketMeta))
		return err
	}); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// InstallKey is this data file's random secret (see core.Store).
func (s *Store) InstallKey() []byte { return s.installKey }

// installKey reads the file's secret, making it the first time (files of Twostep 0.1 have
// none; their unknown-name buckets, keyed without it, are simply never read again).
func installKey(meta *bolt.Bucket) ([]byte, error) {
	if k := meta.Get(keyInstall); len(k) == 32 {
		return append([]byte(nil), k...), nil
	}
	k := make([]byte, 32)
	rand.Read(k)
	return k, meta.Put(keyInstall, k)
}

// Close releases the file, so another Twostep may open it.
func (s *Store) Close() error { return classify(s.db.Close()) }

// makeDir creates dir private to this user. A folder that already exists is the person's
// choice and is left as it is; the file inside is still made private.
func makeDir(dir string) error {
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		return classify(err)
	}
	return classify(private.MkdirAll(dir))
}

// openDB opens and locks the bbolt file. bbolt can panic on a damaged file after it has
// taken the lock; the file is then released here, or the lock would be held until the
// process exits and a retry would report "already running". (On an ordinary error bbolt
// has closed the file already, and releasing it again is harmless.)
func openDB(path string) (*bolt.DB, *os.File, error) {
	var file *os.File
	opts := &bolt.Options{Timeout: lockTimeout, OpenFile: func(name string, flag int, _ os.FileMode) (*os.File, error) {
		f, err := private.OpenFile(name, flag)
		file = f
		return f, err
	}}
	var db *bolt.DB
	err := guarded(func() (err error) {
		db, err = bolt.Open(path, 0o600, opts)
		return err
	})
	if err != nil {
		if file != nil {
			release(file)
		}
		if private.IsLink(err) {
			e := core.Fail(core.KindDataUnsafe, "error.data-file.link", "File", path)
			e.Err = err
			return nil, nil, e
		}
		return nil, nil, err
	}
	return db, file, nil
}

// checkFolder refuses a data folder that other users could change: they could replace the
// data file, or plant a link where Twostep makes one.
func checkFolder(dir string) error {
	err := private.CheckFolder(dir)
	var shared *private.SharedFolderError
	if errors.As(err, &shared) {
		e := core.Fail(core.KindDataUnsafe, "error.data-dir.shared", "Folder", dir)
		e.Err = err
		return e
	}
	return classify(err)
}

// initBuckets checks the schema stamp before writing anything, then creates what is missing.
func initBuckets(tx *bolt.Tx) error {
	if meta := tx.Bucket(bucketMeta); meta != nil {
		if v := meta.Get(keySchema); v != nil {
			n, err := strconv.Atoi(string(v))
			if err != nil || n < 1 {
				return core.Wrap(core.KindDataCorrupt, errors.New("bad schema version "+strconv.Quote(string(v))))
			}
			if n > schemaVersion {
				return &core.Error{Kind: core.KindDataTooNew, Err: errors.New("schema version " + string(v))}
			}
		}
	}
	for _, name := range [][]byte{bucketMeta, bucketAccounts, bucketUsernames, bucketThrottle, bucketEvents, bucketOlder, bucketData} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	if string(meta.Get(keySchema)) == strconv.Itoa(schemaVersion) {
		return nil
	}
	if err := listOlder(tx); err != nil {
		return err
	}
	return meta.Put(keySchema, []byte(strconv.Itoa(schemaVersion)))
}
