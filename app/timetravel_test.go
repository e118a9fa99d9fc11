package app_test

import (
	"bytes"
	"crypto/ecdh"
	"encoding/base64"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/keyring/keyringtest"

	"github.com/twostep-app/twostep/internal/testenv"
)

// Forward security (issue 15): a copy of the data file and of the keyring kept after every
// step of an account's life, and every credential that was ever valid, open nothing of a
// later file but what is still valid there. The only thing an old copy gives is what it held
// itself (its own profile and TOTP secret): SECURITY.md says so, and what to do about it.

// snapshot is the data file and this account's keyring entries after one step.
type snapshot struct {
	step       string
	file       []byte
	record     core.Account
	pw         string            // the password then
	here       *core.ComputerKey // this computer's key then (nil with two-step off)
	there      *core.ComputerKey // the other computer's key, while it is set up
	codes      []string          // the backup codes unused then
	totp, note string            // the TOTP secret and the profile's note then
	ak         core.AccountKey   // the account key, opened with what was valid then
	data       map[string][]byte // a program's entries as stored then (purpose "notes")
}

// dataPurpose is the purpose under which the life keeps a program's data, an entry a step.
const dataPurpose = "notes"

// issued is a backup code with the private key it stretches to in the set it was made in.
type issued struct {
	code string
	key  []byte
}

// life walks one account through every security change, on this computer and another that
// shares the data file, keeping a snapshot after each.
type life struct {
	t         *testing.T
	e         *env
	other     *app.Service // the other computer
	theirs    core.Secrets // its keyring
	sess      *app.Session
	pw        string
	totp      string
	codes     []string
	snaps     []snapshot
	codesEver []issued
}

func (l *life) take(step string) {
	l.t.Helper()
	note := fmt.Sprintf("note %d: %s", len(l.snaps), step)
	testenv.Must(l.t, l.e.svc.UpdateProfile(l.sess, core.Profile{Note: note}))
	testenv.Must(l.t, l.e.svc.PutData(l.sess, dataPurpose, step, []byte("data "+note)))
	raw, err := os.ReadFile(l.e.path)
	testenv.Must(l.t, err)
	a, err := l.e.db.Account(l.sess.ID)
	testenv.Must(l.t, err)
	s := snapshot{step: step, file: raw, record: a, pw: l.pw, totp: l.totp, note: note,
		here: computerIn(l.t, l.e.secrets, a), there: computerIn(l.t, l.theirs, a)}
	if a.TwoFactor {
		s.codes = slices.Clone(l.codes)
	}
	s.ak = openWithValid(l.t, s)
	s.data = map[string][]byte{}
	names, err := l.e.db.DataNames(a.ID, dataPurpose)
	testenv.Must(l.t, err)
	for _, n := range names {
		s.data[n], err = l.e.db.Data(a.ID, dataPurpose, n)
		testenv.Must(l.t, err)
	}
	for _, c := range l.codes {
		if !slices.ContainsFunc(l.codesEver, func(i issued) bool { return i.code == c }) {
			key, err := core.BackupCodeKey(c, a.BackupCodes.Params, a.ID)
			testenv.Must(l.t, err)
			l.codesEver = append(l.codesEver, issued{c, key})
		}
	}
	l.snaps = append(l.snaps, s)
}

// computerIn is the computer key a keyring holds for the account, if the record names it.
func computerIn(t *testing.T, secrets core.Secrets, a core.Account) *core.ComputerKey {
	raw, err := secrets.Get(a.ID, core.SlotComputerKey)
	if core.IsKind(err, core.KindSecretMissing) {
		return nil
	}
	testenv.Must(t, err)
	c, err := core.ParseComputerKey(raw)
	testenv.Must(t, err)
	if !a.Fits(c) {
		return nil
	}
	return &c
}

