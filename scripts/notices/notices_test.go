package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The notices in the repository are what the generator makes of today's go.mod. It runs
// go list, so it fails too, naming the module, when a module in the build has no licence.
func TestNoticesAreUpToDate(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	want, err := generate(root)
	if err != nil {
		t.Fatalf("the notices cannot be generated: %v", err)
	}
	have, err := os.ReadFile(filepath.Join(root, outFile))
	if err != nil {
		t.Fatalf("%v: run go run ./scripts/notices", err)
	}
	if !bytes.Equal(have, want) {
		n := firstDifference(string(have), string(want))
		t.Fatalf("%s is out of date (line %d should read %q): run go run ./scripts/notices",
			outFile, n, lineOf(string(want), n))
	}
}

func firstDifference(a, b string) int {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return i + 1
		}
	}
	return min(len(al), len(bl)) + 1
}

func lineOf(s string, n int) string {
	if lines := strings.Split(s, "\n"); n <= len(lines) {
		return lines[n-1]
	}
	return ""
}

// A module compiled in without a licence file stops the generator, which names it.
func TestModuleWithoutLicenceIsAnError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "README.md", "no licence here")
	write(t, dir, "license.go", "package unlicensed") // a Go file named like one is no licence
	m := &module{Path: "example.com/unlicensed", Version: "v1.2.3", Dir: dir, pkgDirs: []string{dir}}
	err := readLicences(m)
	if err == nil || !strings.Contains(err.Error(), "example.com/unlicensed v1.2.3") ||
		!strings.Contains(err.Error(), "no licence file") {
		t.Fatalf("want an error naming example.com/unlicensed v1.2.3 and its missing licence, got %v", err)
	}
}

// A licence the generator cannot name stops it too: a person reads it first.
func TestUnknownLicenceIsAnError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "LICENSE", "You may use this on Tuesdays.")
	err := readLicences(&module{Path: "example.com/odd", Version: "v0.1.0", Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "example.com/odd") || !strings.Contains(err.Error(), "not one this generator knows") {
		t.Fatalf("want an error naming example.com/odd and its unknown licence, got %v", err)
	}
}

// The top-level licence, its NOTICE, and licences of bundled parts below a compiled
// package; not those of other packages, of nested modules or of test data.
func TestReadLicencesFindsBundledParts(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "LICENSE.md", "Permission is hereby granted, free of charge, to any person obtaining a copy of this software")
	write(t, dir, "NOTICE", "This product includes software developed by someone.")
	write(t, dir, "lib.go", "package lib")
	write(t, dir, "fonts/OFL.txt", "SIL Open Font License, Version 1.1")
	write(t, dir, "cmd/tool/main.go", "package main")
	write(t, dir, "cmd/tool/LICENSE", "GNU General Public License")
	write(t, dir, "testdata/LICENSE", "GNU General Public License")
	write(t, dir, "nested/go.mod", "module example.com/lib/nested")
	write(t, dir, "nested/LICENSE", "GNU General Public License")
	m := &module{Path: "example.com/lib", Version: "v1.0.0", Dir: dir, pkgDirs: []string{dir}}
	if err := readLicences(m); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range m.Files {
		got = append(got, f.Name+" "+f.Licence)
	}
	want := "LICENSE.md MIT|NOTICE |fonts/OFL.txt OFL-1.1"
	if strings.Join(got, "|") != want {
		t.Fatalf("files: got %q, want %q", strings.Join(got, "|"), want)
	}
	if s := summary(m); s != "MIT; bundled parts: OFL-1.1" {
		t.Fatalf("summary: got %q", s)
	}
}

func TestIdentify(t *testing.T) {
	const bsdCore = "Redistribution and use in source and binary forms, with or without\nmodification, are permitted provided that the following conditions are met:\n"
	tests := []struct{ name, text, want string }{
		{"MIT", "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files", "MIT"},
		{"MIT in Markdown", "# The MIT License\n\n**Permission** is hereby granted, free of charge, to any person obtaining a\n_copy_ of this software", "MIT"},
		{"BSD-3-Clause", bsdCore + "* Neither the name of Google Inc. nor the names of its contributors may be\nused to endorse or promote products derived from this software", "BSD-3-Clause"},
		{"BSD-2-Clause", bsdCore + "1. Redistributions of source code must retain the above copyright notice.", "BSD-2-Clause"},
		{"Apache-2.0", "                Apache License\n           Version 2.0, January 2004\n", "Apache-2.0"},
		{"ISC", "Permission to use, copy, modify, and/or distribute this software for any purpose\nwith or without fee is hereby granted", "ISC"},
		{"old ISC", "Permission to use, copy, modify, and distribute this software for any purpose with or without fee is hereby granted", "ISC"},
		{"MPL-2.0", "Mozilla Public License Version 2.0\n==================================", "MPL-2.0"},
		{"Zlib", "This software is provided 'as-is', without any express or implied\nwarranty. ... Permission is granted to anyone to use this software for any purpose,\nincluding commercial applications", "Zlib"},
		{"OFL-1.1", "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007", "OFL-1.1"},
		{"Unlicense", "This is free and unencumbered software released into the public domain.", "Unlicense"},
		{"LGPL is not GPL", "GNU LESSER GENERAL PUBLIC LICENSE ... the GNU General Public License", "LGPL"},
		{"GPL", "GNU GENERAL PUBLIC LICENSE Version 3", "GPL"},
		{"SPDX line wins", "SPDX-License-Identifier: Unlicense OR BSD-3-Clause\n\n" + bsdCore, "Unlicense OR BSD-3-Clause"},
		{"two licences", "This is free and unencumbered software released into the public domain.\n\n" + bsdCore, "BSD-2-Clause, Unlicense"},
		{"font licence is not MIT", "Permission is hereby granted, free of charge, to any person obtaining a copy of the Font Software", ""},
		{"unknown", "All rights reserved.", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		if got := identify(tt.text); got != tt.want {
			t.Errorf("%s: identify = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLicenceAndNoticeNames(t *testing.T) {
	for name, want := range map[string]string{
		"LICENSE": "licence", "LICENCE": "licence", "License.txt": "licence", "LICENSE.md": "licence",
		"LICENSE-reader": "licence", "LICENSE_Inter.txt": "licence", "COPYING": "licence", "copying.txt": "licence",
		"UNLICENSE": "licence", "OFL.txt": "licence", "NOTICE": "notice", "NOTICE.txt": "notice", "PATENTS": "notice",
		"license.go": "", "licenses": "", "README.md": "", "LICENSEE": "", "notice_test.go": "",
	} {
		got := ""
		switch {
		case isLicenceName(name):
			got = "licence"
		case isNoticeName(name):
			got = "notice"
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
}

func TestFenceOutlastsBackticks(t *testing.T) {
	if f := fenceFor("plain"); f != "```" {
		t.Errorf("plain text: fence %q", f)
	}
	if f := fenceFor("a\n````go\nx\n````\n"); f != "`````" {
		t.Errorf("text with four backticks: fence %q", f)
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
