package app

import (
	"slices"
	"time"

	"github.com/twostep-app/twostep/core"
)

// DeviceInfo is a trusted device as the Security tab lists it.
type DeviceInfo struct {
	ID         string
	Name       string
	Added      time.Time
	LastUsed   time.Time
	ThisDevice bool
}

// Devices lists the account's trusted devices, marking this one.
func (s *Service) Devices(sess *Session) ([]DeviceInfo, error) {
	a, k, err := s.account(sess)
	if err != nil {
		return nil, err
	}
	out := make([]DeviceInfo, 0, len(a.Devices))
	for _, d := range a.Devices {
		out = append(out, DeviceInfo{ID: d.ID, Name: d.Name, Added: d.Created, LastUsed: d.LastUsed, ThisDevice: d.ID == k.device()})
	}
	return out, nil
}

// RevokeDevice ends the trust of one device: it asks for a code at its next sign-in.
func (s *Service) RevokeDevice(sess *Session, deviceID string) error {
	a, k, err := s.account(sess)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(a.Devices, func(d core.Device) bool { return d.ID == deviceID })
	if i < 0 {
		return core.Fail(core.KindNotFound, "error.device.gone")
	}
	return s.update(sess, k, func(a *core.Account) error {
		a.RemoveDevice(deviceID)
		return nil
	}, s.event(core.Event{Kind: core.EventDeviceRevoked, Name: a.Devices[i].Name}))
}

// RevokeAllDevices ends the trust of every device of the account, this one included.
func (s *Service) RevokeAllDevices(sess *Session) error {
	_, k, err := s.account(sess)
	if err != nil {
		return err
	}
	return s.update(sess, k, func(a *core.Account) error {
		a.Devices = nil
		return nil
	}, s.event(core.Event{Kind: core.EventDeviceRevoked, All: true}))
}

// forgetThisDevice removes this computer from the trusted devices. The computer keeps its
// key: it still needs it, with the password, to open the account, and alone it opens nothing.
func (s *Service) forgetThisDevice(sess *Session, why core.Event) error {
	a, k, err := s.account(sess)
	if err != nil {
		return err
	}
	if a.Trusted(k.device()) < 0 {
		return nil
	}
	return s.update(sess, k, func(a *core.Account) error {
		a.RemoveDevice(k.device())
		return nil
	}, s.event(why))
}