// openWithValid opens a snapshot's account key with what was valid then.
func openWithValid(t *testing.T, s snapshot) core.AccountKey {
	t.Helper()
	p := mustStretch(t, s.pw, s.record.Keys.Params)
	var ak core.AccountKey
	var err error
	if s.record.TwoFactor {
		ak, err = s.record.Keys.OpenWithComputer(p, *s.here, s.record.ID)
	} else {
		ak, err = s.record.Keys.OpenWithPassword(p, s.record.ID)
	}
	if err != nil {
		t.Fatalf("%s: the valid credentials do not open the account key: %v", s.step, err)
	}
	return ak
}

// live goes through an account's life: sign-up; two-step on; a backup code used; another
// computer set up with a code; new codes; one of them used; the password changed; the other
// computer removed; the authenticator set up again; two-step off; two-step on again.
func live(t *testing.T) *life {
	e := newEnv(t)
	theirs := keyringtest.Require(t)
	l := &life{t: t, e: e, theirs: theirs, pw: testenv.AlicePW,
		other: app.New(e.db, theirs, app.WithClock(e.clock.Now), app.WithDeviceName("other-laptop"))}
	l.sess = e.signUp(alice, testenv.AlicePW)
	l.take("sign-up")
	l.totp, l.codes = e.enable(l.sess)
	l.take("two-step on")
	l.sess = l.backupSignIn(e.svc, 0, false)
	l.take("a backup code used")
	res, err := l.other.SignIn(alice, l.pw)
	testenv.Must(t, err)
	theirsSess, _, err := l.other.SubmitBackupCode(res.Challenge, l.codes[0], true)
	testenv.Must(t, err)
	l.codes = l.codes[1:]
	testenv.Must(t, l.other.SignOut(theirsSess))
	l.take("another computer set up with a backup code")
	l.codes, err = e.svc.RegenerateBackupCodes(l.sess, l.pw, e.nextCode(l.totp))
	testenv.Must(t, err)
	l.take("new backup codes")
	l.sess = l.backupSignIn(e.svc, 0, true)
	l.take("a new backup code used")
	testenv.Must(t, e.svc.ChangePassword(l.sess, l.pw, testenv.OtherPW, e.nextCode(l.totp)))
	l.pw = testenv.OtherPW
	l.take("password changed")
	testenv.Must(t, e.svc.RemoveComputer(l.sess, otherDevice(t, e, l.sess)))
	l.take("the other computer removed")
	enr, err := e.svc.BeginNewAuthenticator(l.sess, l.pw, e.nextCode(l.totp))
	testenv.Must(t, err)
	testenv.Must(t, e.svc.ConfirmNewAuthenticator(l.sess, e.nextCode(enr.Secret)))
	l.totp = enr.Secret
	l.take("the authenticator set up again")
	testenv.Must(t, e.svc.DisableTwoFactor(l.sess, l.pw, e.nextCode(l.totp)))
	l.totp, l.codes = "", nil
	l.take("two-step off")
	l.totp, l.codes = e.enable(l.sess)
	l.take("two-step on again")
	return l
}

// backupSignIn signs in on svc with the person's backup code i, which is then spent.
func (l *life) backupSignIn(svc *app.Service, i int, trust bool) *app.Session {
	l.t.Helper()
	testenv.Must(l.t, svc.SignOut(l.sess))
	res, err := svc.SignIn(alice, l.pw)
	testenv.Must(l.t, err)
	sess, _, err := svc.SubmitBackupCode(res.Challenge, l.codes[i], trust)
	testenv.Must(l.t, err)
	l.codes = slices.Delete(slices.Clone(l.codes), i, i+1)
	return sess
}

func otherDevice(t *testing.T, e *env, sess *app.Session) string {
	devs, err := e.svc.Devices(sess)
	testenv.Must(t, err)
	for _, d := range devs {
		if !d.ThisDevice {
			return d.ID
		}
	}
	t.Fatal("no other computer is set up")
	return ""
}

