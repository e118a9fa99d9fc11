package ui

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core"
	"github.com/twostep-app/twostep/ui/words"
)

// Moments are said the way each language says them: relative while recent, then a date
// with the language's month names; the clock is 24-hour, except in American English.
func TestWhenInEveryLanguage(t *testing.T) {
	now := time.Date(2026, time.March, 5, 14, 30, 0, 0, time.Local)
	moments := []time.Time{
		{},
		now.Add(-10 * time.Second),
		now.Add(-time.Minute),
		now.Add(-5 * time.Minute),
		time.Date(2026, time.March, 5, 9, 5, 0, 0, time.Local),
		time.Date(2026, time.March, 4, 14, 5, 0, 0, time.Local),
		time.Date(2026, time.March, 3, 8, 0, 0, 0, time.Local),
		time.Date(2025, time.September, 30, 8, 0, 0, 0, time.Local),
		time.Date(2025, time.May, 1, 8, 0, 0, 0, time.Local),
	}
	for _, tc := range []struct {
		locale string
		want   []string
	}{
		{"en_GB.UTF-8", []string{"never", "just now", "1 minute ago", "5 minutes ago", "today at 09:05", "yesterday at 14:05",
			"3 Mar 2026", "30 Sep 2025", "1 May 2025"}},
		{"en_US.UTF-8", []string{"never", "just now", "1 minute ago", "5 minutes ago", "today at 9:05 AM", "yesterday at 2:05 PM",
			"Mar 3, 2026", "Sep 30, 2025", "May 1, 2025"}},
		{"de_DE.UTF-8", []string{"nie", "gerade eben", "vor 1 Minute", "vor 5 Minuten", "heute um 09:05", "gestern um 14:05",
			"3. März 2026", "30. Sept. 2025", "1. Mai 2025"}},
		{"fr_FR.UTF-8", []string{"jamais", "à l'instant", "il y a 1 minute", "il y a 5 minutes", "aujourd'hui à 09:05", "hier à 14:05",
			"3 mars 2026", "30 sept. 2025", "1 mai 2025"}},
		{"es_ES.UTF-8", []string{"nunca", "hace un momento", "hace 1 minuto", "hace 5 minutos", "hoy a las 09:05", "ayer a las 14:05",
			"3 mar. 2026", "30 sept. 2025", "1 may. 2025"}},
	} {
		t.Run(tc.locale, func(t *testing.T) {
			speak(t, tc.locale)
			for i, m := range moments {
				if got := when(m, now); got != tc.want[i] {
					t.Errorf("when(%v) = %q, want %q", m, got, tc.want[i])
				}
			}
		})
	}
}

// Every month has its own name in every language.
func TestMonthNamesInEveryLanguage(t *testing.T) {
	for _, locale := range []string{"en_GB.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8"} {
		t.Run(locale, func(t *testing.T) {
			speak(t, locale)
			seen := map[string]time.Month{}
			for m := time.January; m <= time.December; m++ {
				name := monthName(m)
				if name == "" || strings.HasPrefix(name, "dashboard.") {
					t.Errorf("%v has no name", m)
				}
				if other, dup := seen[name]; dup {
					t.Errorf("%v and %v are both %q", other, m, name)
				}
				seen[name] = m
			}
		})
	}
}

// An activity line starts with a capital letter in every language, and says its pieces in
// the reader's language.
func TestActivityLinesInEveryLanguage(t *testing.T) {
	now := time.Date(2026, time.March, 5, 14, 30, 0, 0, time.Local)
	for _, tc := range []struct{ locale, signedIn, lockedOut, codesLeft, thisDevice string }{
		{"en_GB.UTF-8", "Signed in (password and verification code) · test-laptop · just now",
			"Locked out (after 5 failed attempts, for ", "Backup code used (1 left) · test-laptop · yesterday at 14:05",
			"test-laptop (this device)"},
		{"de_DE.UTF-8", "Angemeldet (Passwort und Bestätigungscode) · test-laptop · gerade eben",
			"Anmeldung gesperrt (nach 5 fehlgeschlagenen Versuchen, für ", "Back-up-Code verwendet (noch 1 übrig) · test-laptop · gestern um 14:05",
			"test-laptop (dieses Gerät)"},
		{"fr_FR.UTF-8", "Connexion (mot de passe et code de validation) · test-laptop · à l'instant",
			"Connexion bloquée (après 5 tentatives échouées, pendant ", "Code de secours utilisé (il en reste 1) · test-laptop · hier à 14:05",
			"test-laptop (cet appareil)"},
		{"es_ES.UTF-8", "Sesión iniciada (contraseña y código de verificación) · test-laptop · hace un momento",
			"Inicio de sesión bloqueado (tras 5 intentos fallidos, durante ", "Código alternativo usado (queda 1) · test-laptop · ayer a las 14:05",
			"test-laptop (este dispositivo)"},
	} {
		t.Run(tc.locale, func(t *testing.T) {
			speak(t, tc.locale)
			for kind := range eventWords {
				line := eventLine(core.Event{Kind: kind, Time: now, Device: "test-laptop"}, now)
				if r, _ := utf8.DecodeRuneInString(line); !unicode.IsUpper(r) {
					t.Errorf("%s starts in lowercase: %q", kind, line)
				}
			}
			lines := []struct{ got, want string }{
				{eventLine(core.Event{Kind: core.EventSignIn, Method: core.MethodPasswordCode, Device: "test-laptop", Time: now}, now), tc.signedIn},
				{eventLine(core.Event{Kind: core.EventBackupUsed, Count: 1, Device: "test-laptop", Time: now.Add(-24*time.Hour - 25*time.Minute)}, now), tc.codesLeft},
				{deviceTitle(app.DeviceInfo{Name: "test-laptop", ThisDevice: true}), tc.thisDevice},
			}
			for _, l := range lines {
				if l.got != l.want {
					t.Errorf("got  %q\nwant %q", l.got, l.want)
				}
			}
			locked := eventLine(core.Event{Kind: core.EventLockedOut, Count: 5, Wait: 15 * time.Minute, Device: "test-laptop", Time: now}, now)
			if !strings.HasPrefix(locked, tc.lockedOut) || !strings.Contains(locked, words.Duration(15*time.Minute)+")") {
				t.Errorf("got  %q\nwant %q…%s)", locked, tc.lockedOut, words.Duration(15*time.Minute))
			}
		})
	}
}
