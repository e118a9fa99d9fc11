package layers

import (
	"bytes"
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/twostep-app/twostep/internal/testenv"
)

const module = "github.com/twostep-app/twostep"

// rule is what the packages under one path may import of this module (by path prefix), and
// what they may not depend on at all, directly or not.
type rule struct {
	under   string   // a package path in the module, with the packages under it
	imports []string // the module's packages it may import; "x/..." is x and those under it
	never   []string // packages it may not depend on at all (and those under them)
}

// Only these libraries do I/O or draw: the lower layers reach none of them.
var noIO = []string{"fyne.io/", "go.etcd.io/bbolt", "github.com/zalando/go-keyring", "github.com/godbus/"}

// rules, longest path first where one holds another. doc.go says why each is as it is.
var rules = []rule{
	{"core/boltstore", []string{"core", "internal/private"}, []string{"fyne.io/"}},
	{"core/keyring/keyringtest", []string{"core/keyring", "internal/testenv"}, []string{"fyne.io/"}},
	{"core/keyring", []string{"core"}, []string{"fyne.io/"}},
	{"core/presence", []string{"core"}, []string{"fyne.io/"}},
	{"core", []string{"internal/zxcvbn"}, noIO},
	{"app", []string{"core"}, noIO},
	{"ui/words", []string{"core", "assets", "internal/localeenv"}, []string{"fyne.io/fyne/v2/app"}},
	{"ui/gate/gatetest", []string{"ui/gate", "core", "internal/fynetest"}, []string{"fyne.io/fyne/v2/app"}},
	{"ui/gate", []string{"ui", "ui/words", "app", "core/...", "internal/..."}, []string{"fyne.io/fyne/v2/app"}},
	{"ui", []string{"app", "core", "ui/words", "assets", "internal/private"}, []string{"fyne.io/fyne/v2/app", module + "/core/boltstore", module + "/core/keyring", module + "/core/presence"}},
	{"internal/fynetest", nil, []string{"fyne.io/fyne/v2/app"}}, // the test driver, for ui's and gatetest's tests
	{"internal", []string{"internal/...", "core"}, []string{"fyne.io/"}},
	{"assets", nil, nil},
	{"cmd", []string{"app", "assets", "core/...", "ui/...", "cmd/..."}, nil}, // programs build on the public packages only
	{"scripts", []string{"..."}, nil},
}

type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

// Every package of the module keeps to its layer's rule, and every package has a rule.
func TestLayers(t *testing.T) {
	for _, p := range listPackages(t) {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		r, ok := ruleFor(rel)
		if !ok {
			t.Errorf("%s has no layer: add it to rules (and to doc.go)", rel)
			continue
		}
		for _, imp := range p.Imports {
			if in, ok := strings.CutPrefix(imp, module+"/"); ok && !allowed(in, r.imports) {
				t.Errorf("%s imports %s: its layer (%s) may import only %v", rel, in, r.under, r.imports)
			}
		}
		for _, dep := range p.Deps { // every package it reaches, its own imports too
			if i := slices.IndexFunc(r.never, func(n string) bool { return strings.HasPrefix(dep, n) }); i >= 0 {
				t.Errorf("%s depends on %s: its layer (%s) may not depend on %s", rel, dep, r.under, r.never[i])
			}
		}
	}
}

// The rules catch what they are for: an adapter imported by ui, and Fyne reached by core.
func TestLayersRefuse(t *testing.T) {
	ui, _ := ruleFor("ui")
	if allowed("core/keyring", ui.imports) {
		t.Error("ui may import the keyring adapter")
	}
	c, _ := ruleFor("core")
	if !slices.ContainsFunc(c.never, func(n string) bool { return strings.HasPrefix("fyne.io/fyne/v2/lang", n) }) {
		t.Error("core may depend on Fyne")
	}
	if r, _ := ruleFor("core/boltstore/x"); r.under != "core/boltstore" {
		t.Errorf("a package under core/boltstore falls under %q", r.under)
	}
	if allowed("internal/private", []string{"internal"}) || !allowed("internal/private", []string{"internal/..."}) {
		t.Error(`"x" allows what is under x, or "x/..." does not`)
	}
}

func ruleFor(rel string) (rule, bool) {
	for _, r := range rules {
		if rel == r.under || strings.HasPrefix(rel, r.under+"/") {
			return r, true
		}
	}
	return rule{}, false
}

func allowed(rel string, imports []string) bool {
	for _, p := range imports {
		tree, ok := strings.CutSuffix(p, "...")
		switch {
		case rel == p, ok && tree == "":
			return true
		case ok && (rel+"/" == tree || strings.HasPrefix(rel, tree)):
			return true
		}
	}
	return false
}

// listPackages is go list's view of every package in the module, without tests: the rules
// are about what ships.
func listPackages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command(testenv.NeedTool(t, "go"), "list", "-json=ImportPath,Imports,Deps", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []pkg
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 20 {
		t.Fatalf("go list found %d packages; the module has more", len(pkgs))
	}
	return pkgs
}