func TestOldCopiesOpenNothingNew(t *testing.T) {
	t.Parallel()
	l := live(t)
	var passwords []string
	var computers []core.ComputerKey
	for j, today := range l.snaps {
		if !slices.Contains(passwords, today.pw) {
			passwords = append(passwords, today.pw)
		}
		for _, c := range []*core.ComputerKey{today.here, today.there} {
			if c != nil && !slices.ContainsFunc(computers, func(k core.ComputerKey) bool { return bytes.Equal(k.Key, c.Key) }) {
				computers = append(computers, *c)
			}
		}
		codes := l.codesUpTo(j)
		l.credentialsOpenOnlyWhatIsValid(today, passwords, computers, codes)
		dataOpensWithTodaysKeys(t, today)
		for _, before := range l.snaps[:j] {
			olderKeyOpensNothing(t, before, today)
			olderDataKeysOpenNothing(t, before, today)
		}
		fileHoldsNoSecret(t, today, computers, codes, passwords)
	}
	l.secretsMoveOn()
	l.forgeriesAreRefused(passwords, computers)
}

// codesUpTo are the backup codes issued by step j.
func (l *life) codesUpTo(j int) []issued {
	var out []issued
	for _, c := range l.codesEver {
		for _, s := range l.snaps[:j+1] {
			if slices.Contains(s.codes, c.code) && !slices.ContainsFunc(out, func(o issued) bool { return o.code == c.code }) {
				out = append(out, c)
			}
		}
	}
	return out
}

// credentialsOpenOnlyWhatIsValid tries every password, computer key and backup code issued so
// far, alone and together, on every box of today's file: only today's password with a holder
// today's file names opens it, and then it opens today's key.
func (l *life) credentialsOpenOnlyWhatIsValid(today snapshot, passwords []string, computers []core.ComputerKey, codes []issued) {
	t, a := l.t, today.record
	valid := 0
	for _, pw := range passwords {
		p := mustStretch(t, pw, a.Keys.Params)
		ak, err := a.Keys.OpenWithPassword(p, a.ID)
		wantOpened(t, today, "password "+pw, ak, err, pw == today.pw && !a.TwoFactor, &valid)
		for _, b := range a.Keys.Boxes {
			for _, c := range computers {
				ak, err := a.Keys.OpenBox(b, c.Key, p, a.ID)
				ok := pw == today.pw && (sameKey(today.here, c) || sameKey(today.there, c)) && bytes.Equal(b.Public, c.Public())
				wantOpened(t, today, fmt.Sprintf("password %s, computer %s, %s", pw, c.DeviceID, b.Name), ak, err, ok, &valid)
			}
			for _, c := range codes {
				ak, err := a.Keys.OpenBox(b, c.key, p, a.ID)
				ok := pw == today.pw && slices.Contains(today.codes, c.code) && bytes.Equal(b.Public, publicOf(t, c.key))
				wantOpened(t, today, fmt.Sprintf("password %s, backup code %s, %s", pw, c.code, b.Name), ak, err, ok, &valid)
			}
		}
	}
	if want := len(a.Keys.Boxes); a.TwoFactor && valid != want || !a.TwoFactor && valid != 1 {
		t.Errorf("%s: %d ways in opened, want %d (the test tries the valid ones too)", today.step, valid, max(want, 1))
	}
}

func sameKey(k *core.ComputerKey, c core.ComputerKey) bool {
	return k != nil && bytes.Equal(k.Key, c.Key)
}

func publicOf(t *testing.T, priv []byte) []byte {
	k, err := ecdh.X25519().NewPrivateKey(priv)
	testenv.Must(t, err)
	return k.PublicKey().Bytes()
}

func wantOpened(t *testing.T, today snapshot, what string, ak core.AccountKey, err error, valid bool, n *int) {
	t.Helper()
	switch {
	case valid && (err != nil || !bytes.Equal(ak, today.ak)):
		t.Errorf("%s: %s is valid but does not open today's key: %v", today.step, what, err)
	case valid:
		*n++
	case err == nil:
		t.Errorf("%s: %s, no longer valid, opens the account key", today.step, what)
	}
}

