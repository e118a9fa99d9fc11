package app

import (
	"bytes"
	"encoding/json"

	"github.com/twostep-app/twostep/core"
)

// A record written by an older Twostep is moved to today's keys at its owner's next
// successful sign-in, not before: the new boxes need the password. The password step opens
// it the old way and reads its profile, TOTP secret and this computer's trust in the clear;
// the record is replaced only in the transaction that completes the sign-in, by one built
// afresh: a fresh account key, a fresh key for this computer (in a keyring entry of its own,
// written first), and, with two-step on, a fresh set of backup codes, shown once. Until then
// it stays as it was written, so a crash at any point leaves an account that signs in, the
// old way or the new one.
//
// Nothing of the old key hierarchy is carried over: an old copy of the file opens, with what
// was valid then, only what it held itself. So other computers set up under 0.2 (their keys
// were sealed in the file, where any old copy still holds them) are set up again with a new
// backup code, and 0.2's codes, which all unwrapped one recovery key, are replaced.

// upgrade is a record of an older Twostep and what replaces it.
type upgrade struct {
	from    Release
	read    core.Account // as read at the password step
	profile core.Profile
	totp    string       // "" if the account has none (or 0.1's keyring had lost it)
	trusted *core.Device // this computer's trusted-device entry, if it had one
	codes   []string     // the new backup codes, shown once after the sign-in
	set     core.BackupCodes
}

// passwordStepV2 opens a Twostep 0.2 record: the password wrap, or this computer's 0.2 key.
func (s *Service) passwordStepV2(a core.Account, password string) (*challenge, error) {
	ch := s.newChallenge(a)
	ch.legacy = false // 0.2's entries go only once the new record is stored
	p, err := core.StretchPassword(password, a.Keys.Params)
	if err != nil {
		return nil, err
	}
	ch.keys.password, ch.keys.params = p, a.Keys.Params
	var ak core.AccountKey
	var device string
	switch {
	case len(a.Keys.KeysV2.Password) > 0:
		ak, err = a.Keys.OpenV2WithPassword(p, a.ID)
	case len(a.Keys.Computers) > 0:
		ak, device, err = s.openWithComputerV2(a, p)
	}
	if err != nil {
		return nil, err
	}
	if ak == nil {
		ch.locked = true
		return ch, nil
	}
	defer clear(ak)
	if err := s.prepareV2(ch, a, ak, device); err != nil {
		return nil, err
	}
	return ch, ch.strengthen(password)
}

// openWithComputerV2 opens the key with this computer's 0.2 key, if it has one that fits.
func (s *Service) openWithComputerV2(a core.Account, p core.PasswordKey) (core.AccountKey, string, error) {
	raw, err := s.secrets.Get(a.ID, core.SlotComputerKeyV2)
	if core.IsKind(err, core.KindSecretMissing) || core.IsKind(err, core.KindKeyringDamaged) {
		return nil, "", nil
	} else if err != nil {
		return nil, "", err
	}
	ck, err := core.ParseComputerKeyV2(raw)
	if err != nil || !a.Keys.FitsV2(ck) {
		return nil, "", nil
	}
	ak, err := a.Keys.OpenV2WithComputer(p, ck, a.ID)
	return ak, ck.Device, err
}

// recoverV2 opens a 0.2 record on a computer without its key: the backup code unwraps 0.2's
// recovery key, which with the password unwraps the account key.
func (s *Service) recoverV2(ch *challenge, a core.Account, m core.Match) error {
	rk, err := a.BackupCodes.RecoveryKeyV2(m, a.ID)
	if err != nil {
		return err
	}
	ak, err := a.Keys.OpenV2WithRecovery(ch.keys.password, rk, a.ID)
	if err != nil {
		return core.Fail(core.KindWrongCredentials, "error.password.wrong-before-backup")
	}
	defer clear(ak)
	return s.prepareV2(ch, a, ak, "")
}

