package ui

import (
	"bytes"
	"image"
	_ "image/jpeg" // profile pictures may be JPEG
	_ "image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// avatar is the person's profile picture, or a circle with their initials. With onTap set
// it is a button: it takes focus with Tab and opens on Space or Enter too.
type avatar struct {
	widget.BaseWidget
	size     float32
	initials string
	picture  image.Image
	onTap    func()
	focused  bool
	hovered  bool
}

func newAvatar(size float32, initials string, picture image.Image, onTap func()) *avatar {
	a := &avatar{size: size, onTap: onTap}
	a.ExtendBaseWidget(a)
	a.set(initials, picture)
	return a
}

// set changes what the avatar shows: the picture, or the initials when it is nil.
func (a *avatar) set(initials string, picture image.Image) {
	a.initials, a.picture = initials, picture
	a.Refresh()
}

// decodePicture decodes a profile picture for an avatar, or gives nil (initials) when there
// is none or it does not decode. A 1 MB JPEG takes tens of milliseconds, so this runs in
// background work, never on the UI goroutine.
func decodePicture(data []byte) image.Image {
	if len(data) == 0 {
		return nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	return img
}

func (a *avatar) CreateRenderer() fyne.WidgetRenderer {
	ring := canvas.NewCircle(nil)
	disc := canvas.NewCircle(theme.Color(theme.ColorNamePrimary))
	text := canvas.NewText("", theme.Color(theme.ColorNameForegroundOnPrimary))
	text.TextStyle.Bold = true
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillStretch
	r := &avatarRenderer{a: a, ring: ring, disc: disc, text: text, img: img}
	r.Refresh()
	return r
}

func (a *avatar) Tapped(*fyne.PointEvent) {
	if a.onTap != nil {
		a.onTap()
	}
}

func (a *avatar) Cursor() desktop.Cursor {
	if a.onTap == nil {
		return desktop.DefaultCursor
	}
	return desktop.PointerCursor
}

func (a *avatar) MouseIn(*desktop.MouseEvent)    { a.hovered = true; a.Refresh() }
func (a *avatar) MouseMoved(*desktop.MouseEvent) {}
func (a *avatar) MouseOut()                      { a.hovered = false; a.Refresh() }

func (a *avatar) FocusGained() { a.focused = true; a.Refresh() }
func (a *avatar) FocusLost()   { a.focused = false; a.Refresh() }
func (a *avatar) TypedRune(r rune) {
	if r == ' ' {
		a.Tapped(nil)
	}
}

func (a *avatar) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter { // Space arrives as a rune
		a.Tapped(nil)
	}
}

type avatarRenderer struct {
	a    *avatar
	ring *canvas.Circle
	disc *canvas.Circle
	text *canvas.Text
	img  *canvas.Image
}

func (r *avatarRenderer) Layout(size fyne.Size) {
	d := min(size.Width, size.Height)
	pos := fyne.NewPos((size.Width-d)/2, (size.Height-d)/2)
	r.ring.Move(pos)
	r.ring.Resize(fyne.NewSquareSize(d))
	inset := float32(3)
	inner := fyne.NewSquareSize(d - 2*inset)
	r.disc.Move(pos.AddXY(inset, inset))
	r.disc.Resize(inner)
	r.img.Move(pos.AddXY(inset, inset))
	r.img.Resize(inner)
	r.img.CornerRadius = inner.Width / 2
	ts := r.text.MinSize()
	r.text.Resize(ts)
	r.text.Move(fyne.NewPos((size.Width-ts.Width)/2, (size.Height-ts.Height)/2))
}

func (r *avatarRenderer) MinSize() fyne.Size { return fyne.NewSquareSize(r.a.size) }

func (r *avatarRenderer) Refresh() {
	r.text.Text = r.a.initials
	r.text.TextSize = r.a.size * 0.38
	r.text.Color = theme.Color(theme.ColorNameForegroundOnPrimary)
	r.disc.FillColor = theme.Color(theme.ColorNamePrimary)
	r.ring.StrokeWidth = 2
	r.ring.StrokeColor = nil
	if r.a.focused || r.a.hovered {
		r.ring.StrokeColor = theme.Color(theme.ColorNameFocus)
	}
	if r.a.picture != nil {
		r.img.Image = r.a.picture
		r.img.Show()
		r.text.Hide()
	} else {
		r.img.Hide()
		r.text.Show()
	}
	r.Layout(r.a.Size())
	r.ring.Refresh()
	r.disc.Refresh()
	r.text.Refresh()
	r.img.Refresh()
}

func (r *avatarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.ring, r.disc, r.img, r.text}
}

func (r *avatarRenderer) Destroy() {}

var _ fyne.Focusable = (*avatar)(nil)
