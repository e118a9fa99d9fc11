package app_test

import (
	"bytes"
	"encoding/base32"
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"

	"github.com/twostep-app/twostep/internal/testenv"
)

// The four properties of the key hierarchy (issue 7), each a check that runs on a fresh
// account and on accounts upgraded from Twostep 0.1.

// candidates are every key a keyring value could be taken for: the text, its decoded bytes,
// each 32-byte window of them, and a computer key's parts.
func candidates(value string) [][]byte {
	out := [][]byte{[]byte(value)}
	raw, err := base64.StdEncoding.DecodeString(value)
	if err != nil {
		return out
	}
	out = append(out, raw)
	for i := 0; i+core.KeyLen <= len(raw); i++ {
		out = append(out, raw[i:i+core.KeyLen])
	}
	if ck, err := core.ParseComputerKey(raw); err == nil {
		out = append(out, ck.Key, []byte(ck.DeviceID))
	}
	return out
}

// checkKeyringOpensNothing: whatever the keyring holds for the account, without the
// password, opens no sealed field of its record and computes no code.
func checkKeyringOpensNothing(t *testing.T, e *env, id core.AccountID, totpSecret string) {
	t.Helper()
	a, err := e.db.Account(id)
	testenv.Must(t, err)
	values := keyringDump(t, e)
	if len(values) == 0 && a.TwoFactor {
		t.Fatal("the keyring holds nothing for a two-step account; the dump does not work")
	}
	realCode := e.code(totpSecret)
	for _, v := range values {
		if strings.Contains(v, totpSecret) {
			t.Fatal("the keyring holds the TOTP secret")
		}
		for _, c := range candidates(v) {
			tryToOpen(t, a, c)
			if len(c) >= 10 {
				s := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(c)
				if code, err := core.CodeAt(s, core.TimeStep(e.clock.Now()), core.CodeDigits); err == nil && code == realCode && totpSecret != "" {
					t.Fatal("a keyring value computes the current verification code")
				}
			}
		}
	}
}

// tryToOpen takes c as each missing secret in turn (account key, password key, a holder's
// private key, a raw AES key) and fails the test if anything of the record opens.
func tryToOpen(t *testing.T, a core.Account, c []byte) {
	t.Helper()
	ak, p := core.AccountKey(c), core.PasswordKey(c)
	if len(c) == core.KeyLen {
		if _, err := ak.OpenProfile(a.Profile, a.ID); err == nil && len(a.Profile) > 0 {
			t.Fatal("a keyring value opens the profile")
		}
		if _, err := ak.OpenTOTP(a.TOTP, a.ID); err == nil {
			t.Fatal("a keyring value opens the TOTP secret")
		}
		if ak.Verify(a) == nil {
			t.Fatal("a keyring value signs the record")
		}
	}
	for _, other := range [][]byte{nil, make([]byte, core.KeyLen), c} {
		if _, err := a.Keys.OpenWithPassword(p, a.ID); err == nil {
			t.Fatal("a keyring value opens the password box")
		}
		for _, b := range a.Keys.Boxes {
			if len(c) == core.KeyLen {
				if _, err := a.Keys.OpenBox(b, c, core.PasswordKey(other), a.ID); err == nil {
					t.Fatalf("a keyring value, as %s's key, opens its box", b.Name)
				}
			}
			if len(other) == core.KeyLen {
				if _, err := a.Keys.OpenBox(b, other, p, a.ID); err == nil {
					t.Fatalf("a keyring value, as the password key, opens %s's box", b.Name)
				}
			}
		}
	}
	if len(c) == core.KeyLen {
		blobs := [][]byte{a.Profile, a.TOTP, a.Keys.PasswordBox}
		for _, b := range a.Keys.Boxes {
			blobs = append(blobs, b.Sealed)
		}
		for _, blob := range blobs {
			for _, aad := range []string{"", "twostep profile v1 " + string(a.ID), "twostep data key v1 " + string(a.ID)} {
				if _, err := core.Open(c, blob, aad); err == nil && len(blob) > 0 {
					t.Fatal("a keyring value is the AES key of a sealed field")
				}
			}
		}
	}
}

