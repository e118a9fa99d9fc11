package app

import (
	"errors"
	"path/filepath"

	"twostep/core"
	"twostep/core/boltstore"
	"twostep/core/keyring"
)

// Opened is a Service over the data file in a data directory and the OS keyring.
type Opened struct {
	*Service
	Keyring *keyring.Keyring
	db      *boltstore.Store
	Path    string
}

// Open opens (or creates) the data file in dir and connects to the OS keyring. It fails
// with KindAlreadyRunning within two seconds if another Twostep holds the file. The keyring
// is not probed here: CheckKeyring does that, so a window can show a page with Retry.
func Open(dir string, opts ...Option) (*Opened, error) {
	path := filepath.Join(dir, DataFile)
	db, err := boltstore.Open(path)
	if err != nil {
		return nil, err
	}
	kr := keyring.New(keyring.Service)
	o := &Opened{Service: New(db, kr, opts...), Keyring: kr, db: db, Path: path}
	if err := o.log.AttachFile(dir); err != nil {
		o.log.Warn("no log file in the data folder", "error", err.Error())
	}
	return o, nil
}

// CheckKeyring says whether the OS keyring can be used right now, as an error with a kind.
func (o *Opened) CheckKeyring() error { return o.Keyring.Check() }

// Close releases the data file for the next Twostep, and the log file.
func (o *Opened) Close() error { return errors.Join(o.db.Close(), o.log.Close()) }

// CheckData says, without changing or creating anything, whether the data file in dir can
// be used: the file is read page by page and record by record, and its disk must have room
// for a sign-in's writes. No data file yet is KindNotFound (after the room is checked).
func CheckData(dir string) error {
	err := boltstore.Check(filepath.Join(dir, DataFile))
	if err != nil && !core.IsKind(err, core.KindNotFound) {
		return err
	}
	if space := boltstore.CheckSpace(dir); space != nil {
		return space
	}
	return err
}

// CheckKeyring says whether the OS keyring can be used, without writing to it.
func CheckKeyring() error { return keyring.New(keyring.Service).Check() }
