package app

import (
	"path/filepath"

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
	return &Opened{Service: New(db, kr, opts...), Keyring: kr, db: db, Path: path}, nil
}

// CheckKeyring says whether the OS keyring can be used right now, as an error with a kind.
func (o *Opened) CheckKeyring() error { return o.Keyring.Check() }

// Close releases the data file for the next Twostep.
func (o *Opened) Close() error { return o.db.Close() }
