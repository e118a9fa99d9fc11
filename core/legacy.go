package core

// What a Twostep 0.1 (schema 0) record needs to be read once more, at its owner's next
// sign-in, and upgraded. 0.1 kept an argon2id hash of the password; a random data key in the
// keyring and, wrapped under a second argon2id of the password, in the record; the profile
// under the data key; the TOTP secret and a trusted-device token in the keyring.

// LegacyDataKeyLen is the size of a 0.1 data key.
const LegacyDataKeyLen = 32

// OpenLegacyDataKey unwraps a 0.1 data key with the password (a second argon2id run).
func (l Legacy) OpenLegacyDataKey(pw string, id AccountID) ([]byte, error) {
	p, salt, err := decodeParams(l.KeyParams)
	if err != nil {
		return nil, err
	}
	kek := argon2id([]byte(pw), salt, p, LegacyDataKeyLen)
	return Open(kek, l.WrappedKey, "twostep data key v1 "+string(id))
}

// OpenLegacyProfile opens a profile that 0.1 sealed under its data key.
func OpenLegacyProfile(sealed, dataKey []byte, id AccountID) (Profile, error) {
	if len(sealed) == 0 {
		return Profile{}, nil
	}
	plain, err := Open(dataKey, sealed, "twostep profile v1 "+string(id))
	if err != nil {
		return Profile{}, err
	}
	return decodeProfile(plain)
}
