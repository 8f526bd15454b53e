package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// candidate is one translation read from a dictionary entry.
type candidate struct {
	text   string // normalised translation (see normalize)
	marked bool   // a sense labelled colloquial, archaic, rare, ...
	rank   int    // position among the entry's translations, from 0
	sense  int    // number of the sense (translation line) in the entry, from 0
}

// Limits on what counts as a translation rather than a definition or an example.
const (
	maxPhraseWords = 6
	maxPhraseBytes = 80
)

// parseEntry returns the translations of one FreeDict dictd entry, in the order given.
//
// An entry starts with a headword line (headword, /pronunciation/, <part of speech>),
// which is skipped. Each sense then has one line of comma- or semicolon-separated
// translations, optionally after sense numbers (1. I. a.), <grammar> and [usage labels];
// the lines that follow in the same sense are definitions or glosses and are skipped, as
// are examples ("..." - ...), Note:, Synonyms:, see: and other cross-reference lines, and
// lines wholly in parentheses (grammar notes). Parenthesised and bracketed parts of a
// translation are removed; parts with a /pronunciation/ (abbreviations) are dropped.
// splitDots also splits at ". " (the Turkish dictionaries separate translations so).
func parseEntry(text string, splitDots bool) []candidate {
	return appendEntry(nil, text, splitDots)
}

// appendEntry is parseEntry appending to out.
func appendEntry(out []candidate, text string, splitDots bool) []candidate {
	first := true
	sense := -1
	senseOpen := false
	for len(text) > 0 {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if first { // the headword line
			first = false
			continue
		}
		if skipLine(t) {
			continue
		}
		t, newSense := stripMarkers(t)
		if newSense {
			senseOpen = false
		}
		if t == "" || wholeParenthesised(t) {
			continue
		}
		if senseOpen {
			continue // a definition or gloss of the sense whose translations were read
		}
		senseOpen = true
		sense++
		n := len(out)
		out = appendTranslations(out, t, splitDots)
		for i := n; i < len(out); i++ {
			out[i].sense = sense
		}
	}
	return out
}

// skipLine reports whether a trimmed line is an example, a note or a cross-reference.
func skipLine(t string) bool {
	switch t[0] {
	case '"', '{', '-', '~', '=':
		return true
	}
	lower := strings.ToLower(t[:min(len(t), 12)])
	for _, p := range [...]string{"note:", "synonym", "antonym", "see:", "see also", "syn:",
		"ant:", "usage:", "example", "e.g.", "cf.", "compare"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// stripMarkers removes leading sense numbers (1. 2. I. II. a. b.) and <grammar> tags, and
// a trailing sense number; newSense reports whether a number was removed.
func stripMarkers(t string) (string, bool) {
	newSense := false
	for {
		t = strings.TrimLeft(t, " \t")
		if n := markerLen(t); n > 0 {
			t = t[n:]
			newSense = true
			continue
		}
		if strings.HasPrefix(t, "<") {
			if j := strings.IndexByte(t, '>'); j > 0 && j < 24 {
				t = t[j+1:]
				continue
			}
		}
		break
	}
	// "цветен 2." ends with the number of the next sense.
	if i := strings.LastIndexByte(t, ' '); i >= 0 && markerLen(t[i+1:]) > 0 {
		t = strings.TrimSpace(t[:i])
	}
	return t, newSense
}

// markerLen returns the length of a sense marker (digits, a Roman numeral or one letter a–h,
// then a dot, then a space or the end) at the start of t, or 0.
func markerLen(t string) int {
	i := 0
	switch {
	case i < len(t) && t[i] >= '0' && t[i] <= '9':
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
		}
	case i < len(t) && strings.IndexByte("IVX", t[i]) >= 0:
		for i < len(t) && strings.IndexByte("IVX", t[i]) >= 0 {
			i++
		}
	case i < len(t) && t[i] >= 'a' && t[i] <= 'h':
		i++
	default:
		return 0
	}
	if i >= len(t) || t[i] != '.' {
		return 0
	}
	i++
	if i < len(t) && t[i] != ' ' && t[i] != '\t' {
		return 0
	}
	return i
}

// wholeParenthesised reports whether t is one parenthesised group, such as the grammar
// line "(noun (common) (futsuumeishi))".
func wholeParenthesised(t string) bool {
	if t[0] != '(' || t[len(t)-1] != ')' {
		return false
	}
	depth := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 && i != len(t)-1 {
				return false
			}
		}
	}
	return true
}

