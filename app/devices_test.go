package app_test

import (
	"testing"

	"twostep/app"
	"twostep/core"
)

// trusted sets up alice with 2FA, signed in once on this device with "trust this device".
func trusted(t *testing.T) (*env, string, *app.Session) {
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	secret, _ := e.enable(sess)
	must(t, e.svc.SignOut(sess))
	sess = e.signInWithCode(alice, alicePW, secret, true)
	return e, secret, sess
}

func TestTrustedDeviceSkipsTheCode(t *testing.T) {
	t.Parallel()
	e, _, sess := trusted(t)
	must(t, e.svc.SignOut(sess)) // a plain sign-out keeps the trust
	e.restart()
	res := e.signIn(alice, alicePW)
	if res.Session == nil {
		t.Fatal("a trusted device was asked for a code")
	}
	devs, err := e.svc.Devices(res.Session)
	must(t, err)
	if len(devs) != 1 || !devs[0].ThisDevice || devs[0].Name != deviceNm {
		t.Fatalf("devices = %+v, want this one device named %q", devs, deviceNm)
	}
	// A wrong password still fails on a trusted device.
	_, err = e.svc.SignIn(alice, "wrong password entirely")
	wantKind(t, err, core.KindWrongCredentials)
}

func TestUntrustedSignInAsksAgain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, alicePW)
	secret, _ := e.enable(sess)
	sess = e.signInWithCode(alice, alicePW, secret, false)
	must(t, e.svc.SignOut(sess))
	e.challenge(alice, alicePW)
}

// Each way trust ends, as the seed lists them, then the next sign-in here asks for a code.
func TestTrustEnds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		end  func(e *env, secret string, sess *app.Session)
	}{
		{"sign out completely", func(e *env, _ string, sess *app.Session) {
			must(e.t, e.svc.SignOutCompletely(sess))
		}},
		{"keyring entry erased", func(e *env, _ string, sess *app.Session) {
			must(e.t, e.secrets.Delete(sess.ID, core.SlotDevice))
		}},
		{"password changed", func(e *env, secret string, sess *app.Session) {
			must(e.t, e.svc.ChangePassword(sess, alicePW, otherPW, e.nextCode(secret)))
			must(e.t, e.svc.ChangePassword(sess, otherPW, alicePW, e.nextCode(secret)))
		}},
		{"this device revoked", func(e *env, _ string, sess *app.Session) {
			devs, err := e.svc.Devices(sess)
			must(e.t, err)
			must(e.t, e.svc.RevokeDevice(sess, devs[0].ID))
		}},
		{"all devices revoked", func(e *env, _ string, sess *app.Session) {
			must(e.t, e.svc.RevokeAllDevices(sess))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, secret, sess := trusted(t)
			tt.end(e, secret, sess)
			ch := e.challenge(alice, alicePW)
			sess, err := e.svc.SubmitCode(ch, e.nextCode(secret), false)
			must(t, err)
			devs, err := e.svc.Devices(sess)
			must(t, err)
			wantLeft := 0
			if tt.name == "keyring entry erased" {
				wantLeft = 1 // the record stays until revoked, but nothing here matches it
			}
			if len(devs) != wantLeft || (wantLeft == 1 && devs[0].ThisDevice) {
				t.Fatalf("devices after %s: %+v", tt.name, devs)
			}
		})
	}
}

func TestRevokeOtherDeviceKeepsThisOne(t *testing.T) {
	t.Parallel()
	e, secret, sess := trusted(t)
	// A second machine: same data file and keyring would share the token, so give the
	// other device its own keyring slot by signing in on a Service with another name and
	// then moving this machine's token aside.
	mine, err := e.secrets.Get(sess.ID, core.SlotDevice)
	must(t, err)
	must(t, e.secrets.Delete(sess.ID, core.SlotDevice))
	other := e.signInWithCode(alice, alicePW, secret, true)
	must(t, e.secrets.Set(sess.ID, core.SlotDevice, mine))
	devs, err := e.svc.Devices(other)
	must(t, err)
	if len(devs) != 2 {
		t.Fatalf("%d devices, want 2", len(devs))
	}
	var otherID string
	for _, d := range devs {
		if !d.ThisDevice {
			otherID = d.ID
		}
	}
	must(t, e.svc.RevokeDevice(other, otherID))
	if res := e.signIn(alice, alicePW); res.Session == nil {
		t.Fatal("revoking another device ended this device's trust")
	}
	wantKind(t, e.svc.RevokeDevice(other, otherID), core.KindNotFound)
}
