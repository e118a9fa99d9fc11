package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// The builds whose code ships, and the tags scripts/package builds them with (keep the
// two in step): a module compiled into either build is listed.
var (
	buildOSes   = []string{"linux", "windows"}
	releaseTags = "release,migrated_fynedo"
)

// A module is one body of third-party code in the binary, with its licence files.
type module struct {
	Path, Version string
	Std           bool     // the Go standard library and runtime
	Note          string   // where it lives when it is not a module of its own
	Dir           string   // the folder its licence files are in
	Builds        []string // the GOOS values it is compiled in for
	pkgDirs       []string // folders of its compiled packages: bundled parts may carry licences
	Files         []file
}

// compiledModules lists what `go list -deps ./cmd/twostep` finds for each build: the
// modules other than this one, the standard library, and folders of this module that
// hold a copy of another project (they carry that project's licence file).
func compiledModules(root string) ([]*module, error) {
	byKey := map[string]*module{}
	add := func(key string, m *module, goos, pkgDir string) {
		if have, ok := byKey[key]; ok {
			m = have
		} else {
			byKey[key] = m
		}
		if !slices.Contains(m.Builds, goos) {
			m.Builds = append(m.Builds, goos)
		}
		if pkgDir != "" && !slices.Contains(m.pkgDirs, pkgDir) {
			m.pkgDirs = append(m.pkgDirs, pkgDir)
		}
	}
	std, err := stdModule(root)
	if err != nil {
		return nil, err
	}
	for _, goos := range buildOSes {
		pkgs, err := listPackages(root, goos)
		if err != nil {
			return nil, err
		}
		for _, p := range pkgs {
			switch {
			case p.modPath == "":
				add("std", std, goos, "")
			case !p.main:
				add(p.modPath+"@"+p.version, &module{Path: p.modPath, Version: p.version, Dir: p.modDir}, goos, p.dir)
			default:
				c, err := copiedModule(root, p.dir)
				if err != nil {
					return nil, err
				}
				if c != nil {
					add(c.Path+"@"+c.Version, c, goos, "")
				}
			}
		}
	}
	var mods []*module
	for _, m := range byKey {
		sort.Strings(m.Builds)
		sort.Strings(m.pkgDirs)
		mods = append(mods, m)
	}
	sort.Slice(mods, func(i, j int) bool {
		if mods[i].Std != mods[j].Std {
			return mods[i].Std
		}
		return mods[i].Path < mods[j].Path
	})
	return mods, nil
}

// pkg is one line of go list's output.
type pkg struct {
	dir                      string
	modPath, version, modDir string // empty for the standard library
	main                     bool
}

// A replaced module shows its replacement after its version, as go list -m does.
const listFormat = "{{.Dir}}\t{{with .Module}}{{.Path}}\t{{.Version}}" +
	"{{with .Replace}} => {{.Path}}{{with .Version}} {{.}}{{end}}{{end}}\t{{.Dir}}\t{{.Main}}{{end}}"

func listPackages(root, goos string) ([]pkg, error) {
	cmd := exec.Command("go", "list", "-deps", "-tags", releaseTags, "-f", listFormat, "./cmd/twostep")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=1")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list for %s: %w", goos, err)
	}
	var pkgs []pkg
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\t")
		switch len(f) {
		case 2: // the standard library: no module
			pkgs = append(pkgs, pkg{dir: f[0]})
		case 5:
			pkgs = append(pkgs, pkg{dir: f[0], modPath: f[1], version: f[2], modDir: f[3], main: f[4] == "true"})
		default:
			return nil, fmt.Errorf("go list for %s: unexpected line %q", goos, line)
		}
	}
	return pkgs, nil
}

// stdModule is the Go standard library and runtime, as the toolchain at hand ships them;
// go.mod names the lowest Go it may be (the patch release in use would make this file
// differ from one machine to the next).
func stdModule(root string) (*module, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %w", err)
	}
	cmd := exec.Command("go", "list", "-m", "-f", "{{.GoVersion}}")
	cmd.Dir = root
	goVersion, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -m: %w", err)
	}
	return &module{
		Path:    "Go standard library and runtime",
		Version: "go" + strings.TrimSpace(string(goVersion)) + " or later",
		Std:     true,
		Dir:     strings.TrimSpace(string(out)),
	}, nil
}

// copyTitle is how a copy's README.md names what it copies:
// "# zxcvbn (a copy of github.com/ccojocar/zxcvbn-go v1.0.4)".
var copyTitle = regexp.MustCompile(`a copy of (\S+) (v[0-9][^\s)]*)`)

// copiedModule is the project that a folder of this module copies, known by the licence
// file it carries, or nil for Twostep's own code.
func copiedModule(root, dir string) (*module, error) {
	if dir == root || len(licenceNames(dir)) == 0 {
		return nil, nil
	}
	rel, _ := filepath.Rel(root, dir)
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		return nil, fmt.Errorf("%s carries a licence, so it is a copy of another project, but: %w", rel, err)
	}
	m := copyTitle.FindSubmatch(readme)
	if m == nil {
		return nil, fmt.Errorf("%s carries a licence, so it is a copy of another project, but its README.md does not say \"a copy of MODULE VERSION\"", rel)
	}
	return &module{Path: string(m[1]), Version: string(m[2]), Dir: dir,
		Note: "copied into " + filepath.ToSlash(rel)}, nil
}
