package app

import (
	"bytes"

	"github.com/twostep-app/twostep/core"
)

// A record written by Twostep 0.1 is upgraded at its owner's next successful sign-in, not
// before: the new wraps need the password. The password step checks 0.1's hash, opens the
// profile with 0.1's data key and reads the TOTP secret and device token from 0.1's keyring
// entries; the record is replaced only in the transaction that completes the sign-in. Until
// then it stays as 0.1 wrote it, so a crash at any point leaves an account that signs in
// (0.1's way, or the new one), and 0.1's keyring entries are deleted only after the new
// record is stored.

// upgrade is a 0.1 record and what replaces it.
type upgrade struct {
	read       core.Account // as read at the password step
	profile    []byte       // the profile, sealed under the new account key
	totp       []byte       // the TOTP secret, sealed under it (nil if 0.1's keyring had lost it)
	thisDevice int          // index in read.Devices of this computer's 0.1 token, or -1
	codes      []string     // the new backup codes, shown once after the sign-in
	set        core.BackupCodes
	recovery   []byte
}

// legacyPasswordStep checks the password against 0.1's hash and readies the upgrade.
func (s *Service) legacyPasswordStep(a core.Account, password string) (*challenge, error) {
	ok, err := core.CheckPassword(password, a.Password)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, core.Fail(core.KindWrongCredentials, "")
	}
	ch := s.newChallenge(a)
	ch.upgrade, ch.twoFactor, ch.legacy = &upgrade{read: a, thisDevice: -1}, a.TwoFactor, false
	ch.keys = keys{account: core.NewAccountKey(), params: core.NewPasswordParams()}
	if ch.keys.password, err = core.StretchPassword(password, ch.keys.params); err != nil {
		return nil, err
	}
	if err := s.readLegacyProfile(ch, password); err != nil {
		return nil, err
	}
	if !a.TwoFactor {
		return ch, nil
	}
	ck := core.NewComputerKey()
	ch.keys.computer, ch.newKey = &ck, true
	return ch, s.readLegacySecrets(ch)
}

// readLegacyProfile opens the profile with 0.1's data key (from the keyring, or unwrapped
// with the password if the keyring lost it) and seals it under the new account key.
func (s *Service) readLegacyProfile(ch *challenge, password string) error {
	a := ch.upgrade.read
	dk, err := s.secrets.Get(a.ID, core.SlotDataKey)
	switch {
	case err == nil && len(dk) == core.LegacyDataKeyLen:
	case err == nil, core.IsKind(err, core.KindSecretMissing), core.IsKind(err, core.KindKeyringDamaged):
		if dk, err = a.OpenLegacyDataKey(password, a.ID); err != nil {
			return err
		}
	default:
		return err
	}
	p, err := core.OpenLegacyProfile(a.Profile, dk, a.ID)
	if err != nil {
		return err
	}
	ch.upgrade.profile, err = ch.keys.account.SealProfile(p, a.ID)
	return err
}

// readLegacySecrets reads 0.1's TOTP secret and trusted-device token from the keyring. A
// lost or damaged secret leaves only the backup codes, as it did in 0.1.
func (s *Service) readLegacySecrets(ch *challenge) error {
	u := ch.upgrade
	secret, err := s.secrets.Get(u.read.ID, core.SlotTOTP)
	switch {
	case err == nil && core.ValidSecret(string(secret)):
		ch.secret = string(secret)
		if u.totp, err = ch.keys.account.SealTOTP(ch.secret, u.read.ID); err != nil {
			return err
		}
	case err != nil && !core.IsKind(err, core.KindSecretMissing) && !core.IsKind(err, core.KindKeyringDamaged):
		return err
	}
	token, err := s.secrets.Get(u.read.ID, core.SlotDevice)
	if err != nil && !core.IsKind(err, core.KindSecretMissing) && !core.IsKind(err, core.KindKeyringDamaged) {
		return err
	}
	u.thisDevice = u.read.TrustedToken(token)
	ch.trusted = u.thisDevice >= 0
	return nil
}

// makeCodes makes the new backup codes; it runs when the sign-in completes, not at the
// password step, so a password without its second step costs no more than before.
func (u *upgrade) makeCodes(s *Service) error {
	if !u.read.TwoFactor {
		return nil
	}
	u.recovery = core.NewRecoveryKey()
	var err error
	u.codes, u.set, err = core.NewBackupCodes(s.now(), u.recovery, u.read.ID)
	return err
}

// apply replaces the 0.1 record, inside the transaction that completes the sign-in: the
// second step's change is checked against the record as stored (a code's step, a backup
// code still unused), then the record is rebuilt under the new keys and signed.
func (u *upgrade) apply(a *core.Account, change func(*core.Account) error, k *keys) error {
	if a.Schema >= core.Schema || a.Password != u.read.Password || !bytes.Equal(a.Profile, u.read.Profile) {
		return core.Fail(core.KindNotFound, "error.account.changed-meanwhile")
	}
	a.Devices = u.devices(a.Devices, k.device())
	if change != nil {
		if err := change(a); err != nil {
			return err
		}
	}
	next := *a
	next.Schema, next.Legacy, next.LegacyKeyring = core.Schema, core.Legacy{}, true
	next.Profile, next.TOTP, next.BackupCodes = u.profile, u.totp, u.set
	var second *core.SecondSecrets
	if a.TwoFactor {
		second = &core.SecondSecrets{Computers: []core.ComputerKey{*k.computer}, Recovery: u.recovery}
	}
	if err := next.Keys.Lock(k.account, k.password, k.params, second, a.ID); err != nil {
		return err
	}
	if err := k.account.Sign(&next); err != nil {
		return err
	}
	*a = next
	return nil
}

// devices keeps this computer's 0.1 trust, under the device ID of its new key. Other
// machines' 0.1 tokens can never be matched again (their new keys come from a backup code),
// so their records go.
func (u *upgrade) devices(old []core.Device, device string) []core.Device {
	if u.thisDevice < 0 || u.thisDevice >= len(old) || device == "" {
		return nil
	}
	d := old[u.thisDevice]
	d.ID, d.TokenHash = device, nil
	return []core.Device{d}
}

// afterUpgrade deletes 0.1's keyring entries, each usable alone, now that the new record is
// stored, and clears the record's note that they may be left. Best effort: what fails here
// is tried again at the next sign-in.
func (s *Service) afterUpgrade(sess *Session) {
	if !s.dropLegacyEntries(sess.ID) {
		return
	}
	k := sess.current()
	s.cleanupFailed("note that 0.1's keyring entries are gone", s.update(sess, k, func(a *core.Account) error {
		a.LegacyKeyring = false
		return nil
	}))
}

// dropLegacyEntries deletes every keyring entry 0.1 made for the account and reports
// whether all are gone.
func (s *Service) dropLegacyEntries(id core.AccountID) bool {
	ok := true
	for _, slot := range core.LegacySlots {
		if err := s.secrets.Delete(id, slot); err != nil {
			s.cleanupFailed("delete 0.1's keyring entry "+string(slot), err)
			ok = false
		}
	}
	return ok
}
