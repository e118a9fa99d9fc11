package app

import (
	"time"

	"github.com/twostep-app/twostep/core"
)

// DeviceInfo is a computer set up for the account, as the Security tab lists it.
type DeviceInfo struct {
	ID         string
	Name       string
	Added      time.Time
	LastUsed   time.Time
	ThisDevice bool
	Trusted    bool // signs in with the password alone
}

// Devices lists the computers set up for the account, marking this one.
func (s *Service) Devices(sess *Session) ([]DeviceInfo, error) {
	a, k, err := s.account(sess)
	if err != nil {
		return nil, err
	}
	defer k.wipe()
	out := make([]DeviceInfo, 0, len(a.Devices))
	for _, d := range a.Devices {
		out = append(out, DeviceInfo{ID: d.ID, Name: d.Name, Added: d.Created, LastUsed: d.LastUsed,
			ThisDevice: d.ID == k.device(), Trusted: d.Trusted})
	}
	return out, nil
}

// RevokeDevice ends the trust of one computer: it asks for a code at its next sign-in.
func (s *Service) RevokeDevice(sess *Session, deviceID string) error {
	a, k, err := s.account(sess)
	if err != nil {
		return err
	}
	defer k.wipe()
	i := a.DeviceIndex(deviceID)
	if i < 0 || !a.Devices[i].Trusted {
		return core.Fail(core.KindNotFound, "error.device.gone")
	}
	return s.update(sess, k, func(a *core.Account) error {
		a.Distrust(deviceID)
		return nil
	}, s.event(core.Event{Kind: core.EventDeviceRevoked, Name: a.Devices[i].Name}))
}

// RevokeAllDevices ends the trust of every computer of the account, this one included.
func (s *Service) RevokeAllDevices(sess *Session) error {
	_, k, err := s.account(sess)
	if err != nil {
		return err
	}
	defer k.wipe()
	return s.update(sess, k, func(a *core.Account) error {
		a.DistrustAll()
		return nil
	}, s.event(core.Event{Kind: core.EventDeviceRevoked, All: true}))
}

// RemoveComputer removes another computer from the account: its box goes, the account moves
// to a fresh key, and that computer's key opens nothing from then on, even with the password.
// To sign in there again it needs the password and a backup code, as a new computer does.
// This computer cannot remove itself (signing out completely ends its trust).
func (s *Service) RemoveComputer(sess *Session, deviceID string) error {
	a, k, err := s.account(sess)
	if err != nil {
		return err
	}
	defer k.wipe()
	i := a.DeviceIndex(deviceID)
	switch {
	case i < 0:
		return core.Fail(core.KindNotFound, "error.computer.gone")
	case deviceID == k.device():
		return core.Fail(core.KindInvalid, "error.computer.this-one")
	}
	return s.rekey(sess, k, nil, func(a *core.Account) error {
		if !a.RemoveDevice(deviceID) {
			return core.Fail(core.KindNotFound, "error.computer.gone")
		}
		return nil
	}, s.event(core.Event{Kind: core.EventComputerRemoved, Name: a.Devices[i].Name}))
}

// forgetThisDevice ends this computer's trust. The computer keeps its key: it still needs it,
// with the password, to open the account, and alone it opens nothing.
func (s *Service) forgetThisDevice(sess *Session, why core.Event) error {
	a, k, err := s.account(sess)
	if err != nil {
		return err
	}
	defer k.wipe()
	if !a.IsTrusted(k.device()) {
		return nil
	}
	return s.update(sess, k, func(a *core.Account) error {
		a.Distrust(k.device())
		return nil
	}, s.event(why))
}
