package echo

import (
	"unicode"
	"unicode/utf8"
)

// OpKind is the kind of a diff operation.
type OpKind uint8

// Diff operations.
const (
	Equal  OpKind = iota // text in both
	Delete               // text only in a (the earlier item)
	Insert               // text only in b (the echo)
)

var opNames = [...]string{"equal", "delete", "insert"}

// String returns "equal", "delete" or "insert".
func (k OpKind) String() string { return opNames[k] }

// MarshalText writes the String form, for JSON.
func (k OpKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Op is one run of a word-level diff. Text is a substring of the input it comes from (words
// with the spaces and punctuation after them), so concatenating the Equal and Delete texts
// gives a back and the Equal and Insert texts give b.
type Op struct {
	Kind OpKind `json:"kind"`
	Text string `json:"text"`
}

// maxDiffWords bounds the LCS table: texts longer than this many words are compared on
// their first maxDiffWords words and the rest is reported as Delete and Insert.
const maxDiffWords = 2000

// Diff returns a word-level diff of b (an echo) against a (the group's first-seen item): a
// longest common subsequence of words compared case-insensitively, as runs of Equal, Delete
// and Insert. Cost O(len(a)·len(b)) words in time and bits of memory, bounded by
// maxDiffWords.
func Diff(a, b string) []Op {
	wa, wb := splitWords(a), splitWords(b)
	var tailA, tailB string
	if len(wa) > maxDiffWords {
		tailA = a[wa[maxDiffWords].start:]
		wa = wa[:maxDiffWords]
	}
	if len(wb) > maxDiffWords {
		tailB = b[wb[maxDiffWords].start:]
		wb = wb[:maxDiffWords]
	}
	n, m := len(wa), len(wb)
	// lcs[i][j] = LCS length of wa[i:] and wb[j:], in one slice.
	lcs := make([]int32, (n+1)*(m+1))
	at := func(i, j int) int32 { return lcs[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v := max(at(i+1, j), at(i, j+1))
			if wa[i].key == wb[j].key {
				v = at(i+1, j+1) + 1
			}
			lcs[i*(m+1)+j] = v
		}
	}
	var ops []Op
	emit := func(k OpKind, s string) {
		if s == "" {
			return
		}
		if len(ops) > 0 && ops[len(ops)-1].Kind == k {
			ops[len(ops)-1].Text += s
			return
		}
		ops = append(ops, Op{Kind: k, Text: s})
	}
	// Leading text before the first word.
	if n > 0 {
		emit(Delete, a[:wa[0].start])
	} else {
		emit(Delete, a)
	}
	if m > 0 {
		emit(Insert, b[:wb[0].start])
	} else {
		emit(Insert, b)
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case wa[i].key == wb[j].key:
			emit(Equal, b[wb[j].start:wb[j].end])
			i++
			j++
		case at(i+1, j) >= at(i, j+1):
			emit(Delete, a[wa[i].start:wa[i].end])
			i++
		default:
			emit(Insert, b[wb[j].start:wb[j].end])
			j++
		}
	}
	for ; i < n; i++ {
		emit(Delete, a[wa[i].start:wa[i].end])
	}
	for ; j < m; j++ {
		emit(Insert, b[wb[j].start:wb[j].end])
	}
	emit(Delete, tailA)
	emit(Insert, tailB)
	return ops
}

type span struct {
	start, end int // word and the separator after it
	key        string
}

// splitWords splits s into words (letters, digits, marks) each with the non-word text that
// follows it.
func splitWords(s string) []span {
	var out []span
	isW := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isW(r) {
			i += size
			continue
		}
		start := i
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if !isW(r) {
				break
			}
			i += size
		}
		wordEnd := i
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if isW(r) {
				break
			}
			i += size
		}
		out = append(out, span{start: start, end: i, key: string(appendLower(nil, s[start:wordEnd]))})
	}
	return out
}
