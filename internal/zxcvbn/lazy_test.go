package zxcvbn

import (
	"sync"
	"testing"

	"github.com/twostep-app/twostep/internal/zxcvbn/frequency"
)

// The word lists are not built at start-up, and the first callers, racing, all get the
// full estimate (run under -race, an unguarded lazy load fails here).
func TestWordListsLoadOnFirstUseOnly(t *testing.T) {
	if n := len(frequency.Lists); n != 0 {
		t.Fatalf("%d word lists were built before first use", n)
	}
	scores := make([]int, 8)
	var wg sync.WaitGroup
	for i := range scores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			scores[i] = PasswordStrength("password1", nil).Score
		}()
	}
	wg.Wait()
	for i, s := range scores {
		if s != 0 {
			t.Errorf("caller %d: \"password1\" (on the common-password list) scored %d, want 0", i, s)
		}
	}
	if n := len(frequency.Lists); n != 5 {
		t.Fatalf("%d word lists after first use, want 5", n)
	}
}
