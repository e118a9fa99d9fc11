// Command notices writes docs/THIRD_PARTY_NOTICES.md: the licence of every module compiled
// into twostep for Linux and for Windows, of the Go standard library, and of the copies of
// other projects kept inside this repository, each with its full text. Run it from anywhere
// in the module after changing go.mod:
//
//	go run ./scripts/notices
//
// It fails, naming the module, when a compiled-in module ships no licence file or a licence
// it does not recognise: a person should read that one before Twostep ships it.
// notices_test.go fails when the file in the repository is out of date.
package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// outFile is where the notices go, relative to the module root.
const outFile = "docs/THIRD_PARTY_NOTICES.md"

func main() {
	root, err := moduleRoot()
	if err == nil {
		var text []byte
		if text, err = generate(root); err == nil {
			err = os.WriteFile(filepath.Join(root, outFile), text, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "notices:", err)
		os.Exit(1)
	}
	fmt.Println("notices: wrote", outFile)
}

// generate returns the notices file's text for the module whose root folder is root.
func generate(root string) ([]byte, error) {
	mods, err := compiledModules(root)
	if err != nil {
		return nil, err
	}
	for _, m := range mods {
		if err := readLicences(m); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	render(&b, mods)
	return b.Bytes(), nil
}

// moduleRoot is the folder of the main module's go.mod, so the command and its test work
// from any folder inside the repository.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside a Go module")
	}
	return filepath.Dir(gomod), nil
}
