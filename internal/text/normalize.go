// Package text normalises untrusted text and URLs and pulls out the parts detectors share:
// URLs, hashtags and mentions. Everything here is pure, allocation-conscious and safe for
// concurrent use. Language identification lives in text/lang.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in Unicode NFKC with whitespace tidied: control and zero-width characters
// removed, runs of spaces and tabs collapsed to one space, lines trimmed, more than one blank line
// collapsed to one, and the whole trimmed. Invalid UTF-8 sequences become U+FFFD; callers that
// must reject invalid input check utf8.ValidString first.
func Normalize(s string) string {
	if tidyASCII(s) {
		return s
	}
	if !norm.NFKC.IsNormalString(s) {
		s = norm.NFKC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space, newlines := false, 0
	started := false
	for _, r := range s {
		switch {
		case r == '\n' || r == '\u2028' || r == '\u2029':
			if started {
				newlines++
			}
			space = false
			continue
		case r == '\r':
			continue
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad':
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if started {
			switch {
			case newlines > 1:
				b.WriteString("\n\n")
			case newlines == 1:
				b.WriteByte('\n')
			case space:
				b.WriteByte(' ')
			}
		}
		newlines, space, started = 0, false, true
		b.WriteRune(r)
	}
	return b.String()
}

// tidyASCII reports whether s is printable ASCII that Normalize would return unchanged: no
// control characters, no leading, trailing or doubled spaces.
func tidyASCII(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		if c < 0x21 || c > 0x7e {
			return false
		}
		prevSpace = false
	}
	return !prevSpace || len(s) == 0
}

// Fold returns the form of s used for exact-duplicate hashing: lower-case words of letters and
// digits joined by single spaces, with URLs, @mentions and punctuation dropped. Two texts that
// differ only in case, punctuation, spacing, links or mentions fold to the same string.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	for i := 0; i < len(s); {
		if n := urlAt(s, i); n > 0 {
			i += n
			gap = true
			continue
		}
		if c := s[i]; c < utf8.RuneSelf && c != '@' && c != 'h' && c != 'H' && c != 'w' && c != 'W' {
			// ASCII fast path.
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			default:
				gap = true
				continue
			}
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '@' && !isWordByteBefore(s, i) {
			j := i + 1
			for j < len(s) && isHandleByte(s[j]) {
				j++
			}
			if j > i+1 {
				i = j
				gap = true
				continue
			}
		}
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		gap = true
	}
	return b.String()
}