// olderKeyOpensNothing: the account key of an earlier copy opens no field of a later file
// and signs none of its records.
func olderKeyOpensNothing(t *testing.T, before, today snapshot) {
	t.Helper()
	a := today.record
	if before.ak.Verify(a) == nil {
		t.Errorf("%s's key verifies the record after %s", before.step, today.step)
	}
	if _, err := before.ak.OpenProfile(a.Profile, a.ID); err == nil {
		t.Errorf("%s's key opens the profile after %s", before.step, today.step)
	}
	if _, err := before.ak.OpenTOTP(a.TOTP, a.ID); err == nil {
		t.Errorf("%s's key opens the TOTP secret after %s", before.step, today.step)
	}
}

// dataOpensWithTodaysKeys: every entry of the program's data opens with the data keys of its
// day, under the newest of them (what was sealed before the step's change was sealed again).
func dataOpensWithTodaysKeys(t *testing.T, today snapshot) {
	t.Helper()
	keys, err := today.record.OpenDataKeys(today.ak)
	testenv.Must(t, err)
	if len(today.data) == 0 {
		t.Fatalf("%s: no data to try", today.step)
	}
	for name, sealed := range today.data {
		plain, stale, err := keys.OpenData(today.record.ID, dataPurpose, name, sealed)
		if err != nil || stale || !strings.HasPrefix(string(plain), "data note ") {
			t.Errorf("%s: the entry %q with the day's keys: %q, stale %v, %v", today.step, name, plain, stale, err)
		}
		if bytes.Contains(today.file, plain) {
			t.Errorf("%s: the data file holds the entry %q in plain", today.step, name)
		}
	}
}

// olderDataKeysOpenNothing: the data keys an earlier copy gives open no entry of a later
// file, not even the ones that were in that copy too.
func olderDataKeysOpenNothing(t *testing.T, before, today snapshot) {
	t.Helper()
	keys, err := before.record.OpenDataKeys(before.ak)
	testenv.Must(t, err)
	for name, sealed := range today.data {
		if _, _, err := keys.OpenData(today.record.ID, dataPurpose, name, sealed); err == nil {
			t.Errorf("%s's data keys open the entry %q after %s", before.step, name, today.step)
		}
	}
}

// fileHoldsNoSecret: no computer key, backup code, password or TOTP secret is in the file, in
// any form Twostep could write it.
func fileHoldsNoSecret(t *testing.T, today snapshot, computers []core.ComputerKey, codes []issued, passwords []string) {
	t.Helper()
	needles := map[string][]byte{"TOTP secret": []byte(today.totp)}
	for _, c := range computers {
		needles["computer key "+c.DeviceID] = c.Key
		needles["computer key (base64) "+c.DeviceID] = []byte(base64.StdEncoding.EncodeToString(c.Key))
	}
	for _, c := range codes {
		needles["backup code "+c.code] = []byte(c.code)
	}
	for _, pw := range passwords {
		needles["password "+pw] = []byte(pw)
	}
	for what, n := range needles {
		if len(n) > 0 && bytes.Contains(today.file, n) {
			t.Errorf("%s: the data file holds the %s", today.step, what)
		}
	}
}

// secretsMoveOn: setting the authenticator up again and turning two-step on again make a TOTP
// secret no earlier copy held; an old copy's own secret is all it gives.
func (l *life) secretsMoveOn() {
	for j, today := range l.snaps {
		if today.step != "the authenticator set up again" && today.step != "two-step on again" {
			continue
		}
		for _, before := range l.snaps[:j] {
			if before.totp == today.totp {
				l.t.Errorf("the TOTP secret after %s is the one %s held", today.step, before.step)
			}
		}
	}
}
