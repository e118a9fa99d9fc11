package core

import (
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"math/big"
	"runtime"
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

// BackupCodes is the stored set. In a schema-2 set (Version 2) each code also unwraps the
// set's recovery key (Wraps[i]), which with the password unwraps the account key: the way back
// in on a computer whose keyring lacks the account's key. A used code keeps its hash, so that
// typing it again can be called what it is, and loses its wrap. A set made by Twostep 0.1
// (Version 0) only has hashes, emptied when used; the upgrade replaces it.
type BackupCodes struct {
	Version   int       `json:"version,omitempty"`
	Params    string    `json:"params"` // "$argon2id$v=19$m=..,t=..,p=..$salt"
	Hashes    [][]byte  `json:"hashes"`
	Wraps     [][]byte  `json:"wraps,omitempty"`
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

// NewBackupCodes makes a fresh set whose codes each unwrap recovery: the codes to show once,
// and what to store. The argon2id runs are spread over the cores.
func NewBackupCodes(now time.Time, recovery []byte, id AccountID) ([]string, BackupCodes, error) {
	params := NewKeyParams(BackupParams)
	set := BackupCodes{Version: Schema, Params: params, Generated: now, Unseen: true,
		Hashes: make([][]byte, BackupCodeCount), Wraps: make([][]byte, BackupCodeCount), Used: make([]bool, BackupCodeCount)}
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
				errs[i] = set.fill(i, strings.ReplaceAll(codes[i], "-", ""), recovery, id)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, BackupCodes{}, err
	}
	return codes, set, nil
}

// fill stores slot i of a new set: the hash that finds the code, and the recovery key under it.
func (b *BackupCodes) fill(i int, code string, recovery []byte, id AccountID) error {
	out, err := stretchBackup(code, b.Params)
	if err != nil {
		return err
	}
	b.Hashes[i] = derive(out, "backup code hash", id)
	b.Wraps[i], err = Seal(derive(out, "backup code wrap", id), recovery, backupWrapAAD(id, i))
	return err
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

// Match is a backup code found in a set: its slot, and the key its wrap opens with.
type Match struct {
	Slot   int
	params string // of the set it was found in
	wrap   []byte // nil in a Twostep 0.1 set
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
	if b.Version >= Schema {
		h, m.wrap = derive(out, "backup code hash", id), derive(out, "backup code wrap", id)
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

// RecoveryKey opens the recovery key with a code Find matched.
func (b BackupCodes) RecoveryKey(m Match, id AccountID) ([]byte, error) {
	if m.wrap == nil || m.Slot >= len(b.Wraps) || len(b.Wraps[m.Slot]) == 0 {
		return nil, Fail(KindComputerKeyMissing, "")
	}
	rk, err := Open(m.wrap, b.Wraps[m.Slot], backupWrapAAD(id, m.Slot))
	if err != nil {
		return nil, Fail(KindDataTampered, "")
	}
	return rk, nil
}

// MarkUsed empties the slot m found. It fails with KindCodeReused if the slot was used
// meanwhile or the set was replaced, so a code found before a transaction cannot be spent
// twice.
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

// stretchBackup is argon2id of a normalised code with the set's parameters.
func stretchBackup(code, params string) ([]byte, error) {
	p, salt, err := decodeParams(params)
	if err != nil {
		return nil, Fail(KindDataCorrupt, "error.backup-codes.damaged")
	}
	return argon2id([]byte(code), salt, p, hashLen), nil
}
