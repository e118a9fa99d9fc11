package app_test

import (
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"

	"github.com/twostep-app/twostep/internal/testenv"
)

func TestCreateAccountThenSignInWithPasswordOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	testenv.Must(t, e.svc.SignOut(sess))
	res := e.signIn("ALICE", testenv.AlicePW) // usernames are case-insensitive
	if res.Session == nil || res.Challenge != "" {
		t.Fatalf("without 2FA the password alone should sign in, got %+v", res)
	}
	if res.Session.Username != alice {
		t.Fatalf("session username %q, want %q", res.Session.Username, alice)
	}
}

func TestCreateAccountRules(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signUp(alice, testenv.AlicePW)
	tests := []struct {
		name, user, pw string
		want           core.Kind
	}{
		{"taken, other case", "Alice", testenv.OtherPW, core.KindUsernameTaken},
		{"short username", "al", testenv.OtherPW, core.KindInvalid},
		{"username with space", "al ice", testenv.OtherPW, core.KindInvalid},
		{"short password", "bob", "abc123", core.KindInvalid},
		{"common password", "bob", "password123", core.KindInvalid},
		{"password holds username", "bobbyt", "bobbyt-rocks-the-harbour", core.KindInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.svc.CreateAccount(tt.user, tt.pw)
			testenv.WantKind(t, err, tt.want)
		})
	}
}

func TestUnknownUsernameLooksLikeWrongPassword(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signUp(alice, testenv.AlicePW)
	_, wrongPW := e.svc.SignIn(alice, "not-her-password-at-all")
	_, unknown := e.svc.SignIn("mallory", "not-her-password-at-all")
	testenv.WantKind(t, wrongPW, core.KindWrongCredentials)
	testenv.WantKind(t, unknown, core.KindWrongCredentials)
	if words.Message(wrongPW) != words.Message(unknown) {
		t.Fatalf("messages differ: %q vs %q", words.Message(wrongPW), words.Message(unknown))
	}
	// Same argon2 work: the unknown name must not answer measurably faster.
	known := median(t, 5, func() { e.svc.SignIn(alice, "not-her-password-at-all") })
	ghost := median(t, 5, func() { e.svc.SignIn("mallory", "not-her-password-at-all") })
	if ghost < known/2 {
		t.Fatalf("unknown username answered in %v, wrong password in %v: the difference reveals which names exist", ghost, known)
	}
}

func median(t *testing.T, n int, f func()) time.Duration {
	var d []time.Duration
	for range n {
		start := time.Now()
		f()
		d = append(d, time.Since(start))
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[n/2]
}

func TestTwoFactorSignInFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, backup := e.enable(sess)
	if len(backup) != core.BackupCodeCount {
		t.Fatalf("%d backup codes, want %d", len(backup), core.BackupCodeCount)
	}
	testenv.Must(t, e.svc.SignOut(sess))

	ch := e.challenge(alice, testenv.AlicePW)
	code := e.nextCode(secret)
	tests := []struct {
		name string
		code string
		want core.Kind
	}{
		{"malformed", "12345", core.KindMalformedCode},
		{"letters", "abcdef", core.KindMalformedCode},
		{"wrong", wrongCode(code), core.KindWrongCode},
	}
	for _, tt := range tests {
		_, err := e.svc.SubmitCode(ch, tt.code, false)
		testenv.WantKind(t, err, tt.want)
	}
	sess, err := e.svc.SubmitCode(ch, code[:3]+" "+code[3:], false) // as the app shows it
	testenv.Must(t, err)
	if sess.Username != alice {
		t.Fatalf("signed in as %q", sess.Username)
	}
	// The challenge is spent: a second submit (a double press) is told so, and not counted.
	_, err = e.svc.SubmitCode(ch, code, false)
	testenv.WantKind(t, err, core.KindCodeReused)
	if th, _ := e.db.Throttle(core.AccountThrottleKey(sess.ID)); th.Codes.Failures != 0 {
		t.Fatalf("the twin submit counted %d wrong codes", th.Codes.Failures)
	}
	e.clock.Advance(app.ChallengeTTL + time.Second)
	e.svc.ExpireChallenges()
	_, err = e.svc.SubmitCode(ch, code, false)
	testenv.WantKind(t, err, core.KindChallengeExpired)
}

func wrongCode(code string) string {
	b := []byte(code)
	b[0] = '0' + (b[0]-'0'+5)%10
	return string(b)
}

func TestReplayedCodeIsRefusedWithinItsWindow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, _ := e.enable(sess)
	code := e.nextCode(secret)
	_, err := e.svc.SubmitCode(e.challenge(alice, testenv.AlicePW), code, false)
	testenv.Must(t, err)
	e.clock.Advance(10 * time.Second) // same 30-second window
	_, err = e.svc.SubmitCode(e.challenge(alice, testenv.AlicePW), code, false)
	testenv.WantKind(t, err, core.KindCodeReused)
	// The previous step's code is older than the last accepted one: refused too.
	prev, _ := core.CodeAt(secret, core.TimeStep(e.clock.Now())-1, core.CodeDigits)
	_, err = e.svc.SubmitCode(e.challenge(alice, testenv.AlicePW), prev, false)
	testenv.WantKind(t, err, core.KindCodeReused)
	// Replay survives a restart: the last step is stored.
	e.restart()
	_, err = e.svc.SubmitCode(e.challenge(alice, testenv.AlicePW), code, false)
	testenv.WantKind(t, err, core.KindCodeReused)
}

