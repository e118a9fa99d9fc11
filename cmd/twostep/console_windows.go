package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachConsole gives --check and --version a place to print on Windows. A release build is
// a windowed program (-H windowsgui), which Windows starts without a console: typed in a
// Command Prompt, it would print nothing. When standard output leads nowhere (not a console,
// not a pipe or file someone redirected it to), it borrows the console of the program that
// started it, if there is one. The window itself never needs one.
func attachConsole() {
	if h, err := windows.GetStdHandle(windows.STD_OUTPUT_HANDLE); err == nil && h != 0 && h != windows.InvalidHandle {
		return // a console program, or output redirected: it already prints somewhere
	}
	// ATTACH_PARENT_PROCESS is (DWORD)-1; x/sys/windows has no wrapper for AttachConsole.
	const attachParentProcess = ^uintptr(0)
	if r, _, _ := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole").Call(attachParentProcess); r == 0 {
		return // started from Explorer: no console to borrow, and no one to read it
	}
	if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = out, out
	}
}
