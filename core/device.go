package core

import (
	"crypto/sha256"
	"crypto/subtle"
	"slices"
	"time"
)

// Trusted returns the index of the trusted device with this ID (this computer's, from its
// computer key), or -1. Device IDs are not secret: the list is authenticated (record.go), and
// only a computer whose key unwrapped the account key asks.
func (a *Account) Trusted(device string) int {
	if device == "" {
		return -1
	}
	return slices.IndexFunc(a.Devices, func(d Device) bool { return d.ID == device })
}

// Trust adds this computer to the trusted devices, once.
func (a *Account) Trust(device, name string, now time.Time) {
	if a.Trusted(device) >= 0 {
		return // two sign-ins racing with "trust this device" trust it once
	}
	a.Devices = append(a.Devices, Device{ID: device, Name: name, Created: now, LastUsed: now})
}

// RemoveDevice drops the device with this ID and reports whether there was one.
func (a *Account) RemoveDevice(id string) bool {
	n := len(a.Devices)
	a.Devices = slices.DeleteFunc(a.Devices, func(d Device) bool { return d.ID == id })
	return len(a.Devices) < n
}

// TrustedToken returns the index of the device whose Twostep 0.1 token this is, or -1.
func (a *Account) TrustedToken(token []byte) int {
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
