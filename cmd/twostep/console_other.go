//go:build !windows

package main

// attachConsole is needed on Windows only, where a windowed program starts without one.
func attachConsole() {}