// copyEnv is a new env over a copy of e's data file: with e's keyring (same computer), or
// with a fresh, empty one (another computer, an erased keyring).
func copyEnv(t *testing.T, e *env, sameKeyring bool) *env {
	t.Helper()
	raw, err := os.ReadFile(e.path)
	testenv.Must(t, err)
	c := newEnv(t)
	testenv.Must(t, c.db.Close())
	testenv.Must(t, os.WriteFile(c.path, raw, 0o600))
	if sameKeyring {
		c.secrets, c.kr = e.secrets, e.kr
	}
	c.clock.Set(e.clock.Now())
	c.open()
	return c
}

// checkPasswordAloneOpensNothing: on a computer whose keyring lacks the account's key, the
// right password is refused with a sentence that asks for a backup code; a wrong password
// with a right code is refused and spends nothing; the password and one backup code get in,
// the profile opens, and this computer is set up again (a new key; the authenticator app
// still works, with no new setup). It uses codes[0] and returns the env it made.
func checkPasswordAloneOpensNothing(t *testing.T, e *env, user, pw, totpSecret string, codes []string, wantNote string) *env {
	t.Helper()
	c := copyEnv(t, e, false)
	res := c.signIn(user, pw)
	if res.Session != nil || !res.NeedsBackupCode {
		t.Fatalf("the password alone on another computer: %+v", res)
	}
	_, err := c.svc.SubmitCode(res.Challenge, c.nextCode(totpSecret), false)
	testenv.WantKind(t, err, core.KindComputerKeyMissing)
	if msg := words.Message(err); !strings.Contains(msg, "backup code") {
		t.Fatalf("the sentence %q does not ask for a backup code", msg)
	}
	wrong := c.signIn(user, "not the password at all")
	_, _, err = c.svc.SubmitBackupCode(wrong.Challenge, codes[0], false)
	testenv.WantKind(t, err, core.KindWrongCredentials)
	if !app.SignInAgain(err) {
		t.Fatal("a wrong password found at the backup code does not send the person back")
	}
	sess, left, err := c.svc.SubmitBackupCode(c.signIn(user, pw).Challenge, codes[0], true)
	if err != nil {
		t.Fatalf("password and backup code on another computer: %v", err)
	}
	if left != len(codes)-1 {
		t.Fatalf("%d backup codes left, want %d", left, len(codes)-1)
	}
	p, err := c.svc.Profile(sess)
	testenv.Must(t, err)
	if !strings.Contains(p.DisplayName+p.Note, wantNote) {
		t.Fatalf("profile after recovery = %+v, want %q in it", p, wantNote)
	}
	raw, err := c.secrets.Get(sess.ID, core.SlotComputerKey)
	testenv.Must(t, err)
	if _, err := core.ParseComputerKey(raw); err != nil {
		t.Fatalf("no new computer key after recovery: %v", err)
	}
	testenv.Must(t, c.svc.SignOutCompletely(sess))
	again := c.signIn(user, pw)
	if again.NeedsBackupCode || again.Challenge == "" {
		t.Fatalf("after recovery the computer still has no key: %+v", again)
	}
	if _, err := c.svc.SubmitCode(again.Challenge, c.nextCode(totpSecret), false); err != nil {
		t.Fatalf("the authenticator app no longer works after recovery: %v", err)
	}
	return c
}

// checkTOTPSealedInDataFile: the TOTP secret is in the record, sealed, and nowhere in plain.
func checkTOTPSealedInDataFile(t *testing.T, e *env, id core.AccountID, totpSecret string) {
	t.Helper()
	a, err := e.db.Account(id)
	testenv.Must(t, err)
	if len(a.TOTP) == 0 {
		t.Fatal("the record holds no sealed TOTP secret")
	}
	raw, err := os.ReadFile(e.path)
	testenv.Must(t, err)
	if bytes.Contains(raw, []byte(totpSecret)) {
		t.Fatal("the data file holds the TOTP secret in plain")
	}
}

