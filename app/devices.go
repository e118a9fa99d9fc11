package app

import (
	"crypto/sha256"
	"crypto/subtle"
	"slices"
	"time"

	"twostep/core"
)

// DeviceInfo is a trusted device as the Security tab lists it.
type DeviceInfo struct {
	ID         string
	Name       string
	Added      time.Time
	LastUsed   time.Time
	ThisDevice bool
}

// trustThisDevice puts a new token in the keyring now and returns the change that records
// it in bbolt (after then). A crash in between leaves a token nothing accepts: the next
// sign-in here simply asks for a code.
func (s *Service) trustThisDevice(id core.AccountID, then func(*core.Account) error) (func(*core.Account) error, error) {
	token, dev := core.NewDeviceToken(s.device, s.now())
	if err := s.secrets.Set(id, core.SlotDevice, token); err != nil {
		return nil, err
	}
	return func(a *core.Account) error {
		if then != nil {
			if err := then(a); err != nil {
				return err
			}
		}
		a.Devices = append(a.Devices, dev)
		return nil
	}, nil
}

// thisDeviceHash is the hash of the token this machine holds for the account, or nil.
func (s *Service) thisDeviceHash(id core.AccountID) ([]byte, error) {
	token, err := s.secrets.Get(id, core.SlotDevice)
	if core.IsKind(err, core.KindSecretMissing) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(token)
	return sum[:], nil
}

// Devices lists the account's trusted devices, marking this one.
func (s *Service) Devices(sess *Session) ([]DeviceInfo, error) {
	a, err := s.account(sess)
	if err != nil {
		return nil, err
	}
	mine, err := s.thisDeviceHash(a.ID)
	if err != nil {
		return nil, err
	}
	out := make([]DeviceInfo, 0, len(a.Devices))
	for _, d := range a.Devices {
		this := mine != nil && subtle.ConstantTimeCompare(mine, d.TokenHash) == 1
		out = append(out, DeviceInfo{ID: d.ID, Name: d.Name, Added: d.Created, LastUsed: d.LastUsed, ThisDevice: this})
	}
	return out, nil
}

// RevokeDevice ends the trust of one device: it asks for a code at its next sign-in.
func (s *Service) RevokeDevice(sess *Session, deviceID string) error {
	a, err := s.account(sess)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(a.Devices, func(d core.Device) bool { return d.ID == deviceID })
	if i < 0 {
		return core.Errorf(core.KindNotFound, "That device is no longer trusted.")
	}
	err = s.store.UpdateAccount(sess.ID, func(a *core.Account) error {
		a.RemoveDevice(deviceID)
		return nil
	}, s.event(core.EventDeviceRevoked, a.Devices[i].Name))
	if err != nil {
		return err
	}
	return s.dropStaleToken(sess.ID)
}

// RevokeAllDevices ends the trust of every device of the account, this one included.
func (s *Service) RevokeAllDevices(sess *Session) error {
	err := s.updateSigned(sess, func(a *core.Account) error {
		a.Devices = nil
		return nil
	}, s.event(core.EventDeviceRevoked, "all devices"))
	if err != nil {
		return err
	}
	return s.dropStaleToken(sess.ID)
}

// forgetThisDevice removes this machine's record (bbolt first) and then its token.
func (s *Service) forgetThisDevice(id core.AccountID, why string) error {
	mine, err := s.thisDeviceHash(id)
	if err != nil || mine == nil {
		return err
	}
	err = s.store.UpdateAccount(id, func(a *core.Account) error {
		for _, d := range a.Devices {
			if subtle.ConstantTimeCompare(mine, d.TokenHash) == 1 {
				a.RemoveDevice(d.ID)
			}
		}
		return nil
	}, s.event(core.EventDeviceRevoked, why))
	if err != nil {
		return err
	}
	return s.secrets.Delete(id, core.SlotDevice)
}

// dropStaleToken deletes this machine's token if no device record accepts it any more.
func (s *Service) dropStaleToken(id core.AccountID) error {
	mine, err := s.thisDeviceHash(id)
	if err != nil || mine == nil {
		return err
	}
	a, err := s.store.Account(id)
	if err != nil {
		return err
	}
	for _, d := range a.Devices {
		if subtle.ConstantTimeCompare(mine, d.TokenHash) == 1 {
			return nil
		}
	}
	return s.secrets.Delete(id, core.SlotDevice)
}

// updateSigned applies fn to the signed-in account.
func (s *Service) updateSigned(sess *Session, fn func(*core.Account) error, events ...core.Event) error {
	if _, err := s.account(sess); err != nil {
		return err
	}
	return s.store.UpdateAccount(sess.ID, fn, events...)
}
