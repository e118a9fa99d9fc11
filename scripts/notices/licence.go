package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// A file is a licence or notice file of a module, its name relative to the module's folder.
type file struct {
	Name    string
	Licence string // what identify made of it; empty for a notice (NOTICE, PATENTS)
	Text    string
}

// readLicences fills m.Files: the licence and notice files at the top of its folder, then
// those in folders that its compiled packages bundle without being packages themselves
// (fonts, C sources: fyne's theme/font, GLFW's C code in go-gl/glfw).
func readLicences(m *module) error {
	if m.Dir == "" {
		return fmt.Errorf("%s %s is compiled into twostep but its source is not in the module cache; run go mod download", m.Path, m.Version)
	}
	if len(licenceNames(m.Dir)) == 0 {
		return fmt.Errorf("%s %s is compiled into twostep but has no licence file (LICENSE, LICENCE, COPYING, …) in %s",
			m.Path, m.Version, m.Dir)
	}
	names := map[string]bool{}
	for _, n := range append(licenceNames(m.Dir), noticeNames(m.Dir)...) {
		names[n] = true
	}
	for _, dir := range m.pkgDirs {
		if err := bundledNames(m.Dir, dir, names); err != nil {
			return fmt.Errorf("%s %s: %w", m.Path, m.Version, err)
		}
	}
	m.Files = nil
	for name := range names {
		text, err := os.ReadFile(filepath.Join(m.Dir, name))
		if err != nil {
			return fmt.Errorf("%s %s: %w", m.Path, m.Version, err)
		}
		f := file{Name: filepath.ToSlash(name), Text: tidy(string(text))}
		if isLicenceName(filepath.Base(name)) {
			if f.Licence = identify(f.Text); f.Licence == "" {
				return fmt.Errorf("%s %s: the licence in %s is not one this generator knows; read it, and if Twostep may ship it, add it to kinds in scripts/notices/identify.go",
					m.Path, m.Version, f.Name)
			}
		}
		m.Files = append(m.Files, f)
	}
	// top-level files first, each level in name order
	sort.Slice(m.Files, func(i, j int) bool {
		di, dj := strings.Count(m.Files[i].Name, "/"), strings.Count(m.Files[j].Name, "/")
		if di != dj {
			return di < dj
		}
		return m.Files[i].Name < m.Files[j].Name
	})
	return nil
}

// bundledNames adds to names the licence and notice files below pkgDir that belong to it:
// it stops at folders that are packages or modules of their own (they are listed when they
// are compiled in), at testdata, and at folders the go tool ignores.
func bundledNames(modDir, pkgDir string, names map[string]bool) error {
	return filepath.WalkDir(pkgDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if path != pkgDir && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") ||
			strings.HasPrefix(d.Name(), "_") || holdsGo(path)) {
			return filepath.SkipDir
		}
		for _, n := range append(licenceNames(path), noticeNames(path)...) {
			rel, err := filepath.Rel(modDir, filepath.Join(path, n))
			if err != nil {
				return err
			}
			names[rel] = true
		}
		return nil
	})
}

// holdsGo says whether dir is a package or the root of a module.
func holdsGo(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() && (strings.HasSuffix(e.Name(), ".go") || e.Name() == "go.mod") {
			return true
		}
	}
	return false
}

// Licence files are named LICENSE, LICENCE, COPYING, UNLICENSE or OFL, with or without a
// suffix (LICENSE.md, LICENSE-MIT, LICENSE_Inter.txt); notices, NOTICE or PATENTS. A Go
// file is neither, though a package may well hold license.go.
var (
	licenceName = regexp.MustCompile(`(?i)^(licen[cs]e|copying|unlicense|ofl)([-_.].*)?$`)
	noticeName  = regexp.MustCompile(`(?i)^(notice|patents)([-_.].*)?$`)
)

func isLicenceName(name string) bool { return licenceName.MatchString(name) && !isGo(name) }
func isNoticeName(name string) bool  { return noticeName.MatchString(name) && !isGo(name) }
func isGo(name string) bool          { return strings.EqualFold(filepath.Ext(name), ".go") }

func licenceNames(dir string) []string { return namesIn(dir, isLicenceName) }
func noticeNames(dir string) []string  { return namesIn(dir, isNoticeName) }

func namesIn(dir string, match func(string) bool) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if !e.IsDir() && match(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names
}

// tidy makes a text's line ends and trailing blanks the same on every machine and in
// every editor, without touching a word.
func tidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}
