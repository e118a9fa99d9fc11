package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/twostep-app/twostep/core"

	"github.com/twostep-app/twostep/internal/testenv"
)

// BenchmarkSignInPasswordAndCode is a whole two-step sign-in on a real data file and the
// real keyring: throttle check, argon2id, keyring read, code check, one bbolt write. Its
// "ms-over-argon2id" is what the sign-in costs beyond one argon2id run, timed in the same
// loop (argon2id alone varies by more than the budget from one run to the next here).
func BenchmarkSignInPasswordAndCode(b *testing.B) {
	e := newEnv(b)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, _ := e.enable(sess)
	overArgon2(b, e, func() {
		res, err := e.svc.SignIn(alice, testenv.AlicePW)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.svc.SubmitCode(res.Challenge, e.nextCode(secret), false); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkSignInTrustedDevice is the sign-in people do most: password on a trusted device.
func BenchmarkSignInTrustedDevice(b *testing.B) {
	e := newEnv(b)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, _ := e.enable(sess)
	e.signInWithCode(alice, testenv.AlicePW, secret, true)
	overArgon2(b, e, func() {
		if res, err := e.svc.SignIn(alice, testenv.AlicePW); err != nil || res.Session == nil {
			b.Fatal("trusted sign-in did not complete", err)
		}
	})
}

// overArgon2 times signIn and, before each, one argon2id run with the account's parameters,
// and reports the difference of their means as ms-over-argon2id.
func overArgon2(b *testing.B, e *env, signIn func()) {
	a, err := e.db.AccountByUsername(alice)
	if err != nil {
		b.Fatal(err)
	}
	overWork(b, func() {
		if _, err := core.StretchPassword(testenv.AlicePW, a.Keys.Params); err != nil {
			b.Fatal(err)
		}
	}, signIn)
}

// overWork times op and, before each, the argon2id runs it makes (argon), and reports the
// difference of their means as ms-over-argon2id: what op costs beyond its slow part, timed in
// the same loop (argon2id alone varies by more than the budgets from one run to the next).
func overWork(b *testing.B, argon, op func()) {
	var slow, whole time.Duration
	for b.Loop() {
		start := time.Now()
		argon()
		mid := time.Now()
		op()
		slow, whole = slow+mid.Sub(start), whole+time.Since(mid)
	}
	n := float64(b.N)
	b.ReportMetric(float64(whole-slow)/n/1e6, "ms-over-argon2id")
	b.ReportMetric(float64(slow)/n/1e6, "ms-argon2id")
}

// The security changes that move the account to a fresh key, each beyond its argon2id runs
// (the budget is 50 ms): a password change (the current password checked, the new one
// stretched), new backup codes (the password checked, ten codes stretched) and a sign-in with
// a backup code (the password and the code stretched).
func BenchmarkRekeyingChanges(b *testing.B) {
	b.Run("change password", func(b *testing.B) {
		e := newEnv(b)
		sess := e.signUp(alice, testenv.AlicePW)
		secret, _ := e.enable(sess)
		pws := [2]string{testenv.AlicePW, testenv.OtherPW}
		i := 0
		overWork(b, func() { stretchTwice(b, e, pws[i%2]) }, func() {
			testenv.Must(b, e.svc.ChangePassword(sess, pws[i%2], pws[(i+1)%2], e.nextCode(secret)))
			i++
		})
	})
	b.Run("new backup codes", func(b *testing.B) {
		e := newEnv(b)
		sess := e.signUp(alice, testenv.AlicePW)
		secret, _ := e.enable(sess)
		a, _ := e.db.AccountByUsername(alice)
		overWork(b, func() {
			mustStretch(b, testenv.AlicePW, a.Keys.Params)
			if _, _, err := core.NewBackupCodes(e.clock.Now(), a.ID); err != nil {
				b.Fatal(err)
			}
		}, func() {
			if _, err := e.svc.RegenerateBackupCodes(sess, testenv.AlicePW, e.nextCode(secret)); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("sign in with a backup code", func(b *testing.B) {
		e := newEnv(b)
		sess := e.signUp(alice, testenv.AlicePW)
		secret, codes := e.enable(sess)
		a, _ := e.db.AccountByUsername(alice)
		overWork(b, func() {
			if len(codes) == 0 { // not timed as the sign-in's own: a fresh set now and then
				var err error
				if codes, err = e.svc.RegenerateBackupCodes(sess, testenv.AlicePW, e.nextCode(secret)); err != nil {
					b.Fatal(err)
				}
				a, _ = e.db.AccountByUsername(alice)
			}
			mustStretch(b, testenv.AlicePW, a.Keys.Params)
			if _, err := core.BackupCodeKey(codes[0], a.BackupCodes.Params, a.ID); err != nil {
				b.Fatal(err)
			}
		}, func() {
			res, err := e.svc.SignIn(alice, testenv.AlicePW)
			if err != nil {
				b.Fatal(err)
			}
			if sess, _, err = e.svc.SubmitBackupCode(res.Challenge, codes[0], false); err != nil {
				b.Fatal(err)
			}
			codes = codes[1:]
		})
	})
}

// stretchTwice is what a password change stretches: the current password, and the new one
// with fresh parameters of the same cost.
func stretchTwice(b *testing.B, e *env, pw string) {
	a, err := e.db.AccountByUsername(alice)
	if err != nil {
		b.Fatal(err)
	}
	mustStretch(b, pw, a.Keys.Params)
	mustStretch(b, pw, core.NewPasswordParams())
}

// BenchmarkPasswordStrength is the strength meter's cost per key press, for a typical
// password and for the longest input it rates (longer input is cut to 100 characters).
func BenchmarkPasswordStrength(b *testing.B) {
	for _, pw := range []struct{ name, pw string }{
		{"typical", "correct horse battery staple 42"},
		{"longest", strings.Repeat("Tr0ub4dor&3-", 9)},
	} {
		b.Run(pw.name, func(b *testing.B) {
			for b.Loop() {
				core.PasswordStrength(pw.pw, "alice")
			}
		})
	}
}

// BenchmarkCodeStep is the second step alone: the verification code after the password.
func BenchmarkCodeStep(b *testing.B) {
	e := newEnv(b)
	sess, _ := e.svc.CreateAccount(alice, testenv.AlicePW)
	enr, _ := e.svc.BeginEnrolment(sess)
	if _, err := e.svc.ConfirmEnrolment(sess, e.code(enr.Secret)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		res, err := e.svc.SignIn(alice, testenv.AlicePW)
		if err != nil {
			b.Fatal(err)
		}
		code := e.nextCode(enr.Secret)
		b.StartTimer()
		if _, err := e.svc.SubmitCode(res.Challenge, code, false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEnrolment is turning two-step on: a new secret, then confirming it with a code.
func BenchmarkEnrolment(b *testing.B) {
	e := newEnv(b)
	for b.Loop() {
		b.StopTimer()
		sess, err := e.svc.CreateAccount("u"+string(core.NewAccountID())[:12], testenv.AlicePW)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		enr, err := e.svc.BeginEnrolment(sess)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.svc.ConfirmEnrolment(sess, e.code(enr.Secret)); err != nil {
			b.Fatal(err)
		}
	}
}
