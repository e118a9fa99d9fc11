package core

import (
	"crypto/sha256"
	"crypto/subtle"
	"slices"
	"time"
)

// DeviceIndex returns the index of the computer with this ID, or -1. Device IDs are not
// secret: the list is authenticated (record.go), and only a computer whose key opened the
// account key asks.
func (a *Account) DeviceIndex(device string) int {
	if device == "" {
		return -1
	}
	return slices.IndexFunc(a.Devices, func(d Device) bool { return d.ID == device })
}

// IsTrusted reports whether the computer with this ID signs in without a code.
func (a *Account) IsTrusted(device string) bool {
	i := a.DeviceIndex(device)
	return i >= 0 && a.Devices[i].Trusted
}

// Fits reports whether c is the key of a computer the record names.
func (a *Account) Fits(c ComputerKey) bool {
	i := a.DeviceIndex(c.DeviceID)
	return i >= 0 && subtle.ConstantTimeCompare(a.Devices[i].Public, c.Public()) == 1
}

// AddComputer sets up the computer of c, named name, replacing an earlier key of the same
// computer (its trust goes with the old key).
func (a *Account) AddComputer(c ComputerKey, name string, now time.Time) {
	a.RemoveDevice(c.DeviceID)
	a.Devices = append(a.Devices, Device{ID: c.DeviceID, Name: name, Created: now, LastUsed: now, Public: c.Public()})
}

// Trust lets this computer sign in without a code; it must be set up.
func (a *Account) Trust(device string) bool {
	i := a.DeviceIndex(device)
	if i < 0 {
		return false
	}
	a.Devices[i].Trusted = true
	return true
}

// Distrust makes the computer with this ID ask for a code again, and reports whether it was
// trusted.
func (a *Account) Distrust(device string) bool {
	i := a.DeviceIndex(device)
	if i < 0 || !a.Devices[i].Trusted {
		return false
	}
	a.Devices[i].Trusted = false
	return true
}

// DistrustAll makes every computer ask for a code again.
func (a *Account) DistrustAll() {
	for i := range a.Devices {
		a.Devices[i].Trusted = false
	}
}

// TrustedCount is how many computers sign in without a code.
func (a *Account) TrustedCount() int {
	n := 0
	for _, d := range a.Devices {
		if d.Trusted {
			n++
		}
	}
	return n
}

// RemoveDevice drops the computer with this ID and reports whether there was one. Its box
// goes at the next Rekey, which every caller runs in the same transaction.
func (a *Account) RemoveDevice(id string) bool {
	n := len(a.Devices)
	a.Devices = slices.DeleteFunc(a.Devices, func(d Device) bool { return d.ID == id })
	return len(a.Devices) < n
}

// DeviceIndexByToken is the index in Devices of the device whose Twostep 0.1 token this is,
// or -1 (the name says index: it is no yes-or-no answer).
func (a *Account) DeviceIndexByToken(token []byte) int {
	if len(token) != 32 {
		return -1
	}
	sum := sha256.Sum256(token)
	found := -1
	for i, d := range a.Devices {
		if subtle.ConstantTimeCompare(sum[:], d.TokenHash) == 1 {
			found = i
		}
	}
	return found
}
