package stem

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// suffixSet removes the longest matching suffix of a word that leaves a long enough stem.
// It is built once and read-only afterwards.
type suffixSet struct {
	byLast  map[rune][]suffix // suffixes by their last letter, longest (in letters) first
	minStem int               // letters the stem must keep
	vowels  string            // if set, the stem must keep one of these letters
}

// suffix is an ending and what replaces it (usually nothing).
type suffix struct{ end, repl string }

// newSuffixSet builds a suffixSet from space-separated suffixes; "dzie>d" replaces the
// ending dzie with d.
func newSuffixSet(minStem int, vowels, suffixes string) *suffixSet {
	s := &suffixSet{byLast: map[rune][]suffix{}, minStem: minStem, vowels: vowels}
	seen := map[string]bool{}
	for _, f := range strings.Fields(suffixes) {
		end, repl, _ := strings.Cut(f, ">")
		if seen[end] {
			continue
		}
		seen[end] = true
		r, _ := utf8.DecodeLastRuneInString(end)
		s.byLast[r] = append(s.byLast[r], suffix{end, repl})
	}
	for _, list := range s.byLast {
		sort.SliceStable(list, func(i, j int) bool {
			return utf8.RuneCountInString(list[i].end) > utf8.RuneCountInString(list[j].end)
		})
	}
	return s
}

// strip returns w without its longest suffix in the set whose removal leaves at least
// minStem letters (and a vowel, if vowels is set); w itself when none does. It allocates
// only for a suffix with a replacement.
func (s *suffixSet) strip(w string) string {
	last, _ := utf8.DecodeLastRuneInString(w)
	for _, suf := range s.byLast[last] {
		if len(suf.end) >= len(w) || !strings.HasSuffix(w, suf.end) {
			continue
		}
		stem := w[:len(w)-len(suf.end)]
		if utf8.RuneCountInString(stem) < s.minStem {
			continue
		}
		if s.vowels != "" && !strings.ContainsAny(stem, s.vowels) {
			continue
		}
		if suf.repl != "" {
			return stem + suf.repl
		}
		return stem
	}
	return w
}

// foldLatin removes the diacritics of the Latin letters used by the Central European
// languages (Czech, Slovak, Polish, Croatian, Serbian, Slovene, Hungarian, German and
// Romanian letters included); đ becomes "dj". ASCII input is returned as is.
func foldLatin(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if f := foldRune(r); f != "" {
			b.WriteString(f)
		} else {
			b.WriteString(s[i : i+size]) // also keeps invalid bytes as they are
		}
		i += size
	}
	return b.String()
}

// foldRune returns the ASCII spelling of a Latin letter with a diacritic, or "".
func foldRune(r rune) string {
	switch r {
	case 'á', 'ä', 'ą', 'à', 'â', 'ă':
		return "a"
	case 'č', 'ć', 'ç':
		return "c"
	case 'ď':
		return "d"
	case 'đ':
		return "dj"
	case 'é', 'ě', 'ę', 'è', 'ê', 'ë':
		return "e"
	case 'í', 'î', 'ì', 'ï':
		return "i"
	case 'ĺ', 'ľ', 'ł':
		return "l"
	case 'ň', 'ń':
		return "n"
	case 'ó', 'ô', 'ö', 'ő', 'ò':
		return "o"
	case 'ŕ', 'ř':
		return "r"
	case 'š', 'ś', 'ș', 'ş':
		return "s"
	case 'ť', 'ț':
		return "t"
	case 'ú', 'ů', 'ü', 'ű', 'ù', 'û':
		return "u"
	case 'ý', 'ÿ':
		return "y"
	case 'ž', 'ź', 'ż':
		return "z"
	case 'ß':
		return "ss"
	}
	return ""
}
