package notes

import "time"

// nowStamp is the time a note is made, as its name begins; tests may set Now.
func nowStamp() string { return Now().UTC().Format("20060102T150405.000000") }

// Now is the clock new notes are named by.
var Now = time.Now
