package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token kinds of nextToken.
const (
	tokenText    = iota
	tokenHashtag // #word: used only when the text has little else
	tokenSkip    // URL, e-mail address, @mention
)

// minPlainLetters is the fewest letters outside hashtags for hashtags to be ignored.
const minPlainLetters = 12

// prepare bounds text to MaxInput bytes at a rune boundary and composes combining marks.
func prepare(text string) string {
	if len(text) > MaxInput {
		cut := MaxInput
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	// Combining diacritics (U+0300..U+036F) start with 0xCC or 0xCD in UTF-8.
	if strings.IndexByte(text, 0xCC) >= 0 || strings.IndexByte(text, 0xCD) >= 0 {
		text = norm.NFC.String(text)
	}
	return text
}

// nextToken finds the first whitespace-delimited token of text[i:] and returns its bounds and
// kind; start == end == len(text) when there is none.
func nextToken(text string, i int) (start, end, kind int) {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isSpaceByte(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isSpace(r) {
			break
		}
		i += size
	}
	start = i
	var at, colon, slash bool
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if isSpaceByte(c) {
				break
			}
			switch c {
			case '@':
				at = true
			case ':':
				colon = true
			case '/':
				slash = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isSpace(r) {
			break
		}
		i += size
	}
	end = i
	if start == end {
		return start, end, tokenText
	}
	tok := text[start:end]
	switch {
	case tok[0] == '#':
		return start + 1, end, tokenHashtag
	case at,
		colon && strings.Contains(tok, "://"),
		len(tok) > 4 && (tok[0] == 'w' || tok[0] == 'W') && strings.EqualFold(tok[:4], "www."),
		slash && isDomainPath(tok):
		return start, end, tokenSkip
	}
	return start, end, tokenText
}

// isDomainPath reports whether tok looks like "host.tld/path": a dot followed by a letter
// before the first slash.
func isDomainPath(tok string) bool {
	slash := strings.IndexByte(tok, '/')
	dot := strings.IndexByte(tok[:slash], '.')
	return dot > 0 && dot+1 < slash && ('a' <= tok[dot+1]|0x20 && tok[dot+1]|0x20 <= 'z')
}

func isSpaceByte(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r'
}

func isSpace(r rune) bool {
	return r == 0xA0 || r == 0x85 || r >= 0x1680 && unicode.IsSpace(r)
}

// countScripts adds the letters of text per script to plain and, for hashtags, to tagged. It
// skips tokens that start like a URL or a mention; it is a cheaper approximation of nextToken,
// enough to find the main script.
func countScripts(m *model, text string, plain, tagged *[numScripts]int) {
	counts := plain
	tokenStart := true
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if isSpaceByte(c) {
				tokenStart = true
				counts = plain
				i++
				continue
			}
			if tokenStart {
				tokenStart = false
				switch {
				case c == '#':
					counts = tagged
				case c == '@', startsURL(text[i:]):
					for i < len(text) && !isSpaceByte(text[i]) {
						i++
					}
					continue
				}
			}
			if 'a' <= c|0x20 && c|0x20 <= 'z' {
				counts[scriptLatin]++
			}
			i++
			continue
		}
		tokenStart = false
		var r rune
		size := 2
		if c&0xE0 == 0xC0 && i+1 < len(text) {
			r = rune(c&0x1F)<<6 | rune(text[i+1]&0x3F)
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isSpace(r) {
				tokenStart = true
				counts = plain
				i += size
				continue
			}
		}
		i += size
		counts[m.scriptOf(r)]++
	}
}

// startsURL reports whether s starts with http:// https:// or www. in any case.
func startsURL(s string) bool {
	if len(s) < 4 {
		return false
	}
	switch s[0] | 0x20 {
	case 'h':
		return len(s) > 7 && strings.EqualFold(s[:4], "http") && (s[4:7] == "://" || len(s) > 8 && s[4:8] == "s://")
	case 'w':
		return strings.EqualFold(s[:4], "www.")
	}
	return false
}
