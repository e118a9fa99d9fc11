// Package assets embeds Twostep's icon into the binary.
package assets

import (
	"embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

//go:embed icon-256.png
var icon256PNG []byte

// Icon is the app icon (512x512, 16-bit PNG), the file FyneApp.toml names for packaging.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)

// WindowIcon is the same icon at 256x256 in 8 bits, for the window and the logos on its
// pages: decoding and scaling the 512 px 16-bit one cost about 80 ms of start-up.
// (Made with: convert icon.png -resize 256x256 -depth 8 PNG32:icon-256.png)
var WindowIcon = fyne.NewStaticResource("icon-256.png", icon256PNG)

// Translations are Twostep's words in every language it ships, one file per area and
// language (area.lang.json, in go-i18n's JSON form). ui/words loads them into Fyne's lang.
//
//go:embed translations
var Translations embed.FS
