// Package layers holds Twostep's layer rules, and its test holds the code to them: each
// package may import only the packages of this module its layer names, and the packages that
// must run without a display or a disk (core, app) may not depend on Fyne, bbolt or the
// keyring at all, not even through another package.
//
// The layers, from the bottom:
//
//   - core: the domain and its vocabulary (accounts, keys, codes, errors and their kinds,
//     events). Every layer above may use its types: there is one vocabulary, not a copy per
//     layer. It does no I/O and knows no Fyne.
//   - core/boltstore, core/keyring, core/presence: core's adapters, named after what they
//     adapt. They import core and internal helpers, never each other or anything above.
//   - app: the use cases, over core's interfaces. No Fyne, no adapter, no words: it hands
//     the window codes and kinds.
//   - ui/words: what Twostep says, in every language (Fyne's lang and the translations).
//   - ui: the screens and dialogs. It uses app, core and ui/words, never an adapter, and never
//     fyne.io/fyne/v2/app (so its tests need no display).
//   - ui/gate: the kit's front door for a Fyne app: it opens the adapters and hands them to
//     app and ui; ui/gate/gatetest drives its pages in an app's tests.
//   - cmd/...: programs, built on the public packages alone (no internal/). Only they
//     import fyne.io/fyne/v2/app.
//   - internal/...: helpers that are not the domain (private files, the log, the data folder,
//     test support, zxcvbn). They may use core's vocabulary, never app or ui, and no Fyne
//     but fynetest, the test driver ui's tests and gatetest share.
//   - assets: embedded files; it imports nothing of this module.
package layers
