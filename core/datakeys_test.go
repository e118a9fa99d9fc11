package core

import (
	"bytes"
	"strings"
	"testing"
)

// What a program seals opens for its account, purpose and entry alone, and tells when it
// was sealed under an older key.
func TestDataSealedForItsPlaceAlone(t *testing.T) {
	keys := DataKeys{}
	if !keys.Add("notes") || keys.Add("notes") {
		t.Fatal("Add gives a first key once")
	}
	keys.Add("photos")
	plain := []byte("buy milk")
	sealed, err := keys.SealData("acct-a", "notes", "n1", plain)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, plain) {
		t.Fatal("the sealed bytes hold the text")
	}
	if got, stale, err := keys.OpenData("acct-a", "notes", "n1", sealed); err != nil || stale || !bytes.Equal(got, plain) {
		t.Fatalf("open: %q, stale %v, %v", got, stale, err)
	}
	flipped := bytes.Clone(sealed)
	flipped[len(flipped)-1] ^= 1
	for _, tc := range []struct {
		name           string
		id             AccountID
		purpose, entry string
		sealed         []byte
		keys           DataKeys
	}{
		{"another account", "acct-b", "notes", "n1", sealed, keys},
		{"another purpose", "acct-a", "photos", "n1", sealed, keys},
		{"another entry", "acct-a", "notes", "n2", sealed, keys},
		{"a changed byte", "acct-a", "notes", "n1", flipped, keys},
		{"another version", "acct-a", "notes", "n1", append([]byte{9}, sealed[1:]...), keys},
		{"too short", "acct-a", "notes", "n1", sealed[:3], keys},
		{"another account's keys", "acct-a", "notes", "n1", sealed, func() DataKeys { k := DataKeys{}; k.Add("notes"); return k }()},
	} {
		if _, _, err := tc.keys.OpenData(tc.id, tc.purpose, tc.entry, tc.sealed); !IsKind(err, KindDataTampered) {
			t.Errorf("%s: %v, want KindDataTampered", tc.name, err)
		}
	}
	if _, err := keys.SealData("acct-a", "unknown", "", plain); !IsKind(err, KindInternal) {
		t.Errorf("sealing for a purpose without a key: %v", err)
	}
}

// Rekey gives every purpose a new key and keeps the older ones under the new account key:
// data sealed before opens, and is stale; the keys of an old copy do not open what is sealed
// after.
func TestRekeyGivesDataANewKey(t *testing.T) {
	p := stretch(t, "correct horse")
	a := Account{ID: testAccount, Username: "ada"}
	old := NewAccountKey()
	if err := a.SealUnder(old, p, fastPasswordParams, Profile{}, ""); err != nil {
		t.Fatal(err)
	}
	keys, _ := a.OpenDataKeys(old)
	keys.Add("notes")
	if err := a.SealDataKeys(old, keys); err != nil {
		t.Fatal(err)
	}
	if err := old.Sign(&a); err != nil {
		t.Fatal(err)
	}
	before, err := keys.SealData(a.ID, "notes", "", []byte("before"))
	if err != nil {
		t.Fatal(err)
	}
	copyKeys, _ := a.OpenDataKeys(old) // what an old copy of the file gives
	next, err := a.Rekey(old, p, fastPasswordParams)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.OpenDataKeys(old); err == nil {
		t.Fatal("the old account key opens the new data keys")
	}
	now, err := a.OpenDataKeys(next)
	if err != nil || len(now["notes"]) != 2 || now["notes"][1].Gen != 2 {
		t.Fatalf("after Rekey: %+v, %v", now, err)
	}
	if got, stale, err := now.OpenData(a.ID, "notes", "", before); err != nil || !stale || string(got) != "before" {
		t.Fatalf("data sealed before: %q, stale %v, %v", got, stale, err)
	}
	after, _ := now.SealData(a.ID, "notes", "", []byte("after"))
	if _, _, err := copyKeys.OpenData(a.ID, "notes", "", after); !IsKind(err, KindDataTampered) {
		t.Fatalf("an old copy's data key opened what was sealed after the change: %v", err)
	}
	if next.Verify(a) != nil {
		t.Fatal("the record does not verify under the new key")
	}
}

func TestCheckPurposeAndName(t *testing.T) {
	for _, tc := range []struct {
		s  string
		ok bool
	}{
		{"notes", true}, {"Notizen für Ada", true}, {"", false}, {strings.Repeat("x", MaxPurposeLen), true},
		{strings.Repeat("x", MaxPurposeLen+1), false}, {"a\nb", false}, {"\xff", false},
	} {
		if err := CheckPurpose(tc.s); (err == nil) != tc.ok || (err != nil && !IsKind(err, KindInvalid)) {
			t.Errorf("CheckPurpose(%q) = %v", tc.s, err)
		}
	}
	if CheckDataName(strings.Repeat("x", MaxDataNameLen)) != nil || CheckDataName(strings.Repeat("x", MaxDataNameLen+1)) == nil {
		t.Error("CheckDataName's bound")
	}
}
