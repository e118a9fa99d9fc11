package main

import (
	"errors"
	"path/filepath"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/boltstore"
	"github.com/twostep-app/twostep/core/keyring"
	"github.com/twostep-app/twostep/internal/datadir"
	"github.com/twostep-app/twostep/internal/logfile"
)

// opened is the wiring: app's Service over the bbolt data file in a data folder and the OS
// keyring. Only cmd/ knows both adapters; app/ and ui/ see core's interfaces.
type opened struct {
	*app.Service
	keyring *keyring.Keyring
	db      *boltstore.Store
	log     *logfile.Log
}

// open opens (or creates) the data file in dir and connects to the OS keyring. It fails
// with KindAlreadyRunning within two seconds if another Twostep holds the file. The keyring
// is not probed here: checkKeyring does that, so a window can show a page with Retry.
func open(dir string, log *logfile.Log, opts ...app.Option) (*opened, error) {
	db, err := boltstore.Open(filepath.Join(dir, datadir.File))
	if err != nil {
		return nil, err
	}
	if err := log.AttachFile(filepath.Join(dir, logfile.Name)); err != nil {
		log.Warn("no log file in the data folder", "error", err.Error())
	}
	kr := keyring.New(keyring.Service)
	opts = append([]app.Option{app.WithLog(log.Logger)}, opts...)
	return &opened{Service: app.New(db, kr, opts...), keyring: kr, db: db, log: log}, nil
}

// close wipes every key in memory and releases the data file for the next Twostep, and the
// log file.
func (o *opened) close() error {
	o.Service.Close()
	return errors.Join(o.db.Close(), o.log.Close())
}

// checkData says, without changing or creating anything, whether the data file in dir can
// be used: the file is read page by page and record by record, and its disk must have room
// for a sign-in's writes. No data file yet is KindNotFound (after the room is checked).
func checkData(dir string) error {
	err := boltstore.Check(filepath.Join(dir, datadir.File))
	if err != nil && !core.IsKind(err, core.KindNotFound) {
		return err
	}
	if space := boltstore.CheckSpace(dir); space != nil {
		return space
	}
	return err
}

// checkKeyring says whether the OS keyring can be used, without writing to it.
func checkKeyring() error { return keyring.New(keyring.Service).Check() }
