// Package privatetest checks, in tests, what package private promises, the right way for
// each system: exact permission bits on Unix, the DACL on Windows. The Unix modes the tests
// pass are not used on Windows.
package privatetest
