package main

import (
	"regexp"
	"strings"
	"unicode"
)

// A kind of licence is known by phrases of its text. They are matched on a normalised
// text (lower case, every run of punctuation and spaces one space), so line wrapping,
// Markdown, curly quotes and "and/or" for "and or" do not matter.
type kind struct {
	id   string
	all  []string // every one must appear
	none []string // and none of these (the kind they mark is the better match)
}

var kinds = []kind{
	{id: "Apache-2.0", all: []string{"apache license version 2 0"}},
	{id: "MPL-2.0", all: []string{"mozilla public license version 2 0"}},
	{id: "LGPL", all: []string{"gnu lesser general public license"}},
	{id: "GPL", all: []string{"gnu general public license"}, none: []string{"gnu lesser general public license"}},
	{id: "BSD-3-Clause", all: []string{redistribution, "used to endorse or promote products derived from"}},
	{id: "BSD-2-Clause", all: []string{redistribution}, none: []string{"used to endorse or promote products derived from"}},
	{id: "MIT", all: []string{"permission is hereby granted free of charge to any person obtaining a copy of this software"}},
	{id: "ISC", all: []string{"this software for any purpose with or without fee is hereby granted"}},
	{id: "Zlib", all: []string{"provided as is without any express or implied warranty",
		"permission is granted to anyone to use this software for any purpose including commercial applications"}},
	{id: "Unlicense", all: []string{"this is free and unencumbered software released into the public domain"}},
	// fonts
	{id: "OFL-1.1", all: []string{"sil open font license version 1 1"}},
	{id: "Bitstream-Vera", all: []string{"bitstream vera fonts copyright"}},
	{id: "Arev", all: []string{"arev fonts copyright"}},
}

const redistribution = "redistribution and use in source and binary forms with or without modification are permitted"

// spdx finds a licence's own statement of what it is.
var spdx = regexp.MustCompile(`SPDX-License-Identifier:\s*([^\n]+)`)

// identify names the licence a text holds, as an SPDX expression, or "" when it holds none
// of the kinds above. A file that states its SPDX identifier is taken at its word
// ("Unlicense OR BSD-3-Clause"); a file holding several licences gets them all, in the
// order of kinds.
func identify(text string) string {
	if m := spdx.FindStringSubmatch(text); m != nil {
		return strings.TrimSpace(m[1])
	}
	norm := normalise(text)
	var found []string
	for _, k := range kinds {
		if containsAll(norm, k.all) && !containsAny(norm, k.none) {
			found = append(found, k.id)
		}
	}
	return strings.Join(found, ", ")
}

func normalise(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return " " + strings.Join(words, " ") + " "
}

func containsAll(norm string, phrases []string) bool {
	for _, p := range phrases {
		if !strings.Contains(norm, " "+p+" ") {
			return false
		}
	}
	return true
}

func containsAny(norm string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(norm, " "+p+" ") {
			return true
		}
	}
	return false
}
