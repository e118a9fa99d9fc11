package core

import (
	"bytes"
	"encoding/json"
	"reflect"
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

// What opens the account key, and what does not, in each state of an account.
func TestKeysOpenOnlyWithBothSecrets(t *testing.T) {
	const id, other AccountID = "acct-a", "acct-b"
	ak, p, wrongP := NewAccountKey(), stretch(t, "correct horse"), stretch(t, "wrong horse")
	computer := NewComputerKey()
	second := SecondSecrets{Computers: []ComputerKey{computer}, Recovery: NewRecoveryKey()}
	var off, on Keys
	if err := off.Lock(ak, p, fastPasswordParams, nil, id); err != nil {
		t.Fatal(err)
	}
	if err := on.Lock(ak, p, fastPasswordParams, &second, id); err != nil {
		t.Fatal(err)
	}
	asKey := func(b []byte) PasswordKey { return PasswordKey(b) }
	tests := []struct {
		name string
		open func() (AccountKey, error)
		ok   bool
	}{
		{"off: password", func() (AccountKey, error) { return off.OpenWithPassword(p, id) }, true},
		{"off: wrong password", func() (AccountKey, error) { return off.OpenWithPassword(wrongP, id) }, false},
		{"off: other account", func() (AccountKey, error) { return off.OpenWithPassword(p, other) }, false},
		{"on: password alone", func() (AccountKey, error) { return on.OpenWithPassword(p, id) }, false},
		{"on: password and computer key", func() (AccountKey, error) { return on.OpenWithComputer(p, computer, id) }, true},
		{"on: wrong password and computer key", func() (AccountKey, error) { return on.OpenWithComputer(wrongP, computer, id) }, false},
		{"on: password and another computer's key", func() (AccountKey, error) { return on.OpenWithComputer(p, NewComputerKey(), id) }, false},
		{"on: computer key as the password key", func() (AccountKey, error) {
			return on.OpenWithComputer(asKey(computer.Key), ComputerKey{Device: computer.Device}, id)
		}, false},
		{"on: computer key for the recovery key", func() (AccountKey, error) { return on.OpenWithRecovery(p, computer.Key, id) }, false},
		{"on: password and recovery key", func() (AccountKey, error) { return on.OpenWithRecovery(p, second.Recovery, id) }, true},
		{"on: wrong password and recovery key", func() (AccountKey, error) { return on.OpenWithRecovery(wrongP, second.Recovery, id) }, false},
		{"on: recovery key for the computer key", func() (AccountKey, error) {
			return on.OpenWithComputer(p, ComputerKey{Device: computer.Device, Key: second.Recovery}, id)
		}, false},
		{"on: other account", func() (AccountKey, error) { return on.OpenWithRecovery(p, second.Recovery, other) }, false},
	}
	for _, tt := range tests {
		got, err := tt.open()
		if tt.ok != (err == nil) || tt.ok && !bytes.Equal(got, ak) {
			t.Errorf("%s: key %x, %v; want opened = %v", tt.name, got, err, tt.ok)
		}
		if err != nil && !IsKind(err, KindWrongCredentials) {
			t.Errorf("%s: %v, want KindWrongCredentials", tt.name, err)
		}
	}
	stale := ComputerKey{Device: computer.Device, Key: NewRecoveryKey()}
	if !on.Fits(computer) || on.Fits(NewComputerKey()) || on.Fits(stale) || off.Fits(computer) {
		t.Error("Fits does not tell this computer's key from others")
	}
	got, err := on.Second(ak, id)
	if err != nil || !bytes.Equal(got.Recovery, second.Recovery) || len(got.Computers) != 1 || !bytes.Equal(got.Computers[0].Key, computer.Key) {
		t.Errorf("Second = %+v, %v", got, err)
	}
	if _, err := on.Second(NewAccountKey(), id); err == nil {
		t.Error("another account key opened the second secrets")
	}
	if got, err := off.Second(ak, id); got != nil || err != nil {
		t.Errorf("Second of a two-step-off account = %+v, %v", got, err)
	}
}

// Locking again (a new password, two-step turned off) leaves no wrap the old secrets open;
// a new password reaches every computer set up, through the keys sealed under AK.
func TestLockReplacesEveryWrap(t *testing.T) {
	const id AccountID = "acct-a"
	ak, oldP, newP := NewAccountKey(), stretch(t, "old horse"), stretch(t, "new horse")
	here, there := NewComputerKey(), NewComputerKey()
	second := SecondSecrets{Computers: []ComputerKey{here}, Recovery: NewRecoveryKey()}
	var k Keys
	if err := k.Lock(ak, oldP, fastPasswordParams, second.With(there), id); err != nil {
		t.Fatal(err)
	}
	all, err := k.Second(ak, id) // as a password change does, knowing only AK
	if err != nil || len(all.Computers) != 2 {
		t.Fatalf("Second = %+v, %v", all, err)
	}
	if err := k.Lock(ak, newP, fastPasswordParams, all, id); err != nil {
		t.Fatal(err)
	}
	for _, c := range []ComputerKey{here, there} {
		if _, err := k.OpenWithComputer(oldP, c, id); err == nil {
			t.Error("the old password still opens a computer wrap")
		}
		if got, err := k.OpenWithComputer(newP, c, id); err != nil || !bytes.Equal(got, ak) {
			t.Errorf("the new password does not reach computer %s: %v", c.Device, err)
		}
	}
	if _, err := k.OpenWithRecovery(oldP, second.Recovery, id); err == nil {
		t.Error("the old password still opens the recovery wrap")
	}
	if err := k.Lock(ak, newP, fastPasswordParams, nil, id); err != nil {
		t.Fatal(err)
	}
	if len(k.Computers)+len(k.Recovery)+len(k.RecoveryKey) != 0 {
		t.Errorf("two-step wraps left after locking under the password alone: %+v", k)
	}
	if err := k.Lock(ak, newP, fastPasswordParams, &SecondSecrets{}, id); !IsKind(err, KindInternal) {
		t.Errorf("locking with empty second secrets: %v", err)
	}
}

func TestComputerKeyForm(t *testing.T) {
	c := NewComputerKey()
	back, err := ParseComputerKey(c.Marshal())
	if err != nil || back.Device != c.Device || !bytes.Equal(back.Key, c.Key) {
		t.Fatalf("round trip = %+v, %v", back, err)
	}
	if len(c.Device) != 16 || len(c.Key) != KeyLen || bytes.Equal(NewComputerKey().Key, c.Key) {
		t.Fatalf("key %+v", c)
	}
	raw := c.Marshal()
	for name, b := range map[string][]byte{"empty": nil, "short": raw[:len(raw)-1], "long": append(bytes.Clone(raw), 0),
		"other version": append([]byte{1}, raw[1:]...), "a 0.1 device token": randomBytes(32)} {
		if _, err := ParseComputerKey(b); !IsKind(err, KindKeyringDamaged) {
			t.Errorf("%s: %v, want KindKeyringDamaged", name, err)
		}
	}
	if bytes.Equal(c.ID(), NewComputerKey().ID()) || bytes.Contains(c.ID(), c.Key[:8]) || !bytes.Equal(c.ID(), back.ID()) {
		t.Error("ID does not name the key, or shows it")
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
	a := Account{ID: "acct-a", Username: "ada", Created: now, Schema: Schema, Profile: []byte("sealed profile"),
		TwoFactor: true, LastStep: 42, PasswordChanged: now, LegacyKeyring: true,
		Legacy: Legacy{Password: "$argon2id$old", KeyParams: "$argon2id$old-kek", WrappedKey: []byte("old")}}
	computer := NewComputerKey()
	second := SecondSecrets{Computers: []ComputerKey{computer, NewComputerKey()}, Recovery: NewRecoveryKey()}
	if err := a.Keys.Lock(ak, stretch(t, "pw"), fastPasswordParams, &second, a.ID); err != nil {
		t.Fatal(err)
	}
	a.TOTP, _ = ak.SealTOTP(NewEnrolment("ada").Secret, a.ID)
	a.BackupCodes = knownBackupSet(t, "0a1b2c3d4e", "fghjk23456")
	a.BackupCodes.Generated = now
	a.Trust(computer.Device, "laptop", now)
	a.Devices[0].TokenHash = []byte("old token hash")
	if err := ak.Sign(&a); err != nil {
		t.Fatal(err)
	}
	return a
}

// Every field of the record but the profile is covered by its authenticator: each leaf,
// changed alone, makes Verify fail. A field added later is covered, or this test names it.
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
			if path == "Profile" || path == "MAC" {
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
	if n < 25 {
		t.Fatalf("only %d fields were changed; the walk missed some", n)
	}
	a.Profile = []byte("another sealed profile")
	if err := ak.Verify(a); err != nil {
		t.Errorf("the profile, sealed on its own, is covered: %v", err)
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
