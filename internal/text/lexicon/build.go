package lexicon

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode"
)

// scored is a translation (a string id) with its sort key (lower sorts first).
type scored struct {
	id  int32
	key uint64
}

// builder accumulates one language's translations from both dictionaries. Strings are
// interned to ids; to and from are indexed by the id of the headword.
type builder struct {
	lang string
	ids  map[string]int32
	strs []string
	to   [][]scored // foreign id → English translations
	from [][]scored // English id → foreign translations
	base uint64     // added to index positions to order headwords across dictionaries
}

// Sources of a translation, in order of trust.
const (
	srcDirect   = iota // freedict-<lang>-eng
	srcReversed        // freedict-eng-<lang>, read in reverse
	srcPivot           // freedict-<pivot>-<lang> joined with the pivot's English
)

// Sort key layout, most significant first: marked sense (1 bit), phrase (1), source (2),
// rank within the entry (8), order of the headword in its index (52).
func sortKey(marked, phrase bool, source, rank int, seq uint64) uint64 {
	var k uint64
	if marked {
		k |= 1 << 63
	}
	if phrase {
		k |= 1 << 62
	}
	k |= uint64(source&3) << 60
	k |= uint64(min(rank, 255)) << 52
	return k | seq&(1<<52-1)
}

// pivotSource is a dictionary from a pivot language into the language being built, and the
// pivot language's own tables.
type pivotSource struct {
	path   string         // freedict-<pivot>-<lang>.index
	tables func() *tables // nil when the pivot language cannot be loaded
}

// buildTables parses a language's dictionaries (either path may be "") and then its pivot
// dictionaries.
func buildTables(lang, toEnglish, fromEnglish string, pivots []pivotSource) (*tables, error) {
	b := &builder{lang: lang}
	b.grow(toEnglish, fromEnglish)
	if toEnglish != "" {
		if err := b.read(toEnglish, false); err != nil {
			return nil, err
		}
	}
	if fromEnglish != "" {
		if err := b.read(fromEnglish, true); err != nil {
			return nil, err
		}
	}
	if len(pivots) > 0 {
		if err := b.readPivots(pivots); err != nil {
			return nil, err
		}
	}
	n := 0
	for id := range b.to {
		n += min(len(b.to[id]), MaxTranslations) + min(len(b.from[id]), MaxTranslations)
	}
	t := &tables{vals: make([]string, 0, n)}
	t.to = b.finish(t, b.to)
	t.from = b.finish(t, b.from)
	t.vals = slices.Clip(t.vals)
	return t, nil
}

// read parses one dictionary; reversed is true for freedict-eng-<lang>.
func (b *builder) read(indexPath string, reversed bool) error {
	splitDots := b.lang == "tr"
	var cands []candidate
	var ids []int32
	src := srcDirect
	if reversed {
		src = srcReversed
	}
	n, err := eachEntry(indexPath, func(i int, head, entry string) {
		head = normalize(head)
		if reversed {
			head = trimTo(head)
		}
		if head == "" || !b.foreignOK(head, !reversed) {
			return
		}
		cands = appendEntry(cands[:0], entry, splitDots)
		ids = ids[:0]
		h := int32(-1)
		headPhrase := strings.Contains(head, " ")
		for _, c := range cands {
			text := c.text
			if !reversed {
				text = trimTo(text)
			}
			if text == "" || !b.foreignOK(text, reversed) {
				continue
			}
			if h < 0 {
				h = b.id(head)
			}
			t := b.id(text)
			if slices.Contains(ids, t) {
				continue
			}
			ids = append(ids, t)
			k := sortKey(c.marked, headPhrase || strings.Contains(text, " "), src, c.rank, b.base+uint64(i))
			if reversed { // head is English, text foreign
				b.from[h] = append(b.from[h], scored{t, k})
				b.to[t] = append(b.to[t], scored{h, k})
			} else {
				b.to[h] = append(b.to[h], scored{t, k})
				b.from[t] = append(b.from[t], scored{h, k})
			}
		}
	})
	b.base += uint64(n)
	return err
}

// pivotWords is how many English translations of a pivot headword are joined with its
// translations into the language being built.
const pivotWords = 2

// readPivots joins each pivot dictionary (pivot word → words of b.lang) with the pivot
// language's English translations (pivot word → English). The senses of the two
// dictionaries cannot be aligned, so a pair from a pivot word with several senses is kept
// only when another pivot word or language confirms it. A pair found more often sorts
// first; all sort after the direct and reversed translations.
func (b *builder) readPivots(pivots []pivotSource) error {
	type pairKey struct{ foreign, english int32 }
	type support struct {
		n      int  // pivot words through which the pair was found
		single bool // found through a pivot word of a single sense
		first  uint64
	}
	pairs := map[pairKey]support{}
	var cands []candidate
	for _, ps := range pivots {
		pt := ps.tables()
		if pt == nil {
			continue
		}
		n, err := eachEntry(ps.path, func(i int, head, entry string) {
			sp, ok := pt.to[normalize(head)]
			if !ok {
				return
			}
			eng := pt.get(sp, true)
			eng = eng[:min(len(eng), pivotWords)]
			cands = appendEntry(cands[:0], entry, false)
			single := len(cands) > 0 && cands[len(cands)-1].sense == 0
			for _, c := range cands {
				if c.marked || !b.foreignOK(c.text, true) {
					continue
				}
				f := b.id(c.text)
				for _, e := range eng {
					k := pairKey{f, b.id(e)}
					s, ok := pairs[k]
					if !ok {
						s.first = b.base + uint64(i)
					}
					s.n++
					s.single = s.single || single
					pairs[k] = s
				}
			}
		})
		if err != nil {
			return err
		}
		b.base += uint64(n)
	}
	for k, s := range pairs {
		if !s.single && s.n < 2 {
			continue
		}
		phrase := strings.Contains(b.strs[k.foreign], " ") || strings.Contains(b.strs[k.english], " ")
		key := sortKey(false, phrase, srcPivot, 255-min(s.n, 255), s.first)
		b.to[k.foreign] = append(b.to[k.foreign], scored{k.english, key})
		b.from[k.english] = append(b.from[k.english], scored{k.foreign, key})
	}
	return nil
}