// appendTranslations splits one translation line and appends its translations.
func appendTranslations(out []candidate, t string, splitDots bool) []candidate {
	t, labels := removeGroups(t)
	marked := false
	for _, l := range labels {
		if markedLabel(l) {
			marked = true
		}
	}
	if splitDots {
		t = strings.ReplaceAll(t, ". ", "; ")
	}
	rank := 0
	for len(t) > 0 {
		i := strings.IndexAny(t, ",;")
		if i < 0 {
			i = len(t)
		}
		part := t[:i]
		t = t[min(i+1, len(t)):]
		if strings.Count(part, "/") >= 2 {
			continue // an abbreviation with its pronunciation: "Govt. /ɡˈɔft/"
		}
		if i := strings.IndexByte(part, '<'); i >= 0 {
			part = part[:i] // "chairman <n>chm."
		}
		if splitDots && strings.Contains(strings.TrimSpace(part), "  ") {
			continue // a Turkish sub-entry "weaponry  silahlar"
		}
		p := cleanPhrase(part)
		if p == "" {
			continue
		}
		out = append(out, candidate{text: p, marked: marked, rank: rank})
		rank++
	}
	return out
}

// removeGroups removes (…) and […] groups, which may nest, and returns the contents of the
// top-level […] groups as labels. {…} braces are removed but their content kept.
func removeGroups(t string) (string, []string) {
	if !strings.ContainsAny(t, "([{") {
		return t, nil
	}
	var b strings.Builder
	var labels []string
	depth, labelStart := 0, -1
	for i := 0; i < len(t); i++ {
		switch c := t[i]; c {
		case '(', '[':
			if depth == 0 && c == '[' {
				labelStart = i + 1
			}
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
				if depth == 0 && c == ']' && labelStart >= 0 {
					labels = append(labels, t[labelStart:i])
					labelStart = -1
				}
				if depth == 0 {
					b.WriteByte(' ')
				}
			}
		case '{', '}':
		default:
			if depth == 0 {
				b.WriteByte(c)
			}
		}
	}
	return b.String(), labels
}

// markedLabel reports whether a usage label marks a sense as not the common one.
func markedLabel(l string) bool {
	l = strings.Trim(strings.ToLower(l), " .")
	switch l {
	case "ugs", "coll", "colloq", "slang", "vulg", "vulgar", "obs", "obsolete", "veraltet",
		"archaic", "arch", "rare", "selten", "dial", "dialect", "humor", "humorous", "pej",
		"pejor", "derog", "fam", "poet", "old", "regional", "euphem", "childish", "kinderspr",
		"übtr", "fig", "figurative", "iron", "hist":
		return true
	}
	return false
}

// cleanPhrase tidies one translation: spaces collapsed, edge punctuation removed, then
// normalize. Too long or letterless phrases (definitions, leftovers) give "".
func cleanPhrase(p string) string {
	p = strings.TrimSpace(p)
	if strings.Contains(p, "  ") || strings.ContainsAny(p, "\t\r") {
		p = strings.Join(strings.Fields(p), " ")
	}
	p = strings.Trim(p, " .:!?*-–—'\"")
	if p == "" || len(p) > maxPhraseBytes || strings.Count(p, " ")+1 > maxPhraseWords ||
		strings.Contains(p, "...") || strings.Contains(p, "…") {
		return ""
	}
	hasLetter := false
	for _, r := range p {
		if unicode.IsLetter(r) {
			hasLetter = true
			break
		}
	}
	if !hasLetter {
		return ""
	}
	return normalize(p)
}

// normalize returns the lookup form of a word or phrase: lower case, NFC, without stress
// marks (U+0300, U+0301) or Arabic short-vowel marks, with Unicode hyphens as "-" and runs
// of white space as one space. Both headwords and queries are normalised so.
func normalize(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' || c == '\t' || c == '\n' {
			ascii = false
			break
		}
	}
	if ascii && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	s = strings.ToLower(s)
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	if tidy(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == 0x0300 || r == 0x0301 || r >= 0x064B && r <= 0x065F || r == 0x0670:
			continue
		case r == 0x2010 || r == 0x2011:
			r = '-'
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tidy reports whether normalize has nothing to remove from the lower-case NFC string s.
func tidy(s string) bool {
	prevSpace := true
	for _, r := range s {
		switch {
		case r == 0x0300 || r == 0x0301 || r >= 0x064B && r <= 0x065F || r == 0x0670 ||
			r == 0x2010 || r == 0x2011:
			return false
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case unicode.IsSpace(r):
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}
