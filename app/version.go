package app

// Version is Twostep's version; FyneApp.toml carries the same number (a test checks).
const Version = "0.4.0"

// ID is Twostep's application ID, FyneApp.toml's: the name the desktop files the app under
// (the .desktop file, the Start menu entry) and the preferences folder, which holds only the
// window size. It is not the keyring service name: core/keyring.Service stays
// "io.twostep.desktop", because the secrets already stored are filed under it.
const ID = "io.github.twostep_app.Twostep"
