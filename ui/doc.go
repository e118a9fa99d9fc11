// Package ui holds Twostep's Fyne screens and dialogs. It depends on app/ only: no screen
// knows how bbolt or the keyring store anything. The window arrives with its own issue.
package ui
