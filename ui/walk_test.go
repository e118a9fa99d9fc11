package ui

import (
	"regexp"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Walking the window: finding widgets by their words, as a person reads the screen.

// children are the objects drawn inside o. Widgets whose text the tests read from their
// fields are leaves; other widgets are opened through their renderers.
func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch x := o.(type) {
	case *fyne.Container:
		return x.Objects
	case *widget.Label, *widget.Button, *actionButton, *widget.RichText, *widget.Check, *widget.Entry, *field,
		*widget.ProgressBar, *strengthBar, *widget.Activity, *widget.Icon, *widget.Hyperlink:
		return nil
	case fyne.Widget:
		return test.WidgetRenderer(x).Objects()
	}
	return nil
}

// visit calls fn for every shown object under root, parents first.
func visit(root fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if p, ok := root.(problem); ok {
		root = p.Label // forms put the wrapper itself in their containers
	}
	if root == nil || !root.Visible() {
		return
	}
	fn(root)
	for _, c := range children(root) {
		visit(c, fn)
	}
}

// findAll lists the shown objects of type T under root that match.
func findAll[T fyne.CanvasObject](root fyne.CanvasObject, match func(T) bool) []T {
	var out []T
	visit(root, func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok && (match == nil || match(x)) {
			out = append(out, x)
		}
	})
	return out
}

// texts are the words shown under root: labels, rich text, buttons, checks and plain text.
func texts(root fyne.CanvasObject) []string {
	var out []string
	visit(root, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.RichText:
			out = append(out, x.String())
		case *widget.Button:
			out = append(out, x.Text)
		case *actionButton:
			out = append(out, x.Text)
		case *widget.Check:
			out = append(out, x.Text)
		case *canvas.Text:
			out = append(out, x.Text)
		}
	})
	return out
}

// findAllText lists the shown texts under root that match re.
func findAllText(root fyne.CanvasObject, re *regexp.Regexp) []string {
	var out []string
	for _, s := range texts(root) {
		if re.MatchString(s) {
			out = append(out, s)
		}
	}
	return out
}

// layer is what the person can act on: the top dialog or menu if one is open, else the page.
func (e *env) layer() fyne.CanvasObject {
	if top := e.w.Canvas().Overlays().Top(); top != nil {
		return top
	}
	return e.w.Canvas().Content()
}

func (e *env) page() fyne.CanvasObject { return e.w.Canvas().Content() }

func (e *env) overlays() int { return len(e.w.Canvas().Overlays().List()) }

func (e *env) shows(text string) bool { return containsSaid(texts(e.layer()), text) }

func (e *env) wantText(text string) {
	e.t.Helper()
	if !e.shows(text) {
		e.t.Fatalf("the window does not show %q; it shows %q", text, texts(e.layer()))
	}
}

func (e *env) wantNoText(text string) {
	e.t.Helper()
	if e.shows(text) {
		e.t.Fatalf("the window shows %q; want it gone", text)
	}
}

// problems are the shown inline sentences that report an error or a success.
func (e *env) problems() []string {
	var out []string
	for _, l := range findAll(e.layer(), func(l *widget.Label) bool {
		return l.Text != "" && (l.Importance == widget.DangerImportance || l.Importance == widget.SuccessImportance)
	}) {
		out = append(out, l.Text)
	}
	return out
}

// wantSays checks that the form's inline line says exactly msg.
func (e *env) wantSays(msg string) {
	e.t.Helper()
	if got := e.problems(); !containsSaid(got, msg) {
		e.t.Fatalf("the form says %q, want %q", got, msg)
	}
}

// button is a plain button or a dialog's button (which also hears Escape).
type button interface {
	fyne.CanvasObject
	fyne.Tappable
	fyne.Disableable
}

func buttonText(o fyne.CanvasObject) (string, bool) {
	switch b := o.(type) {
	case *widget.Button:
		return b.Text, true
	case *actionButton:
		return b.Text, true
	}
	return "", false
}

// buttonsIn lists the shown buttons under root that read text.
func buttonsIn(root fyne.CanvasObject, text string) []button {
	var out []button
	visit(root, func(o fyne.CanvasObject) {
		if t, ok := buttonText(o); ok && says(t, text) {
			out = append(out, o.(button))
		}
	})
	return out
}

func (e *env) button(text string) button {
	e.t.Helper()
	bs := buttonsIn(e.layer(), text)
	if len(bs) != 1 {
		e.t.Fatalf("want one %q button, found %d among %q", text, len(bs), texts(e.layer()))
	}
	return bs[0]
}

