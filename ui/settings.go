package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Settings tabs, in the order they appear.
const (
	tabProfile = iota
	tabSecurity
)

// settings is the Settings page: a Profile tab and a Security tab under the top bar.
type settings struct {
	u        *UI
	avatar   *avatar
	tabs     *container.AppTabs
	profile  *profileTab
	security *securityTab
	body     *pageBody
}

func (u *UI) showSettings(tab int) {
	s := &settings{u: u}
	u.reshow = func() { s.reload(s.selected()) }
	back := newButton(u.backLabel(), theme.NavigateBackIcon(), func() { u.showHome("", "") })
	back.Importance = widget.LowImportance
	s.avatar = newAvatar(40, "", nil, func() { u.avatarMenu(s.avatar) })
	s.body = newPageBody()
	u.show(page(u.topBar(back, s.avatar), s.body.Container), nil)
	u.settingsPage = s
	s.reload(tab)
}

// reload reads the account again and rebuilds both tabs, keeping tab selected.
func (s *settings) reload(tab int) { s.reloadSaying(tab, "") }

// reloadSaying is reload, with note said at the top of the Security tab once it is back: what
// a dialog that closed has done.
func (s *settings) reloadSaying(tab int, note string) {
	sess := s.u.sess
	var a account
	s.u.run(nil, func() (err error) {
		a, err = s.u.readAccount(sess)
		return err
	}, func(err error) {
		if err != nil {
			says := newProblem()
			says.sayErr(err)
			s.body.set(column(formWidth, says, newButton(lang.X("dashboard.try-again", "Try again"), nil, func() { s.reload(tab) })))
			return
		}
		s.fill(a, tab)
		if note != "" {
			s.security.says.good(note)
		}
	})
}

func (s *settings) fill(a account, tab int) {
	s.avatar.set(a.profile.Initials(a.status.Username), a.picture)
	s.profile = newProfileTab(s, a)
	s.security = newSecurityTab(s, a)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.X("dashboard.tab.profile", "Profile"), theme.AccountIcon(), s.profile.content),
		container.NewTabItemWithIcon(lang.X("dashboard.tab.security", "Security"), theme.SettingsIcon(), s.security.content),
	)
	s.tabs.SelectIndex(tab)
	s.body.set(container.NewPadded(s.tabs))
}

// selected is the open tab.
func (s *settings) selected() int {
	if s.tabs == nil {
		return tabProfile
	}
	return s.tabs.SelectedIndex()
}

// section is one titled block of a Settings tab.
func section(title, subtitle string, content fyne.CanvasObject) fyne.CanvasObject {
	return card(title, subtitle, content)
}
