package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what the extractors return, so that a hostile text cannot blow up an item.
const (
	MaxExtracted = 64 // most URLs, hashtags or mentions taken from one text
	maxURLLen    = 2048
	maxTagLen    = 100
)

// urlAt returns the byte length of a URL that starts at s[i] ("http://", "https://" or "www."
// at a word boundary), or 0. Trailing punctuation that usually ends a sentence is not included.
func urlAt(s string, i int) int {
	rest := s[i:]
	var prefix int
	switch {
	case hasPrefixFold(rest, "https://"):
		prefix = 8
	case hasPrefixFold(rest, "http://"):
		prefix = 7
	case hasPrefixFold(rest, "www."):
		prefix = 4
	default:
		return 0
	}
	if isWordByteBefore(s, i) {
		return 0
	}
	j := prefix
	for j < len(rest) && j < maxURLLen {
		r, size := utf8.DecodeRuneInString(rest[j:])
		if r == utf8.RuneError || unicode.IsSpace(r) || r == '<' || r == '>' || r == '"' || r == '«' || r == '»' || r == '“' || r == '”' {
			break
		}
		j += size
	}
	// Trim sentence punctuation and unbalanced closing brackets.
	for j > prefix {
		c := rest[j-1]
		if strings.IndexByte(".,;:!?'*", c) >= 0 {
			j--
			continue
		}
		if c == ')' && strings.Count(rest[:j], "(") < strings.Count(rest[:j], ")") {
			j--
			continue
		}
		if c == ']' && strings.Count(rest[:j], "[") < strings.Count(rest[:j], "]") {
			j--
			continue
		}
		break
	}
	if j <= prefix+1 {
		return 0
	}
	return j
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isWordByteBefore reports whether the character before s[i] is a letter, digit or underscore.
func isWordByteBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isHandleByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// ExtractURLs returns the URLs written in s, in order of appearance, as written (callers
// canonicalise them). At most MaxExtracted are returned.
func ExtractURLs(s string) []string {
	var out []string
	for i := 0; i < len(s) && len(out) < MaxExtracted; {
		c := s[i]
		if c == 'h' || c == 'H' || c == 'w' || c == 'W' {
			if n := urlAt(s, i); n > 0 {
				u := s[i : i+n]
				if hasPrefixFold(u, "www.") {
					u = "http://" + u
				}
				out = append(out, u)
				i += n
				continue
			}
		}
		i++
	}
	return out
}

// ExtractHashtags returns the distinct hashtags in s, lower-cased and without '#', in order of
// first appearance. A hashtag is '#' at a word boundary followed by letters, digits, marks or
// underscores, not only digits. At most MaxExtracted are returned.
func ExtractHashtags(s string) []string {
	return extractTagged(s, '#', func(r rune) bool {
		return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
	})
}

// ExtractMentions returns the distinct @handles in s (ASCII letters, digits and underscore, as on
// Twitter and Telegram), lower-cased and without '@'. E-mail addresses are not mentions.
func ExtractMentions(s string) []string {
	return extractTagged(s, '@', func(r rune) bool { return r < utf8.RuneSelf && isHandleByte(byte(r)) })
}

func extractTagged(s string, mark byte, ok func(rune) bool) []string {
	var out []string
	for i := 0; i < len(s) && len(out) < MaxExtracted; i++ {
		if s[i] != mark || isWordByteBefore(s, i) {
			continue
		}
		j, letters := i+1, false
		for j < len(s) && j-i <= maxTagLen {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !ok(r) {
				break
			}
			if !unicode.IsDigit(r) {
				letters = true
			}
			j += size
		}
		if j == i+1 || !letters {
			continue
		}
		if inURL(s, i) {
			continue
		}
		tag := strings.ToLower(s[i+1 : j])
		if !contains(out, tag) {
			out = append(out, tag)
		}
		i = j - 1
	}
	return out
}

// inURL reports whether byte i of s lies inside a URL (so that "#fragment" is not a hashtag).
func inURL(s string, i int) bool {
	start := strings.LastIndexAny(s[:i], " \t\n")
	n := urlAt(s, start+1)
	return n > 0 && start+1+n > i
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
