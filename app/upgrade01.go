package app

import (
	"github.com/twostep-app/twostep/core"
)

// Twostep 0.1 kept an argon2id hash of the password, a data key in the keyring and wrapped
// under the password alone, the profile under the data key, and the TOTP secret and a
// trusted-device token in the keyring, each usable alone. Its password step checks the hash
// and reads all of that with the password; upgrade.go builds the new record from it.

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
	ch.upgrade, ch.legacy = &upgrade{from: Release01, read: a}, false
	ch.keys.params = core.NewPasswordParams()
	if ch.keys.password, err = core.StretchPassword(password, ch.keys.params); err != nil {
		return nil, err
	}
	if err := s.readLegacyProfile(ch, password); err != nil {
		return nil, err
	}
	if !a.TwoFactor {
		return ch, nil
	}
	ch.newComputer("")
	return ch, s.readLegacySecrets(ch)
}

// readLegacyProfile opens the profile with 0.1's data key (from the keyring, or unwrapped
// with the password if the keyring lost it).
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
	ch.upgrade.profile, err = core.OpenLegacyProfile(a.Profile, dk, a.ID)
	return err
}

// readLegacySecrets reads 0.1's TOTP secret and trusted-device token from the keyring. A
// lost or damaged secret leaves only the backup codes, as it did in 0.1.
func (s *Service) readLegacySecrets(ch *challenge) error {
	u := ch.upgrade
	secret, err := s.secrets.Get(u.read.ID, core.SlotTOTP)
	switch {
	case err == nil && core.ValidSecret(string(secret)):
		ch.secret, u.totp = string(secret), string(secret)
	case err != nil && !core.IsKind(err, core.KindSecretMissing) && !core.IsKind(err, core.KindKeyringDamaged):
		return err
	}
	token, err := s.secrets.Get(u.read.ID, core.SlotDevice)
	if err != nil && !core.IsKind(err, core.KindSecretMissing) && !core.IsKind(err, core.KindKeyringDamaged) {
		return err
	}
	if i := u.read.DeviceIndexByToken(token); i >= 0 {
		d := u.read.Devices[i]
		u.trusted, ch.trusted = &d, true
	}
	return nil
}
