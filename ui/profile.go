package ui

import (
	"image"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twostep-app/twostep/core"
)

// profileTab edits the personal information and the profile picture.
type profileTab struct {
	s       *settings
	name    *field
	email   *field
	phone   *field
	note    *field
	picture []byte      // what Save stores
	image   image.Image // picture, decoded for the avatars
	preview *avatar
	choose  *actionButton
	remove  *actionButton
	save    *actionButton
	says    problem
	busy    *busy
	content fyne.CanvasObject
	user    string
}

func newProfileTab(s *settings, a account) *profileTab {
	p := &profileTab{s: s, name: newField(lang.X("dashboard.profile.name-hint", "How you like to be called")),
		email: newField(lang.X("dashboard.profile.email-hint", "you@example.com")),
		phone: newField(lang.X("dashboard.profile.phone-hint", "+44 20 7946 0000")),
		note:  newNoteField(), picture: a.profile.Picture, image: a.picture, says: newProblem(), user: a.status.Username}
	p.name.SetText(a.profile.DisplayName)
	p.email.SetText(a.profile.Email)
	p.phone.SetText(a.profile.Phone)
	p.note.SetText(a.profile.Note)
	p.note.SetMinRowsVisible(3)
	p.preview = newAvatar(96, a.profile.Initials(p.user), p.image, nil)
	p.choose = newButton(lang.X("dashboard.profile.choose-picture", "Choose picture…"), theme.FolderOpenIcon(), p.onChoose)
	p.remove = newButton(lang.X("dashboard.profile.remove-picture", "Remove picture"), theme.DeleteIcon(), p.onRemove)
	p.save = newButton(lang.X("dashboard.profile.save", "Save profile"), theme.DocumentSaveIcon(), p.onSave)
	p.save.Importance = widget.HighImportance
	p.busy = newBusy(p.save, p.choose, p.remove, p.name, p.email, p.phone, p.note)
	p.busy.update = p.update
	for _, f := range []*field{p.name, p.email, p.phone} {
		f.OnSubmitted = func(string) { p.onSave() }
	}
	p.update()
	picture := container.NewVBox(p.preview, p.choose, p.remove, paragraph(lang.X("dashboard.profile.picture-formats", "PNG or JPEG,\nup to 1\u00a0MiB.")))
	form := container.NewVBox(
		labelled(lang.X("dashboard.profile.display-name", "Display name"), p.name),
		labelled(lang.X("dashboard.email", "Email"), p.email),
		labelled(lang.X("dashboard.phone", "Phone"), p.phone),
		labelled(lang.X("dashboard.note", "Note"), p.note),
		p.says,
		container.NewHBox(layoutSpacer(), p.busy.spin, p.save))
	p.content = scrollPage(container.NewBorder(nil, nil,
		section(lang.X("dashboard.profile.picture", "Profile picture"), "", container.NewHBox(picture)), nil,
		section(lang.X("dashboard.profile.personal", "Personal information"),
			lang.X("dashboard.profile.personal-note", "Shown on your dashboard. Twostep keeps it encrypted."), form)))
	return p
}

func (p *profileTab) update() {
	if p.picture == nil {
		p.remove.Disable()
	} else if !p.busy.running {
		p.remove.Enable()
	}
}

func (p *profileTab) onChoose() {
	p.s.u.pickOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			p.says.say(lang.X("dashboard.profile.cannot-open", "Twostep could not open that file. Choose another picture."))
			return
		}
		if r == nil {
			return // cancelled: nothing changes
		}
		var data []byte
		var img image.Image
		p.s.u.run(p.busy, func() error {
			defer r.Close()
			var err error
			if data, err = io.ReadAll(io.LimitReader(r, core.MaxPictureBytes+1)); err != nil {
				return err
			}
			if err := core.ValidatePicture(data); err != nil {
				return err
			}
			img = decodePicture(data)
			return nil
		}, func(err error) {
			if err != nil {
				p.says.sayErr(err)
				return
			}
			p.says.clear()
			p.picture, p.image = data, img
			p.preview.set(p.initials(), img)
			p.update()
		})
	})
}

func (p *profileTab) onRemove() {
	p.picture, p.image = nil, nil
	p.preview.set(p.initials(), nil)
	p.update()
}

func (p *profileTab) initials() string {
	return core.Profile{DisplayName: p.name.Text}.Initials(p.user)
}

func (p *profileTab) onSave() {
	prof := core.Profile{DisplayName: p.name.Text, Email: p.email.Text, Phone: p.phone.Text, Note: p.note.Text, Picture: p.picture}
	sess, img := p.s.u.sess, p.image
	p.says.clear()
	p.s.u.run(p.busy, func() error { return p.s.u.svc.UpdateProfile(sess, prof) }, func(err error) {
		if err != nil {
			p.says.sayErr(err)
			return
		}
		p.says.good(lang.X("dashboard.profile.saved", "Profile saved."))
		p.s.avatar.set(prof.Initials(p.user), img)
		p.preview.set(prof.Initials(p.user), img)
	})
}
