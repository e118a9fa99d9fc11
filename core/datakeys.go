package core

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"unicode/utf8"
)

// A program that puts its window behind Twostep's sign-in (ui/gate) keeps its own data
// sealed under the account. Each purpose it names ("notes") has data keys, sealed in the
// record under the account key: so the keyring alone and the file alone open none of them,
// as with the profile.
//
// Every security change (Rekey) gives every purpose a new data key and keeps the older ones,
// sealed under the new account key. So data sealed before still opens, while an old copy of
// the file, opened with whatever was valid then, yields only the data keys of its day: what
// was sealed after the change is out of its reach. The data Twostep keeps for the program
// (app's Service.PutData) is sealed again under the newest key right after each change;
// bytes the program keeps in files of its own open as "stale" until it seals them again.

// DataKeys are an account's data keys, by purpose, oldest first.
type DataKeys map[string][]DataKey

// DataKey is one generation of a purpose's key.
type DataKey struct {
	Gen uint32 `json:"gen"`
	Key []byte `json:"key"`
}

// MaxPurposeLen and MaxDataNameLen bound what a program may call its purposes and entries.
const (
	MaxPurposeLen  = 64
	MaxDataNameLen = 256
)

// dataVersion is the first byte of what SealData makes.
const dataVersion = 1

// CheckPurpose fails with KindInvalid unless purpose can name a program's data: 1 to
// MaxPurposeLen bytes of printable UTF-8.
func CheckPurpose(purpose string) error {
	return checkLabel(purpose, MaxPurposeLen, "purpose")
}

// CheckDataName fails with KindInvalid unless name can name an entry of a program's data.
func CheckDataName(name string) error { return checkLabel(name, MaxDataNameLen, "name") }

func checkLabel(s string, max int, what string) error {
	if s == "" || len(s) > max || !utf8.ValidString(s) {
		return Wrap(KindInvalid, fmt.Errorf("a data %s of %d bytes (1 to %d of UTF-8)", what, len(s), max))
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return Wrap(KindInvalid, fmt.Errorf("a data %s with a control character", what))
		}
	}
	return nil
}

// OpenDataKeys opens the record's data keys with ak (none: an empty set).
func (a Account) OpenDataKeys(ak AccountKey) (DataKeys, error) {
	keys := DataKeys{}
	if len(a.DataKeys) == 0 {
		return keys, nil
	}
	plain, err := ak.open("data keys", a.ID, a.DataKeys)
	if err != nil {
		return nil, err
	}
	defer clear(plain)
	if err := json.Unmarshal(plain, &keys); err != nil {
		return nil, Wrap(KindDataCorrupt, err)
	}
	return keys, nil
}

// SealDataKeys stores keys in the record under ak. The caller signs the record after.
func (a *Account) SealDataKeys(ak AccountKey, keys DataKeys) error {
	if len(keys) == 0 {
		a.DataKeys = nil
		return nil
	}
	plain, err := json.Marshal(keys)
	if err != nil {
		return Wrap(KindInternal, err)
	}
	defer clear(plain)
	a.DataKeys, err = ak.seal("data keys", a.ID, plain)
	return err
}

// Add gives purpose its first key, if it has none, and reports whether it did.
func (k DataKeys) Add(purpose string) bool {
	if len(k[purpose]) > 0 {
		return false
	}
	k[purpose] = []DataKey{{Gen: 1, Key: randomBytes(KeyLen)}}
	return true
}

// Next gives every purpose a new key, the older ones kept.
func (k DataKeys) Next() {
	for _, p := range slices.Sorted(maps.Keys(k)) {
		gens := k[p]
		k[p] = append(gens, DataKey{Gen: gens[len(gens)-1].Gen + 1, Key: randomBytes(KeyLen)})
	}
}

// Wipe zeroes every key.
func (k DataKeys) Wipe() {
	for _, gens := range k {
		for _, g := range gens {
			clear(g.Key)
		}
	}
}

// current is purpose's newest key.
func (k DataKeys) current(purpose string) (DataKey, bool) {
	gens := k[purpose]
	if len(gens) == 0 {
		return DataKey{}, false
	}
	return gens[len(gens)-1], true
}

// SealData seals plain for purpose under its newest key, bound to the account and to name
// (the entry it is stored as, or "" for bytes the program keeps itself), so it opens for no
// other account, purpose or entry.
func (k DataKeys) SealData(id AccountID, purpose, name string, plain []byte) ([]byte, error) {
	key, ok := k.current(purpose)
	if !ok {
		return nil, Wrap(KindInternal, fmt.Errorf("no data key for %q", purpose))
	}
	head := binary.BigEndian.AppendUint32([]byte{dataVersion}, key.Gen)
	sealed, err := Seal(derive(key.Key, "data "+purpose, id), plain, dataAAD(id, purpose, name, head))
	if err != nil {
		return nil, err
	}
	return append(head, sealed...), nil
}

// OpenData opens what SealData made. stale says it was sealed under an older key than the
// newest: seal it again, so that an old copy of the data file cannot open it. Bytes that do
// not open (changed, or sealed for something else) are KindDataTampered.
func (k DataKeys) OpenData(id AccountID, purpose, name string, sealed []byte) (plain []byte, stale bool, err error) {
	if len(sealed) < 5 || sealed[0] != dataVersion {
		return nil, false, Wrap(KindDataTampered, errors.New("not data Twostep sealed"))
	}
	head, body := sealed[:5], sealed[5:]
	gen := binary.BigEndian.Uint32(head[1:])
	i := slices.IndexFunc(k[purpose], func(d DataKey) bool { return d.Gen == gen })
	if i < 0 {
		return nil, false, Wrap(KindDataTampered, fmt.Errorf("no data key of generation %d for %q", gen, purpose))
	}
	plain, err = Open(derive(k[purpose][i].Key, "data "+purpose, id), body, dataAAD(id, purpose, name, head))
	if err != nil {
		return nil, false, Wrap(KindDataTampered, err)
	}
	return plain, i < len(k[purpose])-1, nil
}

func dataAAD(id AccountID, purpose, name string, head []byte) string {
	// Lengths first: no purpose and name can be read as another pair.
	return fmt.Sprintf("twostep data %s %d:%s %d:%s %x", id, len(purpose), purpose, len(name), name, head)
}
