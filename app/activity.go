package app

import (
	"time"

	"github.com/twostep-app/twostep/core"
)

// FailedSignIns is how many sign-ins failed (a wrong password, code or backup code) since
// the last successful one, and when the newest did.
type FailedSignIns struct {
	Count int
	Last  time.Time
}

// failedSince counts the failed sign-ins recorded after the account's newest successful one.
// It reads the activity newest first, a few events at a time: the last sign-in is nearly
// always among the first.
func (s *Service) failedSince(id core.AccountID) (FailedSignIns, error) {
	var f FailedSignIns
	for n := 4; ; n *= 4 {
		events, err := s.store.Events(id, n)
		if err != nil {
			return FailedSignIns{}, err
		}
		f = FailedSignIns{}
		for _, ev := range events {
			switch ev.Kind {
			case core.EventSignIn:
				return f, nil
			case core.EventSignInFailed:
				if f.Count++; f.Count == 1 {
					f.Last = ev.Time
				}
			}
		}
		if len(events) < n {
			return f, nil // the whole activity read, and no earlier sign-in
		}
	}
}