// prepareV2 reads what a 0.2 record holds, with its account key, and readies the move.
func (s *Service) prepareV2(ch *challenge, a core.Account, ak core.AccountKey, device string) error {
	if err := ak.Verify(a); err != nil {
		return err
	}
	u := &upgrade{from: Release02, read: a}
	var err error
	if u.profile, err = ak.OpenV2Profile(a.Profile, a.ID); err != nil {
		return err
	}
	ch.locked, ch.upgrade = false, u
	if !a.TwoFactor {
		return nil
	}
	if u.totp, err = ak.OpenV2TOTP(a.TOTP, a.ID); err != nil && !core.IsKind(err, core.KindSecretMissing) {
		return err
	}
	ch.secret = u.totp
	if i := a.DeviceIndex(device); i >= 0 { // 0.2 listed only trusted devices
		d := a.Devices[i]
		u.trusted, ch.trusted = &d, true
	}
	ch.newComputer(device)
	return nil
}

// newComputer readies a fresh key for this computer, under its old device ID if it had one.
func (ch *challenge) newComputer(device string) {
	ck := core.NewComputerKey()
	if device != "" {
		ck.DeviceID = device
	}
	ch.keys.computer, ch.newKey = &ck, true
}

// makeCodes makes the new backup codes; it runs when the sign-in completes, not at the
// password step, so a password without its second step costs no more than before.
func (u *upgrade) makeCodes(s *Service, twoFactor bool) error {
	if !twoFactor {
		return nil
	}
	var err error
	u.codes, u.set, err = core.NewBackupCodes(s.now(), u.read.ID)
	return err
}

// apply replaces the old record, inside the transaction that completes the sign-in: the
// second step's change is checked against the record as stored (a code's step, a backup
// code still unused), then the record is built afresh under new keys and signed.
func (u *upgrade) apply(a *core.Account, use core.Change, trust bool, ch *challenge, s *Service) error {
	if !sameRecord(*a, u.read) {
		return core.Fail(core.KindNotFound, "error.account.changed-meanwhile")
	}
	if use != nil {
		if err := use(a); err != nil {
			return err
		}
	}
	next := core.Account{ID: a.ID, Username: a.Username, Created: a.Created, TwoFactor: a.TwoFactor,
		LastTimeStep: a.LastTimeStep, PasswordChanged: a.PasswordChanged, LegacyKeyring: true}
	if a.TwoFactor {
		next.BackupCodes = u.set
		next.AddComputer(*ch.keys.computer, s.device, s.now())
		if u.trusted != nil {
			next.Devices[0].Name, next.Devices[0].Created = u.trusted.Name, u.trusted.Created
		}
		if u.trusted != nil || trust {
			next.Trust(ch.keys.device())
		}
	}
	ak := core.NewAccountKey()
	if err := next.SealUnder(ak, ch.keys.password, ch.keys.params, u.profile, u.totp); err != nil {
		return err
	}
	clear(ch.keys.account)
	ch.keys.account = ak
	*a = next
	return nil
}

// sameRecord reports whether a is still the record read at the password step.
func sameRecord(a, read core.Account) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(read)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// afterUpgrade deletes the older keyring entries (0.1's, each usable alone; 0.2's computer
// key) now that the new record is stored, and clears the record's note that they may be left.
// Best effort: what fails here is tried again at the next sign-in.
func (s *Service) afterUpgrade(sess *Session) {
	if !s.dropLegacyEntries(sess.ID) {
		return
	}
	k := sess.current()
	defer k.wipe()
	s.cleanupFailed("note that older keyring entries are gone", s.update(sess, k, func(a *core.Account) error {
		a.LegacyKeyring = false
		return nil
	}))
}

// dropLegacyEntries deletes every keyring entry an older Twostep made for the account and
// reports whether all are gone.
func (s *Service) dropLegacyEntries(id core.AccountID) bool {
	ok := true
	for _, slot := range core.LegacySlots {
		if err := s.secrets.Delete(id, slot); err != nil {
			s.cleanupFailed("delete the older keyring entry "+string(slot), err)
			ok = false
		}
	}
	return ok
}
