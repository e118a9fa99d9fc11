package core

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"
)

var fastPasswordParams = NewKeyParams(fastParams)

func stretch(t testing.TB, pw string) PasswordKey {
	t.Helper()
	p, err := StretchPassword(pw, fastPasswordParams)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// codeKey is what a backup code's box opens with: the Match Find returns for the code.
func codeKey(t testing.TB, set BackupCodes, code string) Match {
	t.Helper()
	m, err := set.Find(code, testAccount)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// What opens the account key, and what does not, in each state of an account.
func TestKeysOpenOnlyWithBothSecrets(t *testing.T) {
	const id, other AccountID = testAccount, "acct-b"
	ak, p, wrongP := NewAccountKey(), stretch(t, "correct horse"), stretch(t, "wrong horse")
	computer, elsewhere := NewComputerKey(), NewComputerKey()
	codes := []string{"0a1b2c3d4e", "fghjk23456"}
	set := knownBackupSet(t, codes...)
	holders := append([]Holder{computer.Holder()}, set.Holders()...)
	off, err := LockKeys(ak, p, fastPasswordParams, nil, id)
	if err != nil {
		t.Fatal(err)
	}
	on, err := LockKeys(ak, p, fastPasswordParams, holders, id)
	if err != nil {
		t.Fatal(err)
	}
	code0, code1 := codeKey(t, set, codes[0]), codeKey(t, set, codes[1])
	asKey := func(b []byte) PasswordKey { return PasswordKey(b) }
	tests := []struct {
		name string
		open func() (AccountKey, error)
		want Kind // -1: opens
	}{
		{"off: password", func() (AccountKey, error) { return off.OpenWithPassword(p, id) }, -1},
		{"off: wrong password", func() (AccountKey, error) { return off.OpenWithPassword(wrongP, id) }, KindWrongCredentials},
		{"off: other account", func() (AccountKey, error) { return off.OpenWithPassword(p, other) }, KindDataTampered},
		{"on: password alone", func() (AccountKey, error) { return on.OpenWithPassword(p, id) }, KindWrongCredentials},
		{"on: password and computer key", func() (AccountKey, error) { return on.OpenWithComputer(p, computer, id) }, -1},
		{"on: wrong password and computer key", func() (AccountKey, error) { return on.OpenWithComputer(wrongP, computer, id) }, KindWrongCredentials},
		{"on: password and another computer's key", func() (AccountKey, error) { return on.OpenWithComputer(p, elsewhere, id) }, KindComputerKeyMissing},
		{"on: another key under this computer's ID", func() (AccountKey, error) {
			return on.OpenWithComputer(p, ComputerKey{DeviceID: computer.DeviceID, Key: elsewhere.Key}, id)
		}, KindComputerKeyMissing},
		{"on: computer key as the password key", func() (AccountKey, error) {
			return on.OpenWithComputer(asKey(computer.Key), computer, id)
		}, KindWrongCredentials},
		{"on: password and a backup code", func() (AccountKey, error) { return on.OpenWithCode(p, code1, id) }, -1},
		{"on: wrong password and a backup code", func() (AccountKey, error) { return on.OpenWithCode(wrongP, code0, id) }, KindWrongCredentials},
		{"on: other account", func() (AccountKey, error) { return on.OpenWithComputer(p, computer, other) }, KindDataTampered},
	}
	for _, tt := range tests {
		got, err := tt.open()
		if tt.want < 0 && (err != nil || !bytes.Equal(got, ak)) {
			t.Errorf("%s: key %x, %v; want it opened", tt.name, got, err)
		}
		if tt.want >= 0 && !IsKind(err, tt.want) {
			t.Errorf("%s: %x, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	if _, err := on.OpenWithCode(p, Match{Slot: 0}, id); !IsKind(err, KindComputerKeyMissing) {
		t.Errorf("a code that opens nothing (0.1's): %v", err)
	}
	// A box of the same holders for another account key, pasted in: the record names its key.
	other2, _ := LockKeys(NewAccountKey(), p, fastPasswordParams, holders, id)
	pasted := on
	pasted.Boxes = other2.Boxes
	if _, err := pasted.OpenWithComputer(p, computer, id); !IsKind(err, KindDataTampered) {
		t.Errorf("a box of another account key: %v, want KindDataTampered", err)
	}
}

// A damaged or moved box is tampering, found by the holder's key alone: it never counts as a
// wrong password.
func TestDamagedBoxesAreTampering(t *testing.T) {
	ak, p, wrongP := NewAccountKey(), stretch(t, "correct horse"), stretch(t, "wrong horse")
	computer := NewComputerKey()
	keys, err := LockKeys(ak, p, fastPasswordParams, []Holder{computer.Holder(), NewComputerKey().Holder()}, testAccount)
	if err != nil {
		t.Fatal(err)
	}
	flip := func(b []byte, i int) []byte { c := bytes.Clone(b); c[i%len(c)] ^= 1; return c }
	edits := map[string]func(k *Keys){
		"sealed, first byte":   func(k *Keys) { k.Boxes[0].Sealed = flip(k.Boxes[0].Sealed, 0) },
		"sealed, middle":       func(k *Keys) { k.Boxes[0].Sealed = flip(k.Boxes[0].Sealed, len(k.Boxes[0].Sealed)/2) },
		"sealed, last byte":    func(k *Keys) { k.Boxes[0].Sealed = flip(k.Boxes[0].Sealed, -1+len(k.Boxes[0].Sealed)) },
		"sealed, cut short":    func(k *Keys) { k.Boxes[0].Sealed = k.Boxes[0].Sealed[:20] },
		"ephemeral key":        func(k *Keys) { k.Boxes[0].Ephemeral = flip(k.Boxes[0].Ephemeral, 3) },
		"another box's sealed": func(k *Keys) { k.Boxes[0].Sealed = k.Boxes[1].Sealed },
		"password parameters":  func(k *Keys) { k.Params = NewKeyParams(fastParams) },
	}
	for name, edit := range edits {
		k := keys
		k.Boxes = slices.Clone(keys.Boxes)
		edit(&k)
		for _, pw := range []PasswordKey{p, wrongP} {
			if _, err := k.OpenWithComputer(pw, computer, testAccount); !IsKind(err, KindDataTampered) {
				t.Errorf("%s: %v, want KindDataTampered whatever the password", name, err)
			}
		}
	}
	off, _ := LockKeys(ak, p, fastPasswordParams, nil, testAccount)
	off.PasswordBox = flip(off.PasswordBox, 7)
	if _, err := off.OpenWithPassword(p, testAccount); !IsKind(err, KindDataTampered) {
		t.Errorf("a damaged password box: %v, want KindDataTampered", err)
	}
	off, _ = LockKeys(ak, p, fastPasswordParams, nil, testAccount)
	off.Params = NewKeyParams(fastParams)
	if _, err := off.OpenWithPassword(p, testAccount); !IsKind(err, KindDataTampered) {
		t.Errorf("changed password parameters: %v, want KindDataTampered", err)
	}
}

// A new account key sealed for the same holders leaves the old key opening nothing, and the
// holders opening the new one: Rekey needs no holder's secret.
func TestRekeyLeavesOldKeysUseless(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	p := stretch(t, "correct horse")
	computer, removed := NewComputerKey(), NewComputerKey()
	codes := []string{"0a1b2c3d4e", "fghjk23456", "mnpqr78901"}
	a := Account{ID: testAccount, Username: "ada", TwoFactor: true, BackupCodes: knownBackupSet(t, codes...)}
	a.AddComputer(computer, "here", now)
	a.AddComputer(removed, "lost laptop", now)
	old := NewAccountKey()
	secret := NewEnrolment("ada").Secret
	if err := a.SealUnder(old, p, fastPasswordParams, Profile{Note: "kept"}, secret); err != nil {
		t.Fatal(err)
	}
	spent := codeKey(t, a.BackupCodes, codes[0])
	before := cloneAccount(t, a)
	if err := a.SpendBackupCode(spent); err != nil {
		t.Fatal(err)
	}
	a.RemoveDevice(removed.DeviceID)
	next, err := a.Rekey(old, p, fastPasswordParams)
	if err != nil {
		t.Fatal(err)
	}
	if next.Verify(a) != nil || old.Verify(a) == nil {
		t.Fatal("the record is not signed by the new key alone")
	}
	if got, _ := next.OpenTOTP(a.TOTP, a.ID); got != secret {
		t.Fatal("the TOTP secret did not move to the new key")
	}
	if _, err := old.OpenTOTP(a.TOTP, a.ID); err == nil {
		t.Fatal("the old key opens the new TOTP secret")
	}
	if pr, err := next.OpenProfile(a.Profile, a.ID); err != nil || pr.Note != "kept" {
		t.Fatalf("profile under the new key: %+v, %v", pr, err)
	}
	if _, err := old.OpenProfile(a.Profile, a.ID); err == nil {
		t.Fatal("the old key opens the new profile")
	}
	still := []func() (AccountKey, error){
		func() (AccountKey, error) { return a.Keys.OpenWithComputer(p, computer, a.ID) },
		func() (AccountKey, error) { return a.Keys.OpenWithCode(p, codeKey(t, a.BackupCodes, codes[1]), a.ID) },
	}
	for i, open := range still {
		if got, err := open(); err != nil || !bytes.Equal(got, next) {
			t.Errorf("holder %d does not open the new key: %v", i, err)
		}
	}
	if _, err := a.Keys.OpenWithComputer(p, removed, a.ID); err == nil {
		t.Error("a removed computer opens the new key")
	}
	if _, err := a.Keys.OpenWithCode(p, codeKey(t, before.BackupCodes, codes[0]), a.ID); err == nil {
		t.Error("a spent backup code opens the new key")
	}
	// In the copy from before, the spent code opens only the old key.
	if got, err := before.Keys.OpenWithCode(p, codeKey(t, before.BackupCodes, codes[0]), a.ID); err != nil || !bytes.Equal(got, old) {
		t.Errorf("the old copy: %v", err)
	}
	a.TwoFactor, a.Devices, a.BackupCodes = true, nil, BackupCodes{}
	if _, err := a.Rekey(next, p, fastPasswordParams); !IsKind(err, KindInternal) {
		t.Errorf("rekeying a two-step account with no holder: %v", err)
	}
}

func TestComputerKeyForm(t *testing.T) {
	c := NewComputerKey()
	back, err := ParseComputerKey(c.Marshal())
	if err != nil || back.DeviceID != c.DeviceID || !bytes.Equal(back.Key, c.Key) {
		t.Fatalf("round trip = %+v, %v", back, err)
	}
	if len(c.DeviceID) != 16 || len(c.Key) != KeyLen || bytes.Equal(NewComputerKey().Key, c.Key) {
		t.Fatalf("key %+v", c)
	}
	raw := c.Marshal()
	for name, b := range map[string][]byte{"empty": nil, "short": raw[:len(raw)-1], "long": append(bytes.Clone(raw), 0),
		"0.2's version": append([]byte{2}, raw[1:]...), "a 0.1 device token": randomBytes(32)} {
		if _, err := ParseComputerKey(b); !IsKind(err, KindKeyringDamaged) {
			t.Errorf("%s: %v, want KindKeyringDamaged", name, err)
		}
	}
	if v2, err := ParseComputerKeyV2(append([]byte{2}, raw[1:]...)); err != nil || v2.Device != c.DeviceID {
		t.Errorf("0.2's form: %+v, %v", v2, err)
	}
	if _, err := ParseComputerKeyV2(raw); !IsKind(err, KindKeyringDamaged) {
		t.Errorf("today's form read as 0.2's: %v", err)
	}
	if bytes.Equal(c.Public(), NewComputerKey().Public()) || bytes.Contains(c.Public(), c.Key[:8]) || !bytes.Equal(c.Public(), back.Public()) {
		t.Error("the public key does not name the key, or shows it")
	}
}

func TestSealTOTP(t *testing.T) {
	ak, secret := NewAccountKey(), NewEnrolment("ada").Secret
	sealed, err := ak.SealTOTP(secret, "acct-a")
	if err != nil || bytes.Contains(sealed, []byte(secret)) {
		t.Fatalf("sealed %q, %v", sealed, err)
	}
	if got, err := ak.OpenTOTP(sealed, "acct-a"); err != nil || got != secret {
		t.Fatalf("OpenTOTP = %q, %v", got, err)
	}
	if _, err := ak.OpenTOTP(sealed, "acct-b"); !IsKind(err, KindDataCorrupt) {
		t.Errorf("another account's TOTP secret opened: %v", err)
	}
	if _, err := NewAccountKey().OpenTOTP(sealed, "acct-a"); !IsKind(err, KindDataCorrupt) {
		t.Errorf("another key opened the TOTP secret: %v", err)
	}
	if _, err := ak.OpenTOTP(nil, "acct-a"); !IsKind(err, KindSecretMissing) {
		t.Errorf("no stored secret: %v, want KindSecretMissing", err)
	}
}

// fullAccount has every field set, so that changing any one of them can be noticed.
func fullAccount(t *testing.T, ak AccountKey) Account {
	now := time.Date(2026, 11, 27, 10, 0, 0, 123, time.FixedZone("CET", 3600))
	a := Account{ID: "acct-a", Username: "ada", Created: now, TwoFactor: true, LastTimeStep: 42, PasswordChanged: now, LegacyKeyring: true,
		Legacy: Legacy{Password: "$argon2id$old", KeyParams: "$argon2id$old-kek", WrappedKey: []byte("old")}}
	computer := NewComputerKey()
	a.AddComputer(computer, "laptop", now)
	a.AddComputer(NewComputerKey(), "desktop", now)
	a.Trust(computer.DeviceID)
	a.Devices[0].TokenHash = []byte("old token hash")
	a.BackupCodes = knownBackupSet(t, "0a1b2c3d4e", "fghjk23456")
	a.BackupCodes.Generated, a.BackupCodes.Wraps, a.BackupCodes.Unseen = now, [][]byte{[]byte("0.2's wrap")}, true
	if err := a.SealUnder(ak, stretch(t, "pw"), fastPasswordParams, Profile{Note: "a note"}, NewEnrolment("ada").Secret); err != nil {
		t.Fatal(err)
	}
	a.Keys.PasswordBox = []byte("a box for the password")
	data := DataKeys{}
	data.Add("notes")
	if err := a.SealDataKeys(ak, data); err != nil {
		t.Fatal(err)
	}
	a.Keys.KeysV2 = KeysV2{Password: []byte("p"), Recovery: []byte("r"), RecoveryKey: []byte("rk"),
		Computers: []ComputerWrap{{Device: "d", KeyID: []byte("id"), Wrap: []byte("w"), Sealed: []byte("s")}}}
	if err := ak.Sign(&a); err != nil {
		t.Fatal(err)
	}
	return a
}

// Every field of the record is covered by its authenticator, the sealed profile included:
// each leaf, changed alone, makes Verify fail. A field added later is covered, or this test
// names it.
func TestRecordAuthenticatorCoversEveryField(t *testing.T) {
	ak := NewAccountKey()
	a := fullAccount(t, ak)
	if err := ak.Verify(a); err != nil {
		t.Fatalf("a signed record does not verify: %v", err)
	}
	js, _ := json.Marshal(a)
	var back Account
	if err := json.Unmarshal(js, &back); err != nil || ak.Verify(back) != nil {
		t.Fatalf("a record read back from JSON does not verify: %v", ak.Verify(back))
	}
	if err := NewAccountKey().Verify(a); !IsKind(err, KindDataTampered) {
		t.Fatalf("another key verified the record: %v", err)
	}
	// Each round changes one leaf of a fresh copy: the walk's values point into that copy.
	n := 0
	for round := 0; ; round++ {
		b, leaf := cloneAccount(t, a), 0
		changed := ""
		eachLeaf(reflect.ValueOf(&b).Elem(), "", func(path string, change func()) {
			if path == "MAC" {
				return
			}
			if leaf == round {
				change()
				changed = path
			}
			leaf++
		})
		if changed == "" {
			break
		}
		n++
		if err := ak.Verify(b); !IsKind(err, KindDataTampered) {
			t.Errorf("changing %s: Verify = %v, want KindDataTampered", changed, err)
		}
	}
	if n < 50 {
		t.Fatalf("only %d fields were changed; the walk missed some", n)
	}
}

// An older, authentic profile put back into the record, or the profile deleted, is a
// changed record: the profile is no longer outside the authenticator (it was in Twostep 0.2).
func TestOlderProfilePutBackIsRefused(t *testing.T) {
	ak := NewAccountKey()
	a := fullAccount(t, ak)
	older := a.Profile
	sealed, err := ak.SealProfile(Profile{Note: "a newer note"}, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	a.Profile = sealed
	if err := ak.Sign(&a); err != nil {
		t.Fatal(err)
	}
	for name, profile := range map[string][]byte{"the older profile": older, "no profile": nil} {
		b := a
		b.Profile = profile
		if err := ak.Verify(b); !IsKind(err, KindDataTampered) {
			t.Errorf("%s put back: Verify = %v, want KindDataTampered", name, err)
		}
	}
}

func cloneAccount(t *testing.T, a Account) Account {
	js, _ := json.Marshal(a)
	var b Account
	if err := json.Unmarshal(js, &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// eachLeaf calls visit for every settable leaf under v, with a function that changes it.
func eachLeaf(v reflect.Value, path string, visit func(string, func())) {
	switch {
	case v.Type() == reflect.TypeOf(time.Time{}):
		visit(path, func() { v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Nanosecond))) })
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			name := f.Name
			if !f.Anonymous {
				name = join(path, f.Name)
			}
			eachLeaf(v.Field(i), name, visit)
		}
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
		visit(path, func() { v.SetBytes(append(bytes.Clone(v.Bytes()), 1)) })
	case v.Kind() == reflect.Slice:
		for i := range v.Len() {
			eachLeaf(v.Index(i), join(path, "["+string(rune('0'+i))+"]"), visit)
		}
	case v.Kind() == reflect.String:
		visit(path, func() { v.SetString(v.String() + "x") })
	case v.Kind() == reflect.Bool:
		visit(path, func() { v.SetBool(!v.Bool()) })
	case v.CanInt():
		visit(path, func() { v.SetInt(v.Int() + 1) })
	default:
		panic("eachLeaf: no way to change " + path + " of kind " + v.Kind().String())
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// BenchmarkStretchPassword is argon2id alone, as a sign-in runs it: the floor under every
// sign-in figure.
func BenchmarkStretchPassword(b *testing.B) {
	params := NewPasswordParams()
	for b.Loop() {
		if _, err := StretchPassword("correct horse battery staple", params); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRekey is the part of every security change that replaces the account key, for a
// two-step account with two computers, ten unused codes and a 1 MiB profile picture: the
// profile and TOTP secret sealed again, twelve boxes, the record signed. No argon2id run.
func BenchmarkRekey(b *testing.B) {
	a, ak, p := fullRecord(b)
	for b.Loop() {
		next, err := a.Rekey(ak, p, fastPasswordParams)
		if err != nil {
			b.Fatal(err)
		}
		ak = next
	}
}

// BenchmarkVerify is the check of the record's authenticator that every read makes, with the
// same 1 MiB profile.
func BenchmarkVerify(b *testing.B) {
	a, ak, _ := fullRecord(b)
	for b.Loop() {
		if err := ak.Verify(a); err != nil {
			b.Fatal(err)
		}
	}
}

func fullRecord(b *testing.B) (Account, AccountKey, PasswordKey) {
	now := time.Now()
	a := Account{ID: testAccount, Username: "ada", TwoFactor: true}
	a.AddComputer(NewComputerKey(), "laptop", now)
	a.AddComputer(NewComputerKey(), "desktop", now)
	_, a.BackupCodes = newCodes(b, now)
	ak, p := NewAccountKey(), stretch(b, "correct horse")
	if err := a.SealUnder(ak, p, fastPasswordParams, Profile{Note: "n", Picture: randomBytes(MaxPictureBytes)}, NewEnrolment("ada").Secret); err != nil {
		b.Fatal(err)
	}
	return a, ak, p
}