// tamper is a change made to a record outside Twostep, and the password then tried.
type tamper struct {
	name   string
	change func(rec map[string]any)
	pw     string    // "" means the owner's
	want   core.Kind // how the sign-in is refused
}

// checkTamperingRefused edits the record of user in copies of e's data file (same computer)
// and signs in: each edit is refused, with the sentence for a changed file where the account
// key could be opened, and the record is left as the editor left it.
func checkTamperingRefused(t *testing.T, e *env, id core.AccountID, user, pw string, cases []tamper) {
	t.Helper()
	for _, tc := range cases {
		c := copyEnv(t, e, true)
		testenv.Must(t, c.db.Close())
		edited := editRecord(t, c.path, id, tc.change)
		c.open()
		try := tc.pw
		if try == "" {
			try = pw
		}
		res, err := c.svc.SignIn(user, try)
		if err == nil || res.Session != nil || res.Challenge != "" {
			t.Errorf("%s: signed in or got to the second step: %+v, %v", tc.name, res, err)
			continue
		}
		if core.KindOf(err) != tc.want {
			t.Errorf("%s: %v (kind %v), want kind %v", tc.name, err, core.KindOf(err), tc.want)
		}
		if tc.want == core.KindDataTampered && !strings.Contains(words.Message(err), "changed outside Twostep") {
			t.Errorf("%s: message %q", tc.name, words.Message(err))
		}
		testenv.Must(t, c.db.Close())
		if now := readRecord(t, c.path, id); !bytes.Equal(now, edited) {
			t.Errorf("%s: the refused sign-in rewrote the record", tc.name)
		}
		c.open()
	}
}

func editRecord(t *testing.T, path string, id core.AccountID, change func(map[string]any)) []byte {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	testenv.Must(t, err)
	defer db.Close()
	var out []byte
	testenv.Must(t, db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("accounts"))
		var rec map[string]any
		if err := json.Unmarshal(b.Get([]byte(id)), &rec); err != nil {
			return err
		}
		change(rec)
		var err error
		if out, err = json.Marshal(rec); err != nil {
			return err
		}
		return b.Put([]byte(id), out)
	}))
	return out
}

func readRecord(t *testing.T, path string, id core.AccountID) []byte {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	testenv.Must(t, err)
	defer db.Close()
	var out []byte
	testenv.Must(t, db.View(func(tx *bolt.Tx) error {
		out = bytes.Clone(tx.Bucket([]byte("accounts")).Get([]byte(id)))
		return nil
	}))
	return out
}

// recordOf reads one account's record as JSON fields, to paste parts of it into another.
func recordOf(t *testing.T, e *env, id core.AccountID) map[string]any {
	t.Helper()
	a, err := e.db.Account(id)
	testenv.Must(t, err)
	raw, err := json.Marshal(a)
	testenv.Must(t, err)
	var rec map[string]any
	testenv.Must(t, json.Unmarshal(raw, &rec))
	return rec
}

// flipBase64 changes one byte of a base64 field.
func flipBase64(v any) string {
	raw, _ := base64.StdEncoding.DecodeString(v.(string))
	raw[len(raw)/2] ^= 1
	return base64.StdEncoding.EncodeToString(raw)
}

