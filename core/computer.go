package core

import (
	"crypto/ecdh"
	"encoding/hex"
	"errors"
)

// ComputerKey is what this computer's keyring holds for a two-step account: the private half
// of this computer's X25519 key pair, whose public half the record names, and the ID under
// which this computer appears among the account's computers. With the password it opens the
// account key; alone it opens nothing, and the data file never holds it.
type ComputerKey struct {
	DeviceID string // hex, 16 characters: the ID of its entry among the account's Devices
	Key      []byte // KeyLen random bytes: an X25519 private key
}

const (
	computerKeyVersion = 3
	deviceIDLen        = 8
	computerKeyLen     = 1 + deviceIDLen + KeyLen
)

// NewComputerKey returns a fresh key with a fresh device ID.
func NewComputerKey() ComputerKey {
	return ComputerKey{DeviceID: NewDeviceID(), Key: randomBytes(KeyLen)}
}

// NewDeviceID returns a fresh device ID.
func NewDeviceID() string { return hex.EncodeToString(randomBytes(deviceIDLen)) }

// Marshal is the keyring form: a version byte, the device ID, the key.
func (c ComputerKey) Marshal() []byte {
	id, _ := hex.DecodeString(c.DeviceID)
	out := append([]byte{computerKeyVersion}, id...)
	return append(out, c.Key...)
}

// ParseComputerKey reads what Marshal wrote. Anything else (another program's change, a
// truncated entry) is KindKeyringDamaged: the caller treats it as no key at all.
func ParseComputerKey(b []byte) (ComputerKey, error) {
	if len(b) != computerKeyLen || b[0] != computerKeyVersion {
		return ComputerKey{}, Wrap(KindKeyringDamaged, errors.New("the computer key is not in the form Twostep writes"))
	}
	return ComputerKey{DeviceID: hex.EncodeToString(b[1 : 1+deviceIDLen]), Key: append([]byte(nil), b[1+deviceIDLen:]...)}, nil
}

func (c ComputerKey) private() (*ecdh.PrivateKey, error) { return newHolderKey(c.Key) }

// Public is the public half of the key: what the record keeps to seal the account key for
// this computer.
func (c ComputerKey) Public() []byte {
	k, err := c.private()
	if err != nil {
		return nil
	}
	return k.PublicKey().Bytes()
}

// Holder is this computer as the record's boxes name it.
func (c ComputerKey) Holder() Holder {
	return Holder{Name: computerHolder(c.DeviceID), Public: c.Public()}
}

// Wipe overwrites the key in memory.
func (c *ComputerKey) Wipe() {
	if c != nil {
		clear(c.Key)
	}
}
