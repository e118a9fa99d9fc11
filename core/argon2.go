package core

import (
	"sync/atomic"

	"golang.org/x/crypto/argon2"
)

// argon2Runs counts every argon2id run, so that tests can hold a sign-in to one.
var argon2Runs atomic.Int64

// Argon2Runs is how many argon2id runs this process has made.
func Argon2Runs() int64 { return argon2Runs.Load() }

// argon2id is the one place Twostep stretches anything: every password and backup code.
func argon2id(secret, salt []byte, p KDFParams, keyLen uint32) []byte {
	argon2Runs.Add(1)
	return argon2.IDKey(secret, salt, p.Time, p.Memory, p.Threads, keyLen)
}
