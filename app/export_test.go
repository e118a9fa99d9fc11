package app

import "github.com/twostep-app/twostep/core"

// What the tests of package app_test look at inside a Service: the keys in memory.

// SessionAccountKey is the account key the session holds, as stored (not a copy), or nil.
func SessionAccountKey(sess *Session) core.AccountKey {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	if sess.keys == nil {
		return nil
	}
	return sess.keys.account
}

// SessionKeyMemory is the memory of every key the session holds, as stored.
func SessionKeyMemory(sess *Session) [][]byte {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	return sess.keys.memory()
}

// ChallengeKeyMemory is the memory of every key a pending sign-in holds, as stored, and
// whether it is still pending.
func ChallengeKeyMemory(s *Service, id string) ([][]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, ok := s.challenges[id]
	if !ok {
		return nil, false
	}
	return ch.keys.memory(), true
}

func (k *keys) memory() [][]byte {
	if k == nil {
		return nil
	}
	out := [][]byte{k.account, k.password}
	if k.computer != nil {
		out = append(out, k.computer.Key)
	}
	return out
}
