package main

import "testing"

func TestHaveDisplay(t *testing.T) {
	tests := []struct {
		goos    string
		env     map[string]string
		display bool
	}{
		{"linux", nil, false},
		{"linux", map[string]string{"DISPLAY": ":0"}, true},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, true},
		{"freebsd", nil, false},
		{"openbsd", map[string]string{"DISPLAY": ":1"}, true},
		// Windows and macOS have no DISPLAY and always a window system: refusing there
		// would keep Twostep from ever opening.
		{"windows", nil, true},
		{"darwin", nil, true},
	}
	for _, tt := range tests {
		getenv := func(k string) string { return tt.env[k] }
		if got := haveDisplay(tt.goos, getenv); got != tt.display {
			t.Errorf("haveDisplay(%s, %v) = %v, want %v", tt.goos, tt.env, got, tt.display)
		}
	}
}