// eachEntry reads the dictionary of indexPath and calls fn with each headword's position in
// the index, its headword as written in the index and its entry text. Entries are read in
// offset order (the body is streamed, never held whole); dictfmt's 00-database entries,
// entries with empty headwords and entries outside the body are skipped. It returns the
// number of index lines.
func eachEntry(indexPath string, fn func(i int, head, entry string)) (int, error) {
	f, err := os.Open(indexPath)
	if err != nil {
		return 0, fmt.Errorf("lexicon: %w", err)
	}
	hint := 0
	if st, err := f.Stat(); err == nil {
		hint = int(st.Size())
	}
	idx, err := readIndex(f, indexPath, hint)
	f.Close()
	if err != nil {
		return 0, fmt.Errorf("lexicon: %w", err)
	}
	base := strings.TrimSuffix(indexPath, ".index")
	dictPath := base + ".dict.dz"
	if !exists(dictPath) {
		dictPath = base + ".dict"
	}
	body, err := openDict(dictPath)
	if err != nil {
		return 0, fmt.Errorf("lexicon: %w", err)
	}
	defer body.Close()
	order := make([]int32, len(idx))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, c int32) int {
		if d := idx[a].offset - idx[c].offset; d != 0 {
			return d
		}
		return int(a - c)
	})
	er := &entryReader{r: bufio.NewReaderSize(body, 64<<10), lastOff: -1}
	for _, i := range order {
		e := idx[i]
		if e.head == "" || strings.HasPrefix(e.head, "00-database") || strings.HasPrefix(e.head, "00database") {
			continue
		}
		entry, ok, err := er.entry(e.offset, e.len)
		if err != nil {
			return 0, fmt.Errorf("lexicon: read %s: %w", dictPath, err)
		}
		if ok {
			fn(int(i), e.head, entry)
		}
	}
	return len(idx), nil
}

// foreignOK checks that s, a foreign word when foreign is true, is written in its
// language's script: for languages not written in Latin letters it must have a letter
// other than a Latin one, which drops English glosses that leak into translation lines.
func (b *builder) foreignOK(s string, foreign bool) bool {
	if !foreign {
		return true
	}
	switch b.lang {
	case "ar", "bg", "el", "fa", "he", "hy", "ja", "ka", "kk", "ko", "mk", "ru", "uk", "be",
		"th", "zh", "hi", "ur":
	default:
		return true
	}
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// id interns s, copying it out of the dictionary text, and returns its id.
func (b *builder) id(s string) int32 {
	if v, ok := b.ids[s]; ok {
		return v
	}
	v := int32(len(b.strs))
	s = strings.Clone(s)
	b.ids[s] = v
	b.strs = append(b.strs, s)
	b.to = append(b.to, nil)
	b.from = append(b.from, nil)
	return v
}

// trimTo removes the "to " of English infinitives ("to attack" → "attack").
func trimTo(s string) string {
	if rest, ok := strings.CutPrefix(s, "to "); ok && rest != "" {
		return rest
	}
	return s
}

// finish sorts each headword's translations, removes duplicates, keeps the first
// MaxTranslations and appends them to t.vals; it returns the headwords' spans of t.vals.
func (b *builder) finish(t *tables, lists [][]scored) map[string]span {
	n := 0
	for _, l := range lists {
		if len(l) > 0 {
			n++
		}
	}
	out := make(map[string]span, n)
	for id, list := range lists {
		if len(list) == 0 {
			continue
		}
		slices.SortFunc(list, func(a, b scored) int {
			switch {
			case a.key < b.key:
				return -1
			case a.key > b.key:
				return 1
			}
			return int(a.id - b.id)
		})
		var seen [MaxTranslations]int32
		k := 0
		off := len(t.vals)
		for _, s := range list {
			if k == MaxTranslations {
				break
			}
			if !slices.Contains(seen[:k], s.id) {
				seen[k] = s.id
				k++
				t.vals = append(t.vals, b.strs[s.id])
			}
		}
		out[b.strs[id]] = span{off: uint32(off), n: uint32(k)}
		lists[id] = nil // let the sorted list go
	}
	return out
}

// grow sizes the maps from the sizes of the index files (about 25 bytes a line).
func (b *builder) grow(paths ...string) {
	n := 0
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			n += int(st.Size() / 16) // about 1.5 distinct strings per index line
		}
	}
	n = min(n, 4_000_000)
	b.ids = make(map[string]int32, n)
	b.strs = make([]string, 0, n)
	b.to = make([][]scored, 0, n)
	b.from = make([][]scored, 0, n)
}
