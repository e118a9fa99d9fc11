package app_test

import (
	"testing"
)

// BenchmarkSignInPasswordAndCode is a whole two-step sign-in on a real data file and the
// real keyring: throttle check, argon2id, keyring reads, code check, one bbolt write.
func BenchmarkSignInPasswordAndCode(b *testing.B) {
	e := newEnv(b)
	sess, err := e.svc.CreateAccount(alice, alicePW)
	if err != nil {
		b.Fatal(err)
	}
	enr, _ := e.svc.BeginEnrolment(sess)
	if _, err := e.svc.ConfirmEnrolment(sess, e.code(enr.Secret)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := e.svc.SignIn(alice, alicePW)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.svc.SubmitCode(res.Challenge, e.nextCode(enr.Secret), false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignInTrustedDevice is the sign-in people do most: password on a trusted device.
func BenchmarkSignInTrustedDevice(b *testing.B) {
	e := newEnv(b)
	sess, _ := e.svc.CreateAccount(alice, alicePW)
	enr, _ := e.svc.BeginEnrolment(sess)
	if _, err := e.svc.ConfirmEnrolment(sess, e.code(enr.Secret)); err != nil {
		b.Fatal(err)
	}
	res, _ := e.svc.SignIn(alice, alicePW)
	if _, err := e.svc.SubmitCode(res.Challenge, e.nextCode(enr.Secret), true); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if res, err := e.svc.SignIn(alice, alicePW); err != nil || res.Session == nil {
			b.Fatal("trusted sign-in did not complete", err)
		}
	}
}
