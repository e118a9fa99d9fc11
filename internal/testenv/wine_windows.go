package testenv

import "golang.org/x/sys/windows"

// Wine says whether the tests run under Wine rather than Windows itself: Wine's ntdll has
// wine_get_version, which Windows' does not.
func Wine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
