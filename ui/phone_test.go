package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"

	"github.com/twostep-app/twostep/internal/testenv"
)

// The phone and files: the QR code read as a camera would, and files the dialogs use.

// scanQR reads the QR code the open enable dialog draws, as a phone camera would, and
// returns the secret of the otpauth URI it holds.
func (e *env) scanQR(user string) string {
	e.t.Helper()
	zbarimg := testenv.NeedTool(e.t, "zbarimg")
	imgs := findAll(e.layer(), func(i *canvas.Image) bool { return i.Image != nil })
	if len(imgs) != 1 {
		e.t.Fatalf("want one drawn image (the QR code) in the dialog, found %d", len(imgs))
	}
	file := filepath.Join(testenv.TempDir(e.t), "qr.png")
	writePNG(e.t, file, imgs[0].Image)
	out, err := exec.Command(zbarimg, "--raw", "-q", file).Output()
	if err != nil {
		e.t.Fatalf("zbarimg could not read the QR code: %v", err)
	}
	uri, err := url.Parse(strings.TrimSpace(string(out)))
	if err != nil {
		e.t.Fatal(err)
	}
	if uri.Scheme != "otpauth" || uri.Host != "totp" || uri.Path != "/Twostep:"+user || uri.Query().Get("issuer") != "Twostep" {
		e.t.Fatalf("the QR code holds %q", uri)
	}
	return uri.Query().Get("secret")
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// picture is a small PNG, as a person's photo would be.
func picture(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{R: 200, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// saveTo makes Save… write to path, as if the person chose it in the save dialog.
func (e *env) saveTo(path string) (suggested *string) {
	var name string
	e.u.pickSave = func(n string, done func(fyne.URIWriteCloser, error)) {
		name = n
		w, err := storage.Writer(storage.NewFileURI(path))
		done(w, err)
	}
	return &name
}

// openFrom makes Choose picture… read the file at path, as if chosen in the open dialog;
// with path "" the person cancels.
func (e *env) openFrom(path string) {
	e.u.pickOpen = func(done func(fyne.URIReadCloser, error)) {
		if path == "" {
			done(nil, nil)
			return
		}
		r, err := storage.Reader(storage.NewFileURI(path))
		done(r, err)
	}
}
