package words_test

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/internal/testenv"
	"github.com/twostep-app/twostep/ui/words"
)

func TestDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "1 second"},
		{1400 * time.Millisecond, "1 second"},
		{45 * time.Second, "45 seconds"},
		{61 * time.Second, "2 minutes"},
		{time.Hour - time.Second, "60 minutes"},
		{time.Hour, "1 hour"},
		{25 * time.Hour, "2 days"},
		{40 * 24 * time.Hour, "2 months"},
		{2 * 365 * 24 * time.Hour, "2 years"},
		{150 * 365 * 24 * time.Hour, "centuries"},
	}
	for _, tt := range tests {
		if got := words.Duration(tt.d); got != tt.want {
			t.Errorf("Duration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// The words in another language, as the desktop's locale picks them, and back.
func TestLocalePicksTheLanguage(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("on Windows the language is the user's, not the environment's: scripts/test-windows starts Wine in each language (ui's TestEveryScreenInEveryLanguage)")
	}
	t.Cleanup(func() { testenv.English(words.Load) })
	for _, tt := range []struct{ locale, want string }{
		{"de_DE.UTF-8", "Versuchen Sie es in 2 Minuten erneut."},
		{"fr_FR.UTF-8", "Réessayez dans 2 minutes."},
		{"es_ES.UTF-8", "Vuelve a intentarlo dentro de 2 minutos."},
		{"pt_BR.UTF-8", "Try again in 2 minutes."}, // not shipped: English
		{"en_GB.UTF-8", "Try again in 2 minutes."},
	} {
		t.Setenv("LC_ALL", tt.locale)
		if err := words.Load(); err != nil {
			t.Fatal(err)
		}
		if got := words.Locked(&core.Error{Kind: core.KindLockedOut}, 2*time.Minute); !strings.HasSuffix(got, tt.want) {
			t.Errorf("LC_ALL=%s: %q, want it to end %q", tt.locale, got, tt.want)
		}
	}
}

// BenchmarkLoadWords is what the words cost Twostep's start: every language parsed once.
func BenchmarkLoadWords(b *testing.B) {
	for b.Loop() {
		if err := words.Load(); err != nil {
			b.Fatal(err)
		}
	}
}
