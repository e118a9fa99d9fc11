package core

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
)

// ComputerKey is what this computer's keyring holds for a two-step account: a random key
// that, with the password, unwraps the account key, and the ID under which this computer
// appears among the trusted devices. Alone it opens nothing; the data file never holds it.
type ComputerKey struct {
	Device string // hex, 16 characters: a Device.ID
	Key    []byte // KeyLen random bytes
}

const (
	computerKeyVersion = 2
	deviceIDLen        = 8
	computerKeyLen     = 1 + deviceIDLen + KeyLen
)

// NewComputerKey returns a fresh key with a fresh device ID.
func NewComputerKey() ComputerKey {
	return ComputerKey{Device: hex.EncodeToString(randomBytes(deviceIDLen)), Key: randomBytes(KeyLen)}
}

// Marshal is the keyring form: a version byte, the device ID, the key.
func (c ComputerKey) Marshal() []byte {
	id, _ := hex.DecodeString(c.Device)
	out := append([]byte{computerKeyVersion}, id...)
	return append(out, c.Key...)
}

// ParseComputerKey reads what Marshal wrote. Anything else (another program's change, a
// truncated entry) is KindDataCorrupt: the caller treats it as no key at all.
func ParseComputerKey(b []byte) (ComputerKey, error) {
	if len(b) != computerKeyLen || b[0] != computerKeyVersion {
		return ComputerKey{}, Wrap(KindKeyringDamaged, errors.New("the computer key is not in the form Twostep writes"))
	}
	return ComputerKey{Device: hex.EncodeToString(b[1 : 1+deviceIDLen]), Key: append([]byte(nil), b[1+deviceIDLen:]...)}, nil
}

// ID names the key in the data file without revealing it: a hash of 256 random bits.
func (c ComputerKey) ID() []byte {
	sum := sha256.Sum256(append([]byte("twostep v2 computer key id\x00"), c.Key...))
	return sum[:16]
}
