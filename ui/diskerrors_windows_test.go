package ui

import "golang.org/x/sys/windows"

// systemFileProblems are Windows' own error numbers for TestFileProblem.
var systemFileProblems = []fileProblemCase{
	{"Windows: access denied", windows.ERROR_ACCESS_DENIED, noPermission},
	{"Windows: disk full", windows.ERROR_DISK_FULL, diskIsFull},
	{"Windows: disk full on write", windows.ERROR_HANDLE_DISK_FULL, diskIsFull},
	{"Windows: write-protected disk", windows.ERROR_WRITE_PROTECT, placeIsRO},
	{"Windows: file in use", windows.ERROR_SHARING_VIOLATION, notWritten},
}
