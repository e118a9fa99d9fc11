package core

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"slices"
	"time"
)

const deviceTokenLen = 32 // 256 bits

// NewDeviceToken returns a fresh token for this machine's keyring and the record that
// recognises it. Only the token's hash is stored in bbolt; a fast hash is right here,
// because a 256-bit random token cannot be guessed however fast the hash.
func NewDeviceToken(name string, now time.Time) ([]byte, Device) {
	token := randomBytes(deviceTokenLen)
	sum := sha256.Sum256(token)
	id := randomBytes(8)
	return token, Device{ID: hex.EncodeToString(id), Name: name, Created: now, LastUsed: now, TokenHash: sum[:]}
}

// TrustedDevice returns the index of the device whose token this is, or -1.
func (a *Account) TrustedDevice(token []byte) int {
	if len(token) != deviceTokenLen {
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

// RemoveDevice drops the device with this ID and reports whether there was one.
func (a *Account) RemoveDevice(id string) bool {
	n := len(a.Devices)
	a.Devices = slices.DeleteFunc(a.Devices, func(d Device) bool { return d.ID == id })
	return len(a.Devices) < n
}