// tap presses an enabled button and waits for the work it starts.
func (e *env) tap(text string) {
	e.t.Helper()
	e.tapButton(e.button(text), text)
}

func (e *env) tapButton(b button, text string) {
	e.t.Helper()
	if b.Disabled() {
		e.t.Fatalf("the %q button is disabled", text)
	}
	test.Tap(b)
	e.settle()
}

func (e *env) wantEnabled(text string, enabled bool) {
	e.t.Helper()
	if b := e.button(text); b.Disabled() == enabled {
		e.t.Fatalf("%q button enabled = %v, want %v", text, !b.Disabled(), enabled)
	}
}

// tapItem taps the innermost tappable (a menu item, a tab) that shows text.
func (e *env) tapItem(text string) {
	e.t.Helper()
	tp := tappableShowing(e.layer(), text)
	if tp == nil {
		e.t.Fatalf("nothing to tap shows %q; the window shows %q", text, texts(e.layer()))
	}
	test.Tap(tp)
	e.settle()
}

func tappableShowing(o fyne.CanvasObject, text string) fyne.Tappable {
	if o == nil || !o.Visible() {
		return nil
	}
	for _, c := range children(o) {
		if tp := tappableShowing(c, text); tp != nil {
			return tp
		}
	}
	if tp, ok := o.(fyne.Tappable); ok && containsSaid(texts(o), text) {
		return tp
	}
	return nil
}

// field finds the shown field captioned name (see labelled) or, for the fields that have
// no caption, with name as its placeholder.
func (e *env) field(name string) *field {
	e.t.Helper()
	var fs []*field
	visit(e.layer(), func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 2 {
			if l, ok := c.Objects[0].(*widget.Label); ok && says(l.Text, name) {
				if f, ok := c.Objects[1].(*field); ok {
					fs = append(fs, f)
				}
			}
		}
	})
	if len(fs) == 0 {
		fs = findAll(e.layer(), func(f *field) bool { return says(f.PlaceHolder, name) })
	}
	if len(fs) != 1 {
		e.t.Fatalf("want one field captioned %q, found %d; the window shows %q", name, len(fs), texts(e.layer()))
	}
	return fs[0]
}

// fill replaces a field's text by typing, as a person would.
func (e *env) fill(name, text string) *field {
	e.t.Helper()
	f := e.field(name)
	f.SetText("")
	test.Type(f, text)
	e.settle()
	return f
}

func (e *env) press(f *field, key fyne.KeyName) {
	f.TypedKey(&fyne.KeyEvent{Name: key})
	e.settle()
}

// menu opens the avatar's menu and picks item.
func (e *env) menu(item string) {
	e.t.Helper()
	avs := findAll(e.page(), func(a *avatar) bool { return a.onTap != nil })
	if len(avs) != 1 {
		e.t.Fatalf("want one avatar button, found %d", len(avs))
	}
	before := e.overlays()
	test.Tap(avs[0])
	if e.overlays() != before+1 {
		e.t.Fatal("tapping the avatar opened no menu")
	}
	e.tapItem(item)
	for _, o := range e.w.Canvas().Overlays().List() {
		if containsSaid(texts(o), "Sign out completely…") {
			e.t.Fatalf("the menu stayed open after choosing %q", item)
		}
	}
}

// card is the content of the shown card (or Settings section) with this title on the page.
func (e *env) card(title string) fyne.CanvasObject {
	e.t.Helper()
	cs := findAll(e.page(), func(c *fyne.Container) bool {
		if len(c.Objects) < 2 {
			return false
		}
		head, ok := c.Objects[0].(*widget.RichText)
		return ok && says(head.String(), title)
	})
	if len(cs) != 1 {
		e.t.Fatalf("want one %q card, found %d", title, len(cs))
	}
	return cs[0]
}

// cardShows checks that the card titled title shows text.
func (e *env) cardShows(title, text string) {
	e.t.Helper()
	if got := texts(e.card(title)); !containsSaid(got, text) {
		e.t.Fatalf("the %q card shows %q, want %q", title, got, text)
	}
}

// twoStepIs checks the coloured line that says whether two-step authentication is on.
func (e *env) twoStepIs(title string, on bool) {
	e.t.Helper()
	word, imp := "Off", widget.WarningImportance
	if on {
		word, imp = "On", widget.SuccessImportance
	}
	ls := findAll(e.card(title), func(l *widget.Label) bool { return says(l.Text, "On") || says(l.Text, "Off") })
	if len(ls) != 1 || !says(ls[0].Text, word) || ls[0].Importance != imp {
		e.t.Fatalf("the %q card does not say two-step authentication is %s: %q", title, word, texts(e.card(title)))
	}
}
