// Package core is Twostep's domain: accounts, passwords, verification codes, backup codes,
// trusted devices, the key hierarchy that seals an account, throttling, and the kinds of
// error a person is told about. It has no I/O of its own and imports no Fyne: it states
// what it needs from storage as interfaces (Store, Secrets, Clock).
//
// Its adapters live beside it and are named after what they adapt: core/boltstore keeps
// the data file (bbolt) and core/keyring keeps secrets in the OS keyring (go-keyring: the
// Secret Service, the Windows Credential Manager, the macOS Keychain). Only cmd/twostep and
// ui/gate import the adapters and hand them to app/, which holds the use cases over core's
// interfaces. Every layer speaks core's vocabulary; internal/layers holds the rules, and its
// test holds the code to them.
package core