// twoStepTampering are the edits of a two-step account: each must be refused, as tampering
// (never counted as a wrong password) wherever the account key could be opened or a box told
// it was changed. editor is an account the editor made with editorPW, in another data file,
// whose parts they paste in.
func twoStepTampering(t *testing.T, id core.AccountID, editor map[string]any, device string) []tamper {
	own := editorKeys(t, id)
	box := func(r map[string]any, i int) map[string]any {
		return sub(r, "keys")["boxes"].([]any)[i].(map[string]any)
	}
	return []tamper{
		{"two-step turned off", func(r map[string]any) { r["two_factor"] = false }, "", core.KindDataTampered},
		{"last accepted step rolled back", func(r map[string]any) { r["last_step"] = 0 }, "", core.KindDataTampered},
		{"a backup code's used mark flipped", func(r map[string]any) {
			u := sub(r, "backup_codes")["used"].([]any)
			u[0] = !u[0].(bool)
		}, "", core.KindDataTampered},
		{"backup codes replaced", func(r map[string]any) { r["backup_codes"] = editor["backup_codes"] }, "", core.KindDataTampered},
		{"this computer's trust flipped", func(r map[string]any) {
			for _, d := range r["devices"].([]any) {
				if d := d.(map[string]any); d["id"] == device {
					d["trusted"] = d["trusted"] != true
				}
			}
		}, "", core.KindDataTampered},
		{"a computer of the editor's added", func(r map[string]any) {
			r["devices"] = append(r["devices"].([]any), editor["devices"].([]any)[0])
		}, "", core.KindDataTampered},
		{"TOTP secret swapped", func(r map[string]any) { r["totp"] = editor["totp"] }, "", core.KindDataTampered},
		{"profile swapped", func(r map[string]any) { r["profile"] = editor["profile"] }, "", core.KindDataTampered},
		{"authenticator removed", func(r map[string]any) { delete(r, "mac") }, "", core.KindDataTampered},
		{"a backup code's box damaged", func(r map[string]any) { b := box(r, 1); b["sealed"] = flipBase64(b["sealed"]) }, "", core.KindDataTampered},
		{"own password swapped in, two-step off", func(r map[string]any) {
			r["keys"], r["two_factor"] = own, false
		}, editorPW, core.KindDataTampered},
		{"own password box added", func(r map[string]any) { sub(r, "keys")["password_box"] = own["password_box"] }, "", core.KindDataTampered},
		{"password parameters changed", func(r map[string]any) { sub(r, "keys")["params"] = own["params"] }, "", core.KindDataTampered},
		{"this computer's box damaged", func(r map[string]any) { b := box(r, 0); b["sealed"] = flipBase64(b["sealed"]) }, "", core.KindDataTampered},
		{"this computer's box from the editor's record", func(r map[string]any) {
			b := box(r, 0)
			b["sealed"], b["ephemeral"] = box(editor, 0)["sealed"], box(editor, 0)["ephemeral"]
		}, "", core.KindDataTampered},
		{"the record downgraded to Twostep 0.2's form", func(r map[string]any) { r["schema"] = 2 }, "", core.KindDataTampered},
		{"a record in Twostep 0.1's form with the editor's password, the owner's ID and history", func(r map[string]any) {
			delete(r, "schema")
			delete(r, "mac")
			r["password"], r["two_factor"] = core.HashPassword(editorPW, core.PasswordParams), false
		}, editorPW, core.KindDataTampered},
	}
}

const editorPW = "mallory's own Harbour-password 11"

func sub(rec map[string]any, key string) map[string]any { return rec[key].(map[string]any) }

// editorKeys are keys an editor makes for the account id: a box, for their own password, of
// an account key of their own, as JSON fields.
func editorKeys(t *testing.T, id core.AccountID) map[string]any {
	params := core.NewPasswordParams()
	p, err := core.StretchPassword(editorPW, params)
	testenv.Must(t, err)
	k, err := core.LockKeys(core.NewAccountKey(), p, params, nil, id)
	testenv.Must(t, err)
	raw, err := json.Marshal(k)
	testenv.Must(t, err)
	var out map[string]any
	testenv.Must(t, json.Unmarshal(raw, &out))
	return out
}

// editorAccount is an account an editor made elsewhere, with two-step on, as JSON fields.
func editorAccount(t *testing.T) map[string]any {
	m := newEnv(t)
	sess := m.signUp("editor", editorPW)
	m.enable(sess)
	return recordOf(t, m, sess.ID)
}
