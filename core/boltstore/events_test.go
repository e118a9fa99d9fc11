package boltstore

import (
	"strconv"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
)

func TestEventsCap(t *testing.T) {
	tests := []struct {
		name  string
		batch int // events per AppendEvents call
	}{
		{"one at a time", 1},
		{"in batches", 7},
		{"all at once", 1004},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, _ := openTemp(t)
			s.db.NoSync = true // a thousand fsyncs would test the disk, not the trimming
			a := sampleAccount("alice")
			// Event i has Name i: 0 comes with the account, then 1..1004.
			if err := s.CreateAccount(a, event("0")); err != nil {
				t.Fatal(err)
			}
			const total = core.MaxEvents + 5
			var batch []core.Event
			for i := 1; i < total; i++ {
				batch = append(batch, event(strconv.Itoa(i)))
				if len(batch) == tt.batch || i == total-1 {
					if err := s.AppendEvents(a.ID, batch...); err != nil {
						t.Fatal(err)
					}
					batch = nil
				}
			}

			got, err := s.Events(a.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != core.MaxEvents {
				t.Fatalf("kept %d events, want %d", len(got), core.MaxEvents)
			}
			for i, e := range got {
				if want := strconv.Itoa(total - 1 - i); e.Name != want {
					t.Fatalf("event %d is %q, want %q (newest first, oldest dropped)", i, e.Name, want)
				}
			}
			var keys int
			s.db.View(func(tx *bolt.Tx) error {
				keys = tx.Bucket(bucketEvents).Bucket([]byte(a.ID)).Stats().KeyN
				return nil
			})
			if keys != core.MaxEvents {
				t.Errorf("bucket holds %d events, want %d", keys, core.MaxEvents)
			}
		})
	}
}

func TestEventsLimit(t *testing.T) {
	s, _ := openTemp(t)
	a := sampleAccount("alice")
	if err := s.CreateAccount(a); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Events(a.ID, 10); err != nil || len(got) != 0 {
		t.Fatalf("Events of a quiet account = %v, %v; want none", got, err)
	}
	if err := s.AppendEvents(a.ID, event("1"), event("2"), event("3")); err != nil {
		t.Fatal(err)
	}
	if err := s.AppendEvents(a.ID); err != nil {
		t.Fatalf("AppendEvents with no events: %v", err)
	}
	tests := []struct {
		n    int
		want string
	}{{-1, "321"}, {0, "321"}, {1, "3"}, {2, "32"}, {3, "321"}, {50, "321"}}
	for _, tt := range tests {
		got, err := s.Events(a.ID, tt.n)
		if err != nil {
			t.Fatal(err)
		}
		var details string
		for _, e := range got {
			details += e.Name
		}
		if details != tt.want {
			t.Errorf("Events(n=%d) = %q, want %q", tt.n, details, tt.want)
		}
	}
	got, _ := s.Events(a.ID, 1)
	if want := event("3"); got[0] != want {
		t.Errorf("event round trip = %+v, want %+v", got[0], want)
	}
}

func TestEventsAreKeptPerAccount(t *testing.T) {
	s, _ := openTemp(t)
	a, b := sampleAccount("alice"), sampleAccount("bob")
	if err := s.CreateAccount(a, event("a")); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateAccount(b, event("b")); err != nil {
		t.Fatal(err)
	}
	for _, acc := range []core.Account{a, b} {
		got, err := s.Events(acc.ID, 0)
		if err != nil || len(got) != 1 || got[0].Name != acc.Username[:1] {
			t.Errorf("Events(%s) = %+v, %v", acc.Username, got, err)
		}
	}
}
