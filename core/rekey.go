package core

import (
	"encoding/json"
	"errors"
)

// Every security change replaces the account key (docs/security-design.md lists them): the
// change is made to the record as it is, then Rekey seals everything under a fresh key, for
// the holders the record now names, and signs it, all inside the change's one transaction.
// So a copy of the file from before the change, opened with whatever was valid then, yields
// a key that opens nothing in the file after it.

// Holders are the holders of a second secret the record names: every computer set up and
// every unused backup code. None with two-step off: then the password alone opens the key.
func (a Account) Holders() []Holder {
	if !a.TwoFactor {
		return nil
	}
	var out []Holder
	for _, d := range a.Devices {
		if len(d.Public) > 0 {
			out = append(out, Holder{Name: computerHolder(d.ID), Public: d.Public})
		}
	}
	return append(out, a.BackupCodes.Holders()...)
}

// SealUnder stores profile and totp (nothing for "" and a zero profile) under ak, boxes ak for
// the password key p (made with params) and every holder, marks the record as this schema's
// and signs it. It is how a record is made, moved to this schema and rekeyed.
func (a *Account) SealUnder(ak AccountKey, p PasswordKey, params string, profile Profile, totp string) error {
	var plain []byte
	if !profile.IsZero() {
		var err error
		if plain, err = json.Marshal(profile); err != nil {
			return Wrap(KindInternal, err)
		}
	}
	return a.sealUnder(ak, p, params, plain, totp)
}

// sealUnder is SealUnder with the profile as the JSON it is sealed as (nil for none).
func (a *Account) sealUnder(ak AccountKey, p PasswordKey, params string, profile []byte, totp string) error {
	holders := a.Holders()
	if a.TwoFactor && len(holders) == 0 {
		// Nothing could open it: no computer is set up and no backup code is left.
		return Wrap(KindInternal, errors.New("a two-step account needs a computer or a backup code to hold its key"))
	}
	var err error
	a.Profile, a.TOTP = nil, nil
	if len(profile) > 0 {
		if a.Profile, err = ak.seal("profile", a.ID, profile); err != nil {
			return err
		}
	}
	if totp != "" {
		if a.TOTP, err = ak.SealTOTP(totp, a.ID); err != nil {
			return err
		}
	}
	if a.Keys, err = LockKeys(ak, p, params, holders, a.ID); err != nil {
		return err
	}
	a.Schema = Schema
	return ak.Sign(a)
}

// Rekey moves a schema-3 record, already checked against old, to a fresh account key for p
// (made with params), and returns the new key. Whatever the change edited under old (a new
// TOTP secret, a computer added, a code spent) is sealed anew with the rest.
func (a *Account) Rekey(old AccountKey, p PasswordKey, params string) (AccountKey, error) {
	var profile []byte // sealed again as it is: a megabyte of picture need not be decoded
	var err error
	if len(a.Profile) > 0 {
		if profile, err = old.open("profile", a.ID, a.Profile); err != nil {
			return nil, err
		}
	}
	totp := ""
	if len(a.TOTP) > 0 {
		if totp, err = old.OpenTOTP(a.TOTP, a.ID); err != nil {
			return nil, err
		}
	}
	data, err := a.OpenDataKeys(old)
	if err != nil {
		return nil, err
	}
	defer data.Wipe()
	data.Next() // a new key for each purpose: what is sealed from now on is out of old copies' reach
	next := NewAccountKey()
	if err := a.SealDataKeys(next, data); err != nil {
		return nil, err
	}
	if err := a.sealUnder(next, p, params, profile, totp); err != nil {
		return nil, err
	}
	return next, nil
}
