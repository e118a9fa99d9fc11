package ui

import (
	"github.com/twostep-app/twostep/app"
	"github.com/twostep-app/twostep/core/testenv"
)

// The tests read the window's English words, whatever the developer's desktop speaks.
func init() { testenv.English(app.LoadWords) }
