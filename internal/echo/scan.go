package echo

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// numberWords are the English number words the pivot writes as digits, so that "douze",
// "zwölf" (through the lexicon) and "12" meet.
var numberWords = map[string]string{
	"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
	"eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13",
	"fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
	"nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
	"sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100",
	"thousand": "1000", "million": "1000000", "billion": "1000000000",
}

func notLetterOrDigit(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// sortSet sorts s and removes duplicates in place.
func sortSet(s []uint32) []uint32 {
	slices.Sort(s)
	return slices.Compact(s)
}

// appendLower appends the lower-case form of s.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
			return dst
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// splitCamel splits a hashtag body at lower-to-upper case changes and between letters and
// digits: "LaPlusSecrète" → La, Plus, Secrète. A tag without such changes is one part.
func splitCamel(s string) []string {
	var parts []string
	start := 0
	var prev rune
	for i, r := range s {
		if i > 0 && (unicode.IsUpper(r) && unicode.IsLower(prev) || unicode.IsDigit(r) != unicode.IsDigit(prev) || r == '_') {
			if i > start {
				parts = append(parts, strings.Trim(s[start:i], "_"))
			}
			start = i
		}
		prev = r
	}
	parts = append(parts, strings.Trim(s[start:], "_"))
	return slices.DeleteFunc(parts, func(p string) bool { return p == "" })
}

// scan calls fn for each token of normalised text s: words (letters and marks; split at
// apostrophes, hyphens and letter-digit changes), numbers (digits, with thousands separators
// removed), hashtags (without '#'), single Han characters and katakana runs. URLs and
// @mentions are skipped. capital tells whether the token starts with an upper-case letter,
// start whether it is the first token after the start of the text or a sentence end.
func scan(s string, fn func(kind int, tok string, capital, start bool)) {
	start := true
	for i := 0; i < len(s); {
		c := s[i]
		if c == 'h' || c == 'H' || c == 'w' || c == 'W' {
			if n := urlLen(s, i); n > 0 {
				i += n
				continue
			}
		}
		if c == '@' && i+1 < len(s) && isHandleByte(s[i+1]) {
			j := i + 1
			for j < len(s) && isHandleByte(s[j]) {
				j++
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '#' && i+1 < len(s):
			j := i + 1
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '_' || unicode.Is(unicode.Mn, r2)) {
					break
				}
				j += sz
			}
			if j > i+1 {
				fn(tokHashtag, s[i+1:j], false, start)
				start = false
				i = j
				continue
			}
		case unicode.IsDigit(r):
			j := i
			var num []byte
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if unicode.IsDigit(r2) {
					num = utf8.AppendRune(num, r2)
					j += sz
					continue
				}
				// 12,000 / 12.000 / 12 000: a separator followed by exactly three digits.
				if (r2 == ',' || r2 == '.' || r2 == ' ' || r2 == '\u202f') && j+sz+3 <= len(s) && isDigits(s[j+sz:j+sz+3]) && (j+sz+3 == len(s) || !isDigitByte(s[j+sz+3])) {
					j += sz
					continue
				}
				break
			}
			fn(tokNumber, string(num), false, start)
			start = false
			i = j
			continue
		case isCJK(r):
			j := i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !isCJK(r2) {
					break
				}
				j += sz
			}
			fn(tokCJK, s[i:j], false, start)
			start = false
			i = j
			continue
		case unicode.IsLetter(r) && !isHiragana(r):
			j := i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(r2) || unicode.Is(unicode.Mn, r2)) || isHan(r2) || isKatakana(r2) || isHiragana(r2) {
					break
				}
				j += sz
			}
			fn(tokWord, s[i:j], unicode.IsUpper(r), start)
			start = false
			i = j
			continue
		case r == '.' || r == '!' || r == '?' || r == '\n' || r == '。' || r == '！' || r == '？' || r == ':' || r == '"' || r == '«' || r == '“':
			start = true
		}
		i += size
	}
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func isHandleByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x2FA1F
}

func isKatakana(r rune) bool { return r >= 0x30A0 && r <= 0x30FF || r >= 0x31F0 && r <= 0x31FF }

func isHiragana(r rune) bool { return r >= 0x3040 && r <= 0x309F }

// isCJK reports whether r belongs to a run of Chinese or Japanese writing: Han, kana, the
// prolonged sound mark and the iteration mark.
func isCJK(r rune) bool {
	return isHan(r) || isKatakana(r) || isHiragana(r) || r == 'ー' || r == '々'
}

// urlLen returns the length of a URL starting at s[i] (http://, https:// or www. at a word
// boundary, up to the next space), or 0.
func urlLen(s string, i int) int {
	rest := s[i:]
	if !(hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "www.")) {
		return 0
	}
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return 0
		}
	}
	j := strings.IndexFunc(rest, unicode.IsSpace)
	if j < 0 {
		j = len(rest)
	}
	return j
}

func hasPrefixFold(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }
