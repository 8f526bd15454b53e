package cli

import (
	"io"
	"unicode/utf8"
)

// safeWriter drops the characters of untrusted text that would control a terminal rather
// than print: C0 controls other than newline and tab, DEL, C1 controls (ANSI escape
// sequences start with ESC or CSI), and the bidirectional overrides and isolates that can
// make text read differently from what it is. Text output goes through it; JSON output is
// escaped by the encoder instead.
type safeWriter struct{ w io.Writer }

func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	}
	return false
}

func (s safeWriter) Write(p []byte) (int, error) {
	clean := true
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRune(p[i:])
		if unsafeRune(r) && (r != utf8.RuneError || n > 1) {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return s.w.Write(p)
	}
	out := make([]byte, 0, len(p))
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRune(p[i:])
		if !unsafeRune(r) || (r == utf8.RuneError && n == 1) {
			out = append(out, p[i:i+n]...)
		}
		i += n
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
