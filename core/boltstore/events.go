package boltstore

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/twostep-app/twostep/core"
)

// AppendEvents adds events to the account's activity, dropping the oldest beyond
// core.MaxEvents. An account that does not exist fails with KindNotFound.
func (s *Store) AppendEvents(id core.AccountID, events ...core.Event) error {
	if len(events) == 0 {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketAccounts).Get([]byte(id)) == nil {
			return core.Fail(core.KindNotFound, "")
		}
		return appendEvents(tx, id, events)
	})
}

// Events returns up to n of the account's newest events, newest first; n <= 0 means all.
func (s *Store) Events(id core.AccountID, n int) (events []core.Event, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketAccounts).Get([]byte(id)) == nil {
			return core.Fail(core.KindNotFound, "")
		}
		b := tx.Bucket(bucketEvents).Bucket([]byte(id))
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Last(); k != nil && (n <= 0 || len(events) < n); k, v = c.Prev() {
			var e core.Event
			if err := json.Unmarshal(v, &e); err != nil {
				return core.Wrap(core.KindDataCorrupt, fmt.Errorf("event %x: %w", k, err))
			}
			events = append(events, e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return events, nil
}

// appendEvents keys each event by the bucket's next sequence number, big-endian so that
// byte order is time order, then trims the oldest.
func appendEvents(tx *bolt.Tx, id core.AccountID, events []core.Event) error {
	if len(events) == 0 {
		return nil
	}
	b, err := tx.Bucket(bucketEvents).CreateBucketIfNotExists([]byte(id))
	if err != nil {
		return err
	}
	for _, e := range events {
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		v, err := json.Marshal(e)
		if err != nil {
			return core.Wrap(core.KindInternal, err)
		}
		if err := b.Put(seqKey(seq), v); err != nil {
			return err
		}
	}
	return trimEvents(b)
}

// trimEvents deletes everything older than the newest core.MaxEvents. Sequence numbers are
// never reused and only this trim deletes, so the keys kept are exactly the last MaxEvents.
func trimEvents(b *bolt.Bucket) error {
	last := b.Sequence()
	if last <= core.MaxEvents {
		return nil
	}
	cut := seqKey(last - core.MaxEvents) // this key and all before it go
	var old [][]byte
	c := b.Cursor()
	for k, _ := c.First(); k != nil && bytes.Compare(k, cut) <= 0; k, _ = c.Next() {
		old = append(old, append([]byte(nil), k...))
	}
	// Deleting after the walk: bbolt does not promise where a cursor stands after a change.
	for _, k := range old {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

func seqKey(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }
