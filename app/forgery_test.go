package app_test

import (
	"encoding/json"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
)

// forgery is a record that someone who can write the data file makes from today's, with the
// account key of an earlier copy and the password of then.
type forgery struct {
	name  string
	edit  func(a *core.Account, p core.PasswordKey) // p: the old password, stretched with a.Keys.Params
	their *core.ComputerKey                         // the forger's computer key, for their own sign-in
}

func forgeries(t *testing.T, before snapshot) []forgery {
	theirs := core.NewComputerKey()
	add := func(a *core.Account, p core.PasswordKey) {
		k, err := core.LockKeys(before.ak, p, a.Keys.Params, []core.Holder{theirs.Holder()}, a.ID)
		testenv.Must(t, err)
		a.Devices = append(a.Devices, core.Device{ID: theirs.DeviceID, Name: "test-laptop", Public: theirs.Public(), Trusted: true})
		a.Keys.Boxes = append(a.Keys.Boxes, k.Boxes...)
	}
	return []forgery{
		{"a computer and trust of the forger's added", add, &theirs},
		{"the forger's keys swapped in, two-step off", func(a *core.Account, p core.PasswordKey) {
			k, err := core.LockKeys(before.ak, p, a.Keys.Params, nil, a.ID)
			testenv.Must(t, err)
			a.Keys, a.TwoFactor = k, false
		}, nil},
		{"the account key of then boxed for today's holders", func(a *core.Account, p core.PasswordKey) {
			k, err := core.LockKeys(before.ak, p, a.Keys.Params, a.Holders(), a.ID)
			testenv.Must(t, err)
			a.Keys = k
		}, before.here},
	}
}

// forgeriesAreRefused: with an earlier copy's account key and that copy's password (when it
// is no longer today's), a forger who writes today's file gets nothing of today's account, and
// the owner's credentials never sign in to a key the forger knows. (With today's password a
// forger who can write the file can make a record of their own that it opens: SECURITY.md
// says so. That takes no old copy.)
func (l *life) forgeriesAreRefused(passwords []string, computers []core.ComputerKey) {
	t := l.t
	today := l.snaps[len(l.snaps)-1]
	known := map[string]bool{}
	for _, s := range l.snaps[:len(l.snaps)-1] {
		known[string(s.ak)] = true
	}
	tried := 0
	for _, before := range l.snaps[:len(l.snaps)-1] {
		if before.pw == today.pw {
			continue
		}
		for _, f := range forgeries(t, before) {
			tried++
			forged := cloneRecord(t, today.record)
			f.edit(&forged, mustStretch(t, before.pw, forged.Keys.Params))
			testenv.Must(t, before.ak.Sign(&forged))
			owner := copyEnv(t, l.e, true)
			putRecord(t, owner, forged)
			if sess := signInAs(t, owner, forged.ID, today.pw, today.totp, nil); sess != nil && known[string(app.SessionAccountKey(sess))] {
				t.Errorf("%s, with %s's key: the owner signed in to a key the forger knows", f.name, before.step)
			}
			forger := copyEnv(t, l.e, false)
			putRecord(t, forger, forged)
			if sess := signInAs(t, forger, forged.ID, before.pw, before.totp, f.their); sess != nil {
				if p, err := forger.svc.Profile(sess); err == nil && p.Note == today.note {
					t.Errorf("%s, with %s's key: the forger reads today's profile", f.name, before.step)
				}
			}
		}
	}
	if tried == 0 {
		t.Fatal("no forgery was tried")
	}
}

// signInAs signs in on e's computer with pw, with a code of totp if asked and the computer key
// c put in e's keyring first; it returns the session, or nil if the sign-in was refused.
func signInAs(t *testing.T, e *env, id core.AccountID, pw, totp string, c *core.ComputerKey) *app.Session {
	t.Helper()
	if c != nil {
		testenv.Must(t, e.secrets.Set(id, core.SlotComputerKey, c.Marshal()))
	}
	res, err := e.svc.SignIn(alice, pw)
	if err != nil {
		return nil
	}
	if res.Session != nil || res.NeedsBackupCode || totp == "" {
		return res.Session
	}
	sess, err := e.svc.SubmitCode(res.Challenge, e.nextCode(totp), false)
	if err != nil {
		return nil
	}
	return sess
}

func cloneRecord(t *testing.T, a core.Account) core.Account {
	raw, err := json.Marshal(a)
	testenv.Must(t, err)
	var b core.Account
	testenv.Must(t, json.Unmarshal(raw, &b))
	return b
}

// putRecord writes a over the record of the same ID in e's data file, outside Twostep.
func putRecord(t *testing.T, e *env, a core.Account) {
	t.Helper()
	testenv.Must(t, e.db.Close())
	db, err := bolt.Open(e.path, 0o600, nil)
	testenv.Must(t, err)
	raw, err := json.Marshal(a)
	testenv.Must(t, err)
	testenv.Must(t, db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("accounts")).Put([]byte(a.ID), raw) }))
	testenv.Must(t, db.Close())
	e.open()
}
