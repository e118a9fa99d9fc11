package app_test

import (
	"testing"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/core/keyring/keyringtest"

	"github.com/twostep-app/twostep/internal/testenv"
)

// trusted sets up alice with 2FA, signed in once on this device with "trust this device".
func trusted(t *testing.T) (*env, string, *app.Session) {
	e, secret, _, sess := trustedWithCodes(t)
	return e, secret, sess
}

func trustedWithCodes(t *testing.T) (*env, string, []string, *app.Session) {
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, codes := e.enable(sess)
	testenv.Must(t, e.svc.SignOut(sess))
	sess = e.signInWithCode(alice, testenv.AlicePW, secret, true)
	return e, secret, codes, sess
}

func TestTrustedDeviceSkipsTheCode(t *testing.T) {
	t.Parallel()
	e, _, sess := trusted(t)
	testenv.Must(t, e.svc.SignOut(sess)) // a plain sign-out keeps the trust
	e.restart()
	res := e.signIn(alice, testenv.AlicePW)
	if res.Session == nil {
		t.Fatal("a trusted device was asked for a code")
	}
	devs, err := e.svc.Devices(res.Session)
	testenv.Must(t, err)
	if len(devs) != 1 || !devs[0].ThisDevice || devs[0].Name != testenv.DeviceNm {
		t.Fatalf("devices = %+v, want this one device named %q", devs, testenv.DeviceNm)
	}
	// A wrong password still fails on a trusted device.
	_, err = e.svc.SignIn(alice, "wrong password entirely")
	testenv.WantKind(t, err, core.KindWrongCredentials)
}

func TestUntrustedSignInAsksAgain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, _ := e.enable(sess)
	sess = e.signInWithCode(alice, testenv.AlicePW, secret, false)
	testenv.Must(t, e.svc.SignOut(sess))
	e.challenge(alice, testenv.AlicePW)
}

// Each way trust ends, as the seed lists them; then the next sign-in here asks for a code,
// or, once this computer's keyring lost its key, for a backup code.
func TestTrustEnds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		end  func(e *env, secret string, sess *app.Session)
	}{
		{"sign out completely", func(e *env, _ string, sess *app.Session) {
			testenv.Must(e.t, e.svc.SignOutCompletely(sess))
		}},
		{"keyring entry erased", func(e *env, _ string, sess *app.Session) {
			testenv.Must(e.t, e.secrets.Delete(sess.ID, core.SlotComputerKey))
		}},
		{"password changed", func(e *env, secret string, sess *app.Session) {
			testenv.Must(e.t, e.svc.ChangePassword(sess, testenv.AlicePW, testenv.OtherPW, e.nextCode(secret)))
			testenv.Must(e.t, e.svc.ChangePassword(sess, testenv.OtherPW, testenv.AlicePW, e.nextCode(secret)))
		}},
		{"this device revoked", func(e *env, _ string, sess *app.Session) {
			devs, err := e.svc.Devices(sess)
			testenv.Must(e.t, err)
			testenv.Must(e.t, e.svc.RevokeDevice(sess, devs[0].ID))
		}},
		{"all devices revoked", func(e *env, _ string, sess *app.Session) {
			testenv.Must(e.t, e.svc.RevokeAllDevices(sess))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, secret, codes, sess := trustedWithCodes(t)
			tt.end(e, secret, sess)
			res := e.signIn(alice, testenv.AlicePW)
			var err error
			switch {
			case res.Session != nil:
				t.Fatal("signed in without a code")
			case res.NeedsBackupCode != (tt.name == "keyring entry erased"):
				t.Fatalf("needs a backup code = %v", res.NeedsBackupCode)
			case res.NeedsBackupCode:
				sess, _, err = e.svc.SubmitBackupCode(res.Challenge, codes[0], false)
			default:
				sess, err = e.svc.SubmitCode(res.Challenge, e.nextCode(secret), false)
			}
			testenv.Must(t, err)
			devs, err := e.svc.Devices(sess)
			testenv.Must(t, err)
			for _, d := range devs {
				// After an erased keyring this computer is set up again under a new ID; the old
				// entry stays until removed, but no key here matches it.
				if d.ThisDevice && d.Trusted {
					t.Fatalf("devices after %s: this one is still trusted: %+v", tt.name, devs)
				}
			}
			if want := map[bool]int{true: 2, false: 1}[tt.name == "keyring entry erased"]; len(devs) != want {
				t.Fatalf("devices after %s: %+v, want %d computers", tt.name, devs, want)
			}
		})
	}
}

// Two computers share one data file (a synced folder), each with its own keyring. The second
// is set up with a backup code; revoking its trust from the first leaves the first trusted,
// and the second still signs in, with a code.
func TestTwoComputersAndRevokingTheOther(t *testing.T) {
	t.Parallel()
	e, secret, codes, sess := trustedWithCodes(t)
	other := app.New(e.db, keyringtest.Require(t), app.WithClock(e.clock.Now), app.WithDeviceName("other-laptop"))
	res, err := other.SignIn(alice, testenv.AlicePW)
	testenv.Must(t, err)
	if !res.NeedsBackupCode {
		t.Fatalf("a computer without a key: %+v", res)
	}
	theirs, _, err := other.SubmitBackupCode(res.Challenge, codes[0], true)
	testenv.Must(t, err)
	devs, err := e.svc.Devices(sess)
	testenv.Must(t, err)
	if len(devs) != 2 {
		t.Fatalf("%d devices, want 2: %+v", len(devs), devs)
	}
	var otherID string
	for _, d := range devs {
		if !d.ThisDevice {
			otherID = d.ID
		}
	}
	if otherID == "" || devs[0].ThisDevice == devs[1].ThisDevice {
		t.Fatalf("devices = %+v, want one of them this one", devs)
	}
	testenv.Must(t, e.svc.RevokeDevice(sess, otherID))
	if res := e.signIn(alice, testenv.AlicePW); res.Session == nil {
		t.Fatal("revoking another device ended this device's trust")
	}
	testenv.WantKind(t, e.svc.RevokeDevice(sess, otherID), core.KindNotFound)
	testenv.Must(t, other.SignOut(theirs))
	res, err = other.SignIn(alice, testenv.AlicePW)
	testenv.Must(t, err)
	if res.Session != nil || res.NeedsBackupCode {
		t.Fatalf("the revoked computer: %+v, want a code asked", res)
	}
	if _, err := other.SubmitCode(res.Challenge, e.nextCode(secret), false); err != nil {
		t.Fatalf("the revoked computer with a code: %v", err)
	}
	// A password change on one computer reaches the other: its key is wrapped again too.
	testenv.Must(t, e.svc.ChangePassword(sess, testenv.AlicePW, testenv.OtherPW, e.nextCode(secret)))
	res, err = other.SignIn(alice, testenv.OtherPW)
	testenv.Must(t, err)
	if res.NeedsBackupCode {
		t.Fatal("after a password change elsewhere, this computer's key no longer fits")
	}
}
