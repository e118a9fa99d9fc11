//go:build !windows

package ui

// systemFileProblems: TestFileProblem's cases already use this system's own numbers.
var systemFileProblems []fileProblemCase
