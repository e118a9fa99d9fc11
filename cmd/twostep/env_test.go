//go:build wine || deb

package main

import (
	"os"
	"testing"
)

// needEnv returns an environment variable that must be set.
func needEnv(t *testing.T, name, what string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Fatalf("%s is not set: it names %s; run scripts/test, which sets it", name, what)
	}
	return v
}
