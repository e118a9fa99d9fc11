module twostep

go 1.26.0

require (
	fyne.io/fyne/v2 v2.7.1
	github.com/ccojocar/zxcvbn-go v1.0.4
	github.com/godbus/dbus/v5 v5.2.2
	github.com/pquerna/otp v1.5.0
	github.com/skip2/go-qrcode v0.0.0-20200617195104-da1b6568686e
	github.com/zalando/go-keyring v0.2.8
	go.etcd.io/bbolt v1.5.0
	golang.org/x/crypto v0.59.0
)

require (
	github.com/boombuler/barcode v1.0.1-0.20190219062509-6c824513bacc // indirect
	github.com/danieljoos/wincred v1.2.3 // indirect
	golang.org/x/sys v0.50.0 // indirect
)
