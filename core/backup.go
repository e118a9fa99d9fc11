package core

import (
	"crypto/ecdh"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"math/big"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
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

// BackupCodes is the stored set. In a schema-3 set (Version 3) each code has its own X25519
// key pair, stretched from the code: the record keeps the public half (Publics[i]) and a box
// of the account key for it (Keys.Boxes), so each unused code, with the password, opens the
// account on a computer whose keyring lacks its key. A used code keeps its hash, so that typing
// it again can be called what it is, and loses its box in the same transaction. A set of
// Twostep 0.2 (Version 2) instead had every code unwrap one recovery key (Wraps[i]); a set of
// Twostep 0.1 (Version 0) only has hashes, emptied when used. Moving an account on replaces
// either.
type BackupCodes struct {
	Version   int       `json:"version,omitempty"`
	Params    string    `json:"params"` // "$argon2id$v=19$m=..,t=..,p=..$salt"
	Hashes    [][]byte  `json:"hashes"`
	Publics   [][]byte  `json:"publics,omitempty"` // schema 3: each code's public key
	Wraps     [][]byte  `json:"wraps,omitempty"`   // schema 2: the recovery key under each code
	Used      []bool    `json:"used,omitempty"`
	Generated time.Time `json:"generated"`
	// Unseen: the set was made but the person has not closed the dialog that shows it (the
	// window closed, or Twostep stopped, first). The dashboard then says to make a new set.
	Unseen bool `json:"unseen,omitempty"`
}

// Left is how many codes are still unused.
func (b BackupCodes) Left() int {
	n := 0
	for i := range b.Hashes {
		if b.unused(i) {
			n++
		}
	}
	return n
}

func (b BackupCodes) unused(i int) bool {
	return len(b.Hashes[i]) > 0 && (i >= len(b.Used) || !b.Used[i])
}

// Low reports whether so few are left that the person should make a new set.
func (b BackupCodes) Low() bool { return b.Left() <= backupLowWarnLeft }

// NewBackupCodes makes a fresh set, each code with its own key pair: the codes to show once,
// and what to store. The argon2id runs are spread over the cores.
func NewBackupCodes(now time.Time, id AccountID) ([]string, BackupCodes, error) {
	params := NewKeyParams(BackupParams)
	set := BackupCodes{Version: Schema, Params: params, Generated: now, Unseen: true,
		Hashes: make([][]byte, BackupCodeCount), Publics: make([][]byte, BackupCodeCount), Used: make([]bool, BackupCodeCount)}
	codes := make([]string, BackupCodeCount)
	errs := make([]error, BackupCodeCount)
	var wg sync.WaitGroup
	work := make(chan int, BackupCodeCount)
	for i := range codes {
		raw := randomCode()
		codes[i] = raw[:5] + "-" + raw[5:]
		work <- i
	}
	close(work)
	for range min(runtime.GOMAXPROCS(0), BackupCodeCount) {
		wg.Go(func() {
			for i := range work {
				errs[i] = set.fill(i, strings.ReplaceAll(codes[i], "-", ""), id)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, BackupCodes{}, err
	}
	return codes, set, nil
}

// fill stores slot i of a new set: the hash that finds the code, and its public key.
func (b *BackupCodes) fill(i int, code string, id AccountID) error {
	out, err := stretchBackup(code, b.Params)
	if err != nil {
		return err
	}
	key, err := newHolderKey(derive(out, "backup code key", id))
	if err != nil {
		return err
	}
	b.Hashes[i], b.Publics[i] = derive(out, "backup code hash", id), key.PublicKey().Bytes()
	return nil
}

// Holders are the unused codes of a schema-3 set, each a holder of a box of the account key.
func (b BackupCodes) Holders() []Holder {
	var out []Holder
	for i := range b.Hashes {
		if b.unused(i) && i < len(b.Publics) && len(b.Publics[i]) > 0 {
			out = append(out, Holder{Name: codeHolder(i), Public: b.Publics[i]})
		}
	}
	return out
}

func backupWrapAAD(id AccountID, slot int) string {
	return "twostep v2 recovery key " + string(id) + " " + strconv.Itoa(slot)
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
			return "", Fail(KindMalformedCode, "error.backup-code.shape")
		}
		b.WriteRune(r)
	}
	if b.Len() != backupCodeLen {
		return "", Fail(KindMalformedCode, "error.backup-code.shape")
	}
	return b.String(), nil
}

// Match is a backup code found in a set: its slot, and the key it opens its box with.
type Match struct {
	Slot   int
	params string           // of the set it was found in
	key    *ecdh.PrivateKey // schema 3: the code's private key
	wrap   []byte           // schema 2: the key of its wrap of the recovery key
}

// Find returns where input is among the unused codes of the set of account id. It compares
// with every stored hash in constant time, so timing does not tell which slot matched. It
// costs one argon2id run; MarkUsed then needs none, so the slow part can stay outside a write
// transaction.
func (b BackupCodes) Find(input string, id AccountID) (Match, error) {
	code, err := NormalizeBackupCode(input)
	if err != nil {
		return Match{}, err
	}
	if len(b.Hashes) == 0 {
		return Match{}, errWrongBackupCode
	}
	out, err := stretchBackup(code, b.Params)
	if err != nil {
		return Match{}, err
	}
	h, m := out, Match{Slot: -1, params: b.Params}
	switch {
	case b.Version >= Schema:
		h = derive(out, "backup code hash", id)
		if m.key, err = newHolderKey(derive(out, "backup code key", id)); err != nil {
			return Match{}, err
		}
	case b.Version == 2:
		h, m.wrap = deriveV2(out, "backup code hash", id), deriveV2(out, "backup code wrap", id)
	}
	for i, want := range b.Hashes {
		if len(want) > 0 && subtle.ConstantTimeCompare(h, want) == 1 {
			m.Slot = i
		}
	}
	switch {
	case m.Slot < 0:
		return Match{}, errWrongBackupCode
	case !b.unused(m.Slot):
		return Match{}, Fail(KindCodeReused, "error.backup-code.used", "Count", b.Left())
	}
	return m, nil
}

var errWrongBackupCode = Fail(KindWrongCode, "error.backup-code.wrong")

// RecoveryKeyV2 opens the recovery key of a Twostep 0.2 set with a code Find matched.
func (b BackupCodes) RecoveryKeyV2(m Match, id AccountID) ([]byte, error) {
	if m.wrap == nil || m.Slot >= len(b.Wraps) || len(b.Wraps[m.Slot]) == 0 {
		return nil, Fail(KindComputerKeyMissing, "")
	}
	rk, err := Open(m.wrap, b.Wraps[m.Slot], backupWrapAAD(id, m.Slot))
	if err != nil {
		return nil, Fail(KindDataTampered, "")
	}
	return rk, nil
}

// Opens reports whether the code can open the account key itself (a schema-3 code), rather
// than only stand in for a verification code.
func (m Match) Opens() bool { return m.key != nil || m.wrap != nil }

// MarkUsed marks the slot m found as used. It fails with KindCodeReused if the slot was used
// meanwhile or the set was replaced, so a code found before a transaction cannot be spent
// twice. Account.SpendBackupCode also drops the code's box.
func (b *BackupCodes) MarkUsed(m Match) error {
	if b.Params != m.params || m.Slot < 0 || m.Slot >= len(b.Hashes) || !b.unused(m.Slot) {
		return Fail(KindCodeReused, "error.backup-code.just-used")
	}
	if m.Slot < len(b.Used) {
		b.Used[m.Slot] = true // keeps the hash, so the code is known as used if typed again
	} else {
		b.Hashes[m.Slot] = nil // a 0.1 set has no room to mark it
	}
	if m.Slot < len(b.Wraps) {
		b.Wraps[m.Slot] = nil
	}
	return nil
}

// SpendBackupCode marks the code m found as used and drops its box, in the one change: a
// spent code opens nothing in the record from then on.
func (a *Account) SpendBackupCode(m Match) error {
	if err := a.BackupCodes.MarkUsed(m); err != nil {
		return err
	}
	a.Keys.Boxes = slices.DeleteFunc(a.Keys.Boxes, func(b Box) bool { return b.Name == codeHolder(m.Slot) })
	return nil
}

// stretchBackup is argon2id of a normalised code with the set's parameters.
func stretchBackup(code, params string) ([]byte, error) {
	p, salt, err := decodeParams(params)
	if err != nil {
		return nil, Fail(KindDataCorrupt, "error.backup-codes.damaged")
	}
	return argon2id([]byte(code), salt, p, hashLen), nil
}

// BackupCodeKey is the private key code stretches to in a set with params, of account id:
// what opens its box. Twostep finds it through Find; tests that play someone holding a code
// from an older set use it to try that code on every box of a later file.
func BackupCodeKey(code, params string, id AccountID) ([]byte, error) {
	norm, err := NormalizeBackupCode(code)
	if err != nil {
		return nil, err
	}
	out, err := stretchBackup(norm, params)
	if err != nil {
		return nil, err
	}
	return derive(out, "backup code key", id), nil
}
