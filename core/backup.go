package core

import (
	"crypto/rand"
	"crypto/subtle"
	"math/big"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
)

// Backup codes: ten, each 10 characters from a 32-letter alphabet (50 bits from crypto/rand),
// shown as xxxxx-xxxxx. The alphabet is Crockford's base32: no i, l, o or u, and a typed
// i/l reads as 1 and o as 0, so look-alikes cannot cause a wrong code.
const (
	BackupCodeCount   = 10
	backupCodeLen     = 10
	backupAlphabet    = "0123456789abcdefghjkmnpqrstvwxyz"
	backupLowWarnLeft = 2
)

// BackupParams: one argon2id run per attempt (the whole set shares a salt, each code has
// 50 random bits, so salting per code would add nothing), light enough that generating
// ten stays well under a second.
var BackupParams = KDFParams{Memory: 16 * 1024, Time: 1, Threads: 1}

// BackupCodes is the stored, hashed set. Hashes[i] is nil once code i is used.
type BackupCodes struct {
	Params    string    `json:"params"` // "$argon2id$v=19$m=..,t=..,p=..$salt"
	Hashes    [][]byte  `json:"hashes"`
	Generated time.Time `json:"generated"`
}

// Left is how many codes are still unused.
func (b BackupCodes) Left() int {
	n := 0
	for _, h := range b.Hashes {
		if len(h) > 0 {
			n++
		}
	}
	return n
}

// Low reports whether so few are left that the person should make a new set.
func (b BackupCodes) Low() bool { return b.Left() <= backupLowWarnLeft }

// NewBackupCodes makes a fresh set: the codes to show once, and what to store.
func NewBackupCodes(now time.Time) ([]string, BackupCodes) {
	params := NewKeyParams(BackupParams)
	set := BackupCodes{Params: params, Generated: now}
	codes := make([]string, BackupCodeCount)
	for i := range codes {
		raw := randomCode()
		codes[i] = raw[:5] + "-" + raw[5:]
		h, _ := hashBackup(raw, params) // params were made just above
		set.Hashes = append(set.Hashes, h)
	}
	return codes, set
}

func randomCode() string {
	var b strings.Builder
	max := big.NewInt(int64(len(backupAlphabet)))
	for range backupCodeLen {
		n, _ := rand.Int(rand.Reader, max)
		b.WriteByte(backupAlphabet[n.Int64()])
	}
	return b.String()
}

// NormalizeBackupCode folds case, drops spaces and dashes, reads i/l as 1 and o as 0, and
// checks the result is a possible code; anything else is KindMalformedCode (no attempt spent).
func NormalizeBackupCode(in string) (string, error) {
	var b strings.Builder
	for _, r := range strings.ToLower(in) {
		switch r {
		case ' ', '-', '\t', '\u00a0':
			continue
		case 'i', 'l':
			r = '1'
		case 'o':
			r = '0'
		}
		if !strings.ContainsRune(backupAlphabet, r) {
			return "", Errorf(KindMalformedCode, "A backup code is 10 letters and digits, like abcde-12345.")
		}
		b.WriteRune(r)
	}
	if b.Len() != backupCodeLen {
		return "", Errorf(KindMalformedCode, "A backup code is 10 letters and digits, like abcde-12345.")
	}
	return b.String(), nil
}

// Use finds input among the unused codes and marks it used.
func (b *BackupCodes) Use(input string) error {
	i, err := b.Find(input)
	if err != nil {
		return err
	}
	return b.MarkUsed(i, b.Params)
}

// Find returns the slot of input among the unused codes. It compares with every stored
// hash in constant time, so timing does not tell which slot matched. It costs one argon2id
// run; MarkUsed then needs none, so the slow part can stay outside a write transaction.
func (b BackupCodes) Find(input string) (int, error) {
	code, err := NormalizeBackupCode(input)
	if err != nil {
		return -1, err
	}
	if b.Left() == 0 {
		return -1, Errorf(KindWrongCode, "")
	}
	h, err := hashBackup(code, b.Params)
	if err != nil {
		return -1, err
	}
	match := -1
	for i, want := range b.Hashes {
		if len(want) > 0 && subtle.ConstantTimeCompare(h, want) == 1 {
			match = i
		}
	}
	if match < 0 {
		return -1, Errorf(KindWrongCode, "")
	}
	return match, nil
}

// MarkUsed empties slot i of the set made with params. It fails with KindCodeReused if the
// slot was used meanwhile or the set was replaced, so a code found before a transaction
// cannot be spent twice.
func (b *BackupCodes) MarkUsed(i int, params string) error {
	if b.Params != params || i < 0 || i >= len(b.Hashes) || len(b.Hashes[i]) == 0 {
		return Errorf(KindCodeReused, "")
	}
	b.Hashes[i] = nil
	return nil
}

func hashBackup(code, params string) ([]byte, error) {
	p, salt, err := decodeParams(params)
	if err != nil {
		return nil, Errorf(KindDataCorrupt, "The stored backup codes are damaged; sign in with a verification code and make a new set.")
	}
	return argon2.IDKey([]byte(code), salt, p.Time, p.Memory, p.Threads, hashLen), nil
}