func TestEnrolmentCodeCannotBeReplayedAtSignIn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	enr, err := e.svc.BeginEnrolment(sess)
	testenv.Must(t, err)
	code := e.code(enr.Secret)
	_, err = e.svc.ConfirmEnrolment(sess, code)
	testenv.Must(t, err)
	_, err = e.svc.SubmitCode(e.challenge(alice, testenv.AlicePW), code, false)
	testenv.WantKind(t, err, core.KindCodeReused)
}

// A phone whose clock is behind gets a hint. A code of a future step gets none: "your clock
// is ahead" would tell a guesser that this code will work in a few minutes. It reads, and
// counts, as a wrong code, and it is still refused when its time comes (issue 8: it was
// accepted 3.5 minutes later).
func TestClockDriftIsExplainedOnlyForPastCodes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, _ := e.enable(sess)
	e.clock.Advance(time.Hour)
	behind, _ := core.CodeAt(secret, core.TimeStep(e.clock.Now())-6, core.CodeDigits) // phone 3 minutes slow
	_, err := e.svc.SubmitCode(e.challenge(alice, testenv.AlicePW), behind, false)
	testenv.WantKind(t, err, core.KindClockDrift)
	if got, want := words.Message(err), "about 3 minutes behind"; !strings.Contains(got, want) {
		t.Fatalf("message %q does not say %q", got, want)
	}
	ch := e.challenge(alice, testenv.AlicePW)
	ahead, _ := core.CodeAt(secret, core.TimeStep(e.clock.Now())+6, core.CodeDigits) // phone 3 minutes fast
	_, err = e.svc.SubmitCode(ch, ahead, false)
	testenv.WantKind(t, err, core.KindWrongCode)
	if msg := words.Message(err); strings.Contains(msg, "ahead") || strings.Contains(msg, "clock") {
		t.Fatalf("a future code is hinted at: %q", msg)
	}
	if th, _ := e.db.Throttle(core.AccountThrottleKey(sess.ID)); th.Codes.Failures != 2 {
		t.Fatalf("%d code failures counted, want 2 (the slow phone's and the future one)", th.Codes.Failures)
	}
}

func TestChallengeExpires(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, _ := e.enable(sess)
	ch := e.challenge(alice, testenv.AlicePW)
	e.clock.Advance(app.ChallengeTTL + time.Second)
	_, err := e.svc.SubmitCode(ch, e.code(secret), false)
	testenv.WantKind(t, err, core.KindChallengeExpired)
}

func TestUnconfirmedEnrolmentChangesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	first, err := e.svc.BeginEnrolment(sess)
	testenv.Must(t, err)
	if res := e.signIn(alice, testenv.AlicePW); res.Session == nil {
		t.Fatal("a pending enrolment must not make sign-in ask for a code")
	}
	second, err := e.svc.BeginEnrolment(sess) // starting again replaces the secret
	testenv.Must(t, err)
	if first.Secret == second.Secret {
		t.Fatal("a new enrolment reused the old secret")
	}
	_, err = e.svc.ConfirmEnrolment(sess, e.code(first.Secret))
	testenv.WantKind(t, err, core.KindWrongCode)
	st, _ := e.svc.Status(sess)
	if st.TwoFactor {
		t.Fatal("a wrong confirmation code turned 2FA on")
	}
	testenv.Must(t, e.svc.CancelEnrolment(sess))
	_, err = e.svc.ConfirmEnrolment(sess, e.code(second.Secret))
	testenv.WantKind(t, err, core.KindNotFound)
}

// Two windows racing with one code (or one backup code): exactly one wins.
func TestConcurrentSubmitsOfOneCodeWinOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sess := e.signUp(alice, testenv.AlicePW)
	secret, backup := e.enable(sess)
	code := e.nextCode(secret)
	chs := []string{e.challenge(alice, testenv.AlicePW), e.challenge(alice, testenv.AlicePW), e.challenge(alice, testenv.AlicePW)}
	bks := []string{e.challenge(alice, testenv.AlicePW), e.challenge(alice, testenv.AlicePW), e.challenge(alice, testenv.AlicePW)}
	var wg sync.WaitGroup
	codeWins, backupWins := make(chan error, len(chs)), make(chan error, len(bks))
	for i := range chs {
		wg.Go(func() { _, err := e.svc.SubmitCode(chs[i], code, false); codeWins <- err })
		wg.Go(func() { _, _, err := e.svc.SubmitBackupCode(bks[i], backup[0], false); backupWins <- err })
	}
	wg.Wait()
	close(codeWins)
	close(backupWins)
	for what, results := range map[string]chan error{"code": codeWins, "backup code": backupWins} {
		ok := 0
		for err := range results {
			if err == nil {
				ok++
			} else if k := core.KindOf(err); k != core.KindCodeReused && k != core.KindWrongCode {
				t.Errorf("%s: unexpected error %v", what, err)
			}
		}
		if ok != 1 {
			t.Errorf("%s: %d of 3 concurrent submits succeeded, want exactly 1", what, ok)
		}
	}
}
