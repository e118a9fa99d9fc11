package core

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// Twostep 0.2's events (English phrases) read as today's codes; today's read as written.
func TestEventsReadFromEitherForm(t *testing.T) {
	at := time.Date(2026, 11, 27, 22, 0, 0, 0, time.UTC)
	tests := []struct {
		stored string
		want   Event
	}{
		{`{"kind":"account created","device":"pc"}`, Event{Kind: EventAccountCreated}},
		{`{"kind":"signed in","device":"pc","detail":"password"}`, Event{Kind: EventSignIn, Method: MethodPassword}},
		{`{"kind":"signed in","device":"pc","detail":"password and verification code"}`, Event{Kind: EventSignIn, Method: MethodPasswordCode}},
		{`{"kind":"signed in","device":"pc","detail":"password and backup code"}`, Event{Kind: EventSignIn, Method: MethodBackupCode}},
		{`{"kind":"signed in","device":"pc","detail":"password on a trusted device"}`, Event{Kind: EventSignIn, Method: MethodTrustedDevice}},
		{`{"kind":"sign-in failed","device":"pc","detail":"wrong password"}`, Event{Kind: EventSignInFailed, Wrong: FactorPassword}},
		{`{"kind":"sign-in failed","device":"pc","detail":"wrong verification code"}`, Event{Kind: EventSignInFailed, Wrong: FactorCode}},
		{`{"kind":"sign-in failed","device":"pc","detail":"wrong backup code"}`, Event{Kind: EventSignInFailed, Wrong: FactorBackupCode}},
		{`{"kind":"confirmation in Settings failed","device":"pc","detail":"wrong verification code"}`, Event{Kind: EventConfirmFailed, Wrong: FactorCode}},
		{`{"kind":"locked out","device":"pc","detail":"after 5 failed attempts, for 30s"}`, Event{Kind: EventLockedOut, Count: 5, Wait: 30 * time.Second}},
		{`{"kind":"locked out","device":"pc","detail":"after 9 failed attempts, for 8m0s"}`, Event{Kind: EventLockedOut, Count: 9, Wait: 8 * time.Minute}},
		{`{"kind":"backup code used","device":"pc","detail":"0 left"}`, Event{Kind: EventBackupUsed}},
		{`{"kind":"backup code used","device":"pc","detail":"7 left"}`, Event{Kind: EventBackupUsed, Count: 7}},
		{`{"kind":"device trusted","device":"pc","detail":"pc"}`, Event{Kind: EventDeviceTrusted, Name: "pc"}},
		{`{"kind":"device revoked","device":"pc","detail":"old laptop"}`, Event{Kind: EventDeviceRevoked, Name: "old laptop"}},
		{`{"kind":"device revoked","device":"pc","detail":"all devices"}`, Event{Kind: EventDeviceRevoked, All: true}},
		{`{"kind":"device revoked","device":"pc","detail":"signed out completely"}`, Event{Kind: EventDeviceRevoked, SignedOut: true}},
		{`{"kind":"password changed","device":"pc","detail":"every trusted device will ask for a code again"}`, Event{Kind: EventPasswordChanged}},
		{`{"kind":"this computer set up again with a backup code","device":"pc"}`, Event{Kind: EventComputerSetUp}},
		{`{"kind":"account protection upgraded","device":"pc"}`, Event{Kind: EventUpgraded}},
		{`{"kind":"signed out","device":"pc"}`, Event{Kind: EventSignOut}},
		{`{"kind":"two-step authentication turned on","device":"pc"}`, Event{Kind: EventTwoFactorOn}},
		{`{"kind":"two-step authentication turned off","device":"pc"}`, Event{Kind: EventTwoFactorOff}},
		{`{"kind":"backup codes generated","device":"pc"}`, Event{Kind: EventBackupGenerated}},
		{`{"kind":"profile updated","device":"pc"}`, Event{Kind: EventProfileUpdated}},
		// A detail 0.2 never wrote is dropped; the kind still reads.
		{`{"kind":"signed in","device":"pc","detail":"by carrier pigeon"}`, Event{Kind: EventSignIn}},
		// Today's form reads as itself, and so does a kind a newer Twostep may add.
		{`{"kind":"signed-in","device":"pc","method":"password+code"}`, Event{Kind: EventSignIn, Method: MethodPasswordCode}},
		{`{"kind":"locked-out","device":"pc","count":6,"wait":60000000000}`, Event{Kind: EventLockedOut, Count: 6, Wait: time.Minute}},
		{`{"kind":"something-new","device":"pc"}`, Event{Kind: "something-new"}},
	}
	for _, tt := range tests {
		var got Event
		stored := `{"time":"2026-11-27T22:00:00Z",` + tt.stored[1:]
		if err := json.Unmarshal([]byte(stored), &got); err != nil {
			t.Fatalf("%s: %v", tt.stored, err)
		}
		tt.want.Time, tt.want.Device = at, "pc"
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s\nread as %+v\nwant    %+v", tt.stored, got, tt.want)
		}
	}
}

// Every kind, method and factor written today reads back as itself, and none of today's
// codes is one of 0.2's phrases (which would be read as the phrase's kind).
func TestEventsRoundTrip(t *testing.T) {
	ev := Event{Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Kind: EventLockedOut, Device: "pc",
		Method: MethodTrustedDevice, Wrong: FactorBackupCode, Name: "x", All: true, SignedOut: true, Count: 3, Wait: time.Hour}
	raw, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	var got Event
	if err := json.Unmarshal(raw, &got); err != nil || !reflect.DeepEqual(got, ev) {
		t.Fatalf("%s read back as %+v, %v", raw, got, err)
	}
	for phrase, kind := range legacyKinds {
		if _, clash := legacyKinds[string(kind)]; clash {
			t.Errorf("the code %q of %q is itself one of 0.2's phrases", kind, phrase)
		}
	}
}
