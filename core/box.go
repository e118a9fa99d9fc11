package core

import (
	"crypto/ecdh"
	"crypto/subtle"
	"errors"
)

// A box is the account key sealed for one holder of a second secret: a computer (its key in
// that computer's keyring) or one backup code (its key stretched from the code). Each holder
// has an X25519 key pair; the file keeps only the public half. Sealing needs the holder's
// public key and the password key P, opening needs the holder's private key and P, so a
// signed-in owner can seal a fresh account key for every holder without visiting any of them
// (as age seals a file key for each recipient), and a holder's secret alone, or P alone,
// opens nothing.
//
// A box has two layers. The inner one needs P and the holder's key; the outer one needs only
// the holder's key. So a box that was damaged or edited fails its outer layer, which
// the holder can check without the password, and is reported as that, not as a wrong
// password counted against the owner. (The outer layer proves the box is intact, not who made
// it: anyone can seal a box for a public key. A box made afresh by someone who cannot write
// the right inner layer still reads as a wrong password. That needs write access to the file,
// which can delete the account anyway.)

// Holder is one holder of a second secret, as the data file names it.
type Holder struct {
	Name   string `json:"holder"` // "computer <device ID>" or "code <set> <slot>": bound into every key of its box
	Public []byte `json:"public"` // the holder's X25519 public key
}

// Box is the account key sealed for one holder (see above).
type Box struct {
	Holder
	Ephemeral []byte `json:"ephemeral"` // this box's one-time X25519 public key
	Sealed    []byte `json:"sealed"`    // outer layer around inner layer around the account key
}

var x25519 = ecdh.X25519()

// newHolderKey returns a private key from 32 secret bytes (a computer key, or what a backup
// code stretches to). Every 32 bytes make a valid X25519 key.
func newHolderKey(secret []byte) (*ecdh.PrivateKey, error) {
	k, err := x25519.NewPrivateKey(secret)
	if err != nil {
		return nil, Wrap(KindInternal, err)
	}
	return k, nil
}

// boxKeys are the two layers' keys: both bind the ephemeral and the holder's public key, the
// password's argon2id parameters, the holder's name and the account, so a box copied to
// another holder, slot or account, or read with parameters changed in the file, fails its
// outer layer.
func boxKeys(shared, p []byte, eph, public []byte, params, name string, id AccountID) (outer, inner []byte) {
	salt := append(append(append(make([]byte, 0, len(eph)+len(public)+len(params)), eph...), public...), params...)
	ikm := append(append(make([]byte, 0, len(p)+len(shared)), p...), shared...)
	outer = kdf(shared, salt, "twostep v3 box outer "+name+" "+string(id))
	inner = kdf(ikm, salt, "twostep v3 box inner "+name+" "+string(id))
	return outer, inner
}

func boxAAD(name string, id AccountID) string {
	return "twostep v3 account key " + name + " " + string(id)
}

// sealBox seals ak for holder h with the password key p.
func sealBox(ak AccountKey, p PasswordKey, params string, h Holder, id AccountID) (Box, error) {
	public, err := x25519.NewPublicKey(h.Public)
	if err != nil {
		return Box{}, Wrap(KindInternal, err)
	}
	eph, err := x25519.GenerateKey(nil)
	if err != nil {
		return Box{}, Wrap(KindInternal, err)
	}
	shared, err := eph.ECDH(public)
	if err != nil {
		return Box{}, Wrap(KindInternal, err)
	}
	b := Box{Holder: Holder{Name: h.Name, Public: public.Bytes()}, Ephemeral: eph.PublicKey().Bytes()}
	outer, inner := boxKeys(shared, p, b.Ephemeral, b.Public, params, h.Name, id)
	in, err := Seal(inner, ak, boxAAD(h.Name, id))
	if err != nil {
		return Box{}, err
	}
	b.Sealed, err = Seal(outer, in, boxAAD(h.Name, id))
	return b, err
}

// open unseals the box with the holder's private key and p. A box that fails its outer layer
// was changed since it was sealed: KindDataTampered. One whose inner layer fails was opened
// with a wrong password: KindWrongCredentials.
func (b Box) open(key *ecdh.PrivateKey, p PasswordKey, params string, id AccountID) (AccountKey, error) {
	if subtle.ConstantTimeCompare(key.PublicKey().Bytes(), b.Public) != 1 {
		return nil, Wrap(KindDataTampered, errors.New("the box is not sealed for this holder"))
	}
	eph, err := x25519.NewPublicKey(b.Ephemeral)
	if err != nil {
		return nil, Wrap(KindDataTampered, err)
	}
	shared, err := key.ECDH(eph)
	if err != nil {
		return nil, Wrap(KindDataTampered, err)
	}
	outer, inner := boxKeys(shared, p, b.Ephemeral, b.Public, params, b.Name, id)
	in, err := Open(outer, b.Sealed, boxAAD(b.Name, id))
	if err != nil {
		return nil, Wrap(KindDataTampered, errors.New("a box of the account key was changed"))
	}
	ak, err := Open(inner, in, boxAAD(b.Name, id))
	if err != nil {
		return nil, Fail(KindWrongCredentials, "")
	}
	if len(ak) != KeyLen {
		return nil, Wrap(KindDataTampered, errors.New("a box holds no account key"))
	}
	return ak, nil
}

// The password box of a two-step-off account has the same two layers. With no second secret
// its outer key is derived from the account ID alone: it tells a damaged box from a wrong
// password, and nothing more (anyone who can write the file can make a new outer layer).
const passwordBoxName = "password"

func sealPasswordBox(ak AccountKey, p PasswordKey, params string, id AccountID) ([]byte, error) {
	outer, inner := boxKeys(nil, p, nil, nil, params, passwordBoxName, id)
	in, err := Seal(inner, ak, boxAAD(passwordBoxName, id))
	if err != nil {
		return nil, err
	}
	return Seal(outer, in, boxAAD(passwordBoxName, id))
}

func openPasswordBox(sealed []byte, p PasswordKey, params string, id AccountID) (AccountKey, error) {
	outer, inner := boxKeys(nil, p, nil, nil, params, passwordBoxName, id)
	in, err := Open(outer, sealed, boxAAD(passwordBoxName, id))
	if err != nil {
		return nil, Wrap(KindDataTampered, errors.New("the password box of the account key was changed"))
	}
	ak, err := Open(inner, in, boxAAD(passwordBoxName, id))
	if err != nil {
		return nil, Fail(KindWrongCredentials, "")
	}
	if len(ak) != KeyLen {
		return nil, Wrap(KindDataTampered, errors.New("the password box holds no account key"))
	}
	return ak, nil
}
