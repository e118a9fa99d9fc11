package app_test

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/testenv"
)

// As a phone would: read the QR code with zbarimg, compute the code with oathtool, and
// use it to turn 2FA on and then to sign in.
func TestAuthenticatorAppInterop(t *testing.T) {
	t.Parallel()
	zbarimg, oathtool := testenv.NeedTool(t, "zbarimg"), testenv.NeedTool(t, "oathtool")
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	enr, err := e.svc.BeginEnrolment(sess)
	testenv.Must(t, err)
	png, err := enr.QRPNG(256)
	testenv.Must(t, err)
	qrFile := filepath.Join(testenv.TempDir(t), "qr.png")
	testenv.Must(t, os.WriteFile(qrFile, png, 0o600))

	out, err := exec.Command(zbarimg, "--raw", "-q", qrFile).Output()
	if err != nil {
		t.Fatalf("zbarimg could not read the QR code: %v", err)
	}
	uri := strings.TrimSpace(string(out))
	u, err := url.Parse(uri)
	testenv.Must(t, err)
	if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/Twostep:"+alice || u.Query().Get("issuer") != "Twostep" {
		t.Fatalf("QR code holds %q", uri)
	}
	secret := u.Query().Get("secret")
	if strings.ReplaceAll(enr.SetupKey, " ", "") != secret {
		t.Fatalf("setup key %q does not match the QR secret %q", enr.SetupKey, secret)
	}
	phone := func() string {
		at := "@" + strconv.FormatInt(e.clock.Now().Unix(), 10)
		out, err := exec.Command(oathtool, "--totp", "-b", secret, "-N", at).Output()
		if err != nil {
			t.Fatalf("oathtool: %v", err)
		}
		return strings.TrimSpace(string(out))
	}
	_, err = e.svc.ConfirmEnrolment(sess, phone())
	testenv.Must(t, err)
	testenv.Must(t, e.svc.SignOut(sess))
	ch := e.challenge(alice, testenv.AlicePW)
	e.clock.Advance(core.Period)
	if _, err := e.svc.SubmitCode(ch, phone(), false); err != nil {
		t.Fatalf("sign-in with the phone's code: %v", err)
	}
}
