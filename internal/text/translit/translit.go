package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ToLatin transliterates Cyrillic (ru, uk, be, bg, sr, mk rules; lang "" = a generic scheme)
// to lower-case ASCII Latin, e.g. "Зеленський" → "zelenskyi" (uk) and "Зеленский" →
// "zelensky" (ru); Latin input is folded to ASCII (diacritics removed: "Žižek" → "zizek").
// Characters of scripts without a scheme, digits, punctuation and spaces are kept (letters
// lower-cased). Apostrophes inside Cyrillic words (Ukrainian "м’ясо") are dropped.
func ToLatin(lang, s string) string {
	if isASCIILower(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	appendLatin(&b, lang, s)
	return b.String()
}

// isASCIILower reports whether s is ASCII without upper-case letters.
func isASCIILower(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

// appendLatin writes the transliteration of s to b, word by word.
func appendLatin(b *strings.Builder, lang, s string) {
	for start := 0; start < len(s); {
		// Words are runs of letters, combining marks and in-word apostrophes.
		end := start
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if !isWordRune(r) && !(isApostrophe(r) && end > start) {
				break
			}
			end += size
		}
		if end == start {
			r, size := utf8.DecodeRuneInString(s[start:])
			if r == utf8.RuneError && size == 1 {
				b.WriteByte(s[start])
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			start += size
			continue
		}
		appendWord(b, lang, s[start:end])
		start = end
	}
}

func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	case r >= 0x0400 && r <= 0x045F:
		return true
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// toLower is unicode.ToLower with fast paths for ASCII and basic Cyrillic.
func toLower(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r >= 0x0410 && r <= 0x042F:
		return r + 0x20
	case r >= 0x0430 && r <= 0x045F:
		return r
	case r >= 0x0400 && r <= 0x040F:
		return r + 0x50
	}
	return unicode.ToLower(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == 'ʹ'
}

// appendWord transliterates one word.
func appendWord(b *strings.Builder, lang, w string) {
	cyr := false
	for _, r := range w {
		if isCyrillic(r) {
			cyr = true
			break
		}
	}
	if !cyr {
		for _, r := range w {
			if isApostrophe(r) {
				b.WriteRune(r)
				continue
			}
			appendLatinRune(b, toLower(r))
		}
		return
	}
	sc := schemeFor(lang, w)
	var buf [48]rune
	runes := buf[:0]
	for _, r := range w {
		runes = append(runes, toLower(r))
	}
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if !isCyrillic(r) {
			if !isApostrophe(r) {
				appendLatinRune(b, r)
			}
			continue
		}
		var prev rune
		if i > 0 && !isApostrophe(runes[i-1]) {
			prev = runes[i-1]
		}
		s, skip := sc.letter(r, prev, runes[i+1:])
		b.WriteString(s)
		i += skip
	}
}

// isCyrillic reports whether r is in the Cyrillic block.
func isCyrillic(r rune) bool { return r >= 0x0400 && r <= 0x04FF }

// appendLatinRune writes a lower-case non-Cyrillic rune folded to ASCII where it can be.
func appendLatinRune(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf {
		b.WriteByte(byte(r))
		return
	}
	if s, ok := foldTable()[r]; ok {
		b.WriteString(s)
		return
	}
	if unicode.Is(unicode.Mn, r) {
		return // a combining mark left over, such as a stress mark
	}
	b.WriteRune(r)
}
