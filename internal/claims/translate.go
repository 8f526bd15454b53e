package claims

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"
	"sync"

	"fimi/internal/text/stem"
)

// Pair is one translation: a foreign word and an English word or phrase, lower-case (the
// shape of text/lexicon's pairs, which convert with Pair(p)).
type Pair struct{ Foreign, English string }

// Dictionary is the bilingual dictionary the matcher translates query words with: every
// (foreign, English) pair it knows for a language. Pairs is called at most once per language,
// possibly concurrently for different languages; the matcher builds a Table from the result
// and keeps no reference to it. A Dictionary that also implements TableSource hands over
// built tables instead (from a cache on disk, say), and Pairs is not called.
type Dictionary interface {
	Pairs(lang string) []Pair
}

// TableSource is implemented by a Dictionary that can give the matcher a built translation
// table of a dictionary language (nil when it has none), sparing it the build: see
// BuildTable and TableVersion for how to keep tables, and detect.CachedLexiconDictionary.
type TableSource interface {
	Table(lang string) *Table
}

// DictionaryFunc adapts a function to a Dictionary, for example over text/lexicon:
//
//	claims.DictionaryFunc(func(l string) []claims.Pair {
//		var out []claims.Pair
//		for _, p := range lex.Pairs(l) {
//			out = append(out, claims.Pair(p))
//		}
//		return out
//	})
type DictionaryFunc func(lang string) []Pair

// Pairs calls f.
func (f DictionaryFunc) Pairs(lang string) []Pair { return f(lang) }

// maxTranslations is the most English stems kept for one foreign stem.
const maxTranslations = 8

// dictFallbacks names the dictionaries read for a language, best first: languages without a
// dictionary of their own borrow a close one's (the Serbo-Croatian stemmer is shared, and
// Serbian Cyrillic is stemmed in Latin).
var dictFallbacks = map[string][]string{
	"sr": {"sr", "hr"}, "bs": {"hr", "sr"}, "hr": {"hr", "sr"}, "me": {"hr", "sr"},
	"sk": {"sk", "cs"}, "cs": {"cs", "sk"}, "uk": {"ru"}, "be": {"ru"}, "mk": {"bg"},
	"no": {"da", "sv"}, "nb": {"da", "sv"},
}

// Table maps the stems of one dictionary language to English stems: what the matcher
// translates query words with. It is built by BuildTable (or read by ReadTable), immutable,
// and laid out in a few flat arrays, so that the garbage collector has next to nothing to
// scan in it and it reads and writes in one piece.
type Table struct {
	lang   string
	keys   string   // foreign stems, one after the other
	keyEnd []uint32 // end of key i in keys
	valEnd []uint32 // end of key i's translations in vals
	vals   []uint32 // English stem numbers
	eng    []string // English stems, substrings of one string
	slots  []uint32 // open-addressing hash table: key number + 1, 0 for empty
}

// Lang returns the table's dictionary language.
func (t *Table) Lang() string { return t.lang }

// Len returns the number of foreign stems the table translates.
func (t *Table) Len() int { return len(t.keyEnd) }

// lookup returns the English stem numbers of foreign stem key.
func (t *Table) lookup(key string) []uint32 {
	if len(t.slots) == 0 {
		return nil
	}
	mask := uint32(len(t.slots) - 1)
	for h := strHash(key) & mask; ; h = (h + 1) & mask {
		k := t.slots[h]
		if k == 0 {
			return nil
		}
		i := k - 1
		start := uint32(0)
		if i > 0 {
			start = t.keyEnd[i-1]
		}
		if t.keys[start:t.keyEnd[i]] == key {
			vs := uint32(0)
			if i > 0 {
				vs = t.valEnd[i-1]
			}
			return t.vals[vs:t.valEnd[i]]
		}
	}
}

// Translate returns the English stems of a foreign stem (a new slice), for inspection.
func (t *Table) Translate(stem string) []string {
	var out []string
	for _, v := range t.lookup(stem) {
		out = append(out, t.eng[v])
	}
	return out
}

// strHash is FNV-1a of s.
func strHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// BuildTable keys the pairs of dictionary language lang by the stem of their foreign word
// (single words only: foreign phrases cannot meet a stem) and keeps at most 8 English stems
// for each, the stems of the content words of single-word translations first, then of
// translations of two or three words (longer ones are glosses, not translations). It costs
// a stemming of every distinct foreign and English word, about a second for German's
// 765,000 pairs.
func BuildTable(lang string, pairs []Pair) *Table {
	type entry struct {
		key           string
		single, multi []uint32
	}
	var (
		entries  []entry
		byKey    = map[string]int{}
		engNum   = map[string]uint32{}
		engStems []string
		enStem   = map[string]int32{} // English word -> stem number, -1 for none
		prevF    string
		prevE    = -1
		fields   []string
	)
	engOf := func(w string) int32 {
		if n, ok := enStem[w]; ok {
			return n
		}
		n := int32(-1)
		w2 := strings.Trim(w, ".,;:!?()\"'")
		if w2 != "" && !stem.StopWord("en", w2) && w2 != "to" && w2 != "be" {
			st := stem.Stem("en", w2)
			u, ok := engNum[st]
			if !ok {
				u = uint32(len(engStems))
				engNum[st] = u
				engStems = append(engStems, st)
			}
			n = int32(u)
		}
		enStem[w] = n
		return n
	}
	add := func(list []uint32, v uint32) []uint32 {
		if slices.Contains(list, v) {
			return list
		}
		return append(list, v)
	}
	for _, p := range pairs {
		if p.Foreign == "" || strings.ContainsAny(p.Foreign, " -") {
			continue
		}
		e := prevE
		if p.Foreign != prevF || e < 0 {
			key := stem.Stem(lang, p.Foreign)
			i, ok := byKey[key]
			if !ok {
				i = len(entries)
				byKey[key] = i
				entries = append(entries, entry{key: key})
			}
			prevF, prevE, e = p.Foreign, i, i
		}
		en := &entries[e]
		fields = strings.Fields(p.English)
		switch {
		case len(fields) == 1:
			if len(en.single) < maxTranslations {
				if n := engOf(fields[0]); n >= 0 {
					en.single = add(en.single, uint32(n))
				}
			}
		case len(fields) <= 3:
			// The list takes at most maxTranslations − len(single) of these that are not
			// among the single-word ones: twice maxTranslations of them are enough.
			if len(en.single) >= maxTranslations || len(en.multi) >= 2*maxTranslations {
				continue // a phrase adds nothing here
			}
			for _, w := range fields {
				if n := engOf(w); n >= 0 {
					en.multi = add(en.multi, uint32(n))
				}
			}
		}
	}
	t := &Table{lang: lang}
	var kb, eb strings.Builder
	engEnd := make([]int, len(engStems))
	for i, s := range engStems {
		eb.WriteString(s)
		engEnd[i] = eb.Len()
	}
	all := eb.String()
	t.eng = make([]string, len(engStems))
	for i := range engStems {
		start := 0
		if i > 0 {
			start = engEnd[i-1]
		}
		t.eng[i] = all[start:engEnd[i]]
	}
	for _, en := range entries {
		list := en.single
		for _, v := range en.multi {
			if len(list) >= maxTranslations {
				break
			}
			list = add(list, v)
		}
		if len(list) == 0 {
			continue
		}
		kb.WriteString(en.key)
		t.keyEnd = append(t.keyEnd, uint32(kb.Len()))
		t.vals = append(t.vals, list...)
		t.valEnd = append(t.valEnd, uint32(len(t.vals)))
	}
	t.keys = kb.String()
	t.index()
	return t
}

// index builds the hash table over the keys.
func (t *Table) index() {
	n := 16
	for n < 2*len(t.keyEnd) {
		n *= 2
	}
	t.slots = make([]uint32, n)
	mask := uint32(n - 1)
	start := uint32(0)
	for i, end := range t.keyEnd {
		h := strHash(t.keys[start:end]) & mask
		for t.slots[h] != 0 {
			h = (h + 1) & mask
		}
		t.slots[h] = uint32(i) + 1
		start = end
	}
}

// tableMagic starts a Table's binary form; the digit is the format version.
const tableMagic = "fimi-claims-table-1\n"

// maxTableBytes bounds what ReadTable accepts (German's table takes about 10 MB).
const maxTableBytes = 256 << 20

// ErrTable is returned (wrapped) by ReadTable for input that is not a table.
var ErrTable = errors.New("claims: not a translation table")

// WriteTo writes the table in its binary form, which ReadTable reads back.
func (t *Table) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var n int64
	put := func(b []byte) {
		k, _ := bw.Write(b)
		n += int64(k)
	}
	putStr := func(s string) {
		put(binary.AppendUvarint(nil, uint64(len(s))))
		k, _ := bw.WriteString(s)
		n += int64(k)
	}
	putU32s := func(v []uint32) {
		put(binary.AppendUvarint(nil, uint64(len(v))))
		buf := make([]byte, 0, 4096)
		for _, x := range v {
			buf = binary.LittleEndian.AppendUint32(buf, x)
			if len(buf) >= 4092 {
				put(buf)
				buf = buf[:0]
			}
		}
		put(buf)
	}
	put([]byte(tableMagic))
	putStr(t.lang)
	putStr(t.keys)
	putU32s(t.keyEnd)
	putU32s(t.valEnd)
	putU32s(t.vals)
	ends := make([]uint32, len(t.eng))
	var eb strings.Builder
	for i, s := range t.eng {
		eb.WriteString(s)
		ends[i] = uint32(eb.Len())
	}
	putStr(eb.String())
	putU32s(ends)
	if err := bw.Flush(); err != nil {
		return n, err
	}
	return n, nil
}

// ReadTable reads a table written by WriteTo, at most 256 MiB of it. Input that is not one,
// is cut short or is inconsistent gives an error wrapping ErrTable.
func ReadTable(r io.Reader) (*Table, error) {
	br := bufio.NewReader(io.LimitReader(r, maxTableBytes))
	bad := func(what string) (*Table, error) { return nil, fmt.Errorf("%w: %s", ErrTable, what) }
	magic := make([]byte, len(tableMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != tableMagic {
		return bad("header")
	}
	readLen := func() (int, bool) {
		v, err := binary.ReadUvarint(br)
		if err != nil || v > maxTableBytes {
			return 0, false
		}
		return int(v), true
	}
	readStr := func() (string, bool) {
		n, ok := readLen()
		if !ok {
			return "", false
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return "", false
		}
		return string(b), true
	}
	readU32s := func() ([]uint32, bool) {
		n, ok := readLen()
		if !ok || n > maxTableBytes/4 {
			return nil, false
		}
		b := make([]byte, 4*n)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, false
		}
		v := make([]uint32, n)
		for i := range v {
			v[i] = binary.LittleEndian.Uint32(b[4*i:])
		}
		return v, true
	}
	t := &Table{}
	var ok bool
	if t.lang, ok = readStr(); !ok {
		return bad("language")
	}
	if t.keys, ok = readStr(); !ok {
		return bad("keys")
	}
	if t.keyEnd, ok = readU32s(); !ok {
		return bad("key ends")
	}
	if t.valEnd, ok = readU32s(); !ok {
		return bad("value ends")
	}
	if t.vals, ok = readU32s(); !ok {
		return bad("values")
	}
	eng, ok := readStr()
	if !ok {
		return bad("English stems")
	}
	ends, ok := readU32s()
	if !ok {
		return bad("English stem ends")
	}
	// Consistency: ends non-decreasing within their arrays, values within the vocabulary.
	if !monotone(t.keyEnd, uint32(len(t.keys))) || !monotone(t.valEnd, uint32(len(t.vals))) ||
		len(t.valEnd) != len(t.keyEnd) || !monotone(ends, uint32(len(eng))) {
		return bad("inconsistent offsets")
	}
	t.eng = make([]string, len(ends))
	start := uint32(0)
	for i, e := range ends {
		t.eng[i] = eng[start:e]
		start = e
	}
	for _, v := range t.vals {
		if int(v) >= len(t.eng) {
			return bad("translation out of range")
		}
	}
	t.index()
	return t, nil
}

// monotone reports whether ends never decrease, and end at total (an empty list is fine).
func monotone(ends []uint32, total uint32) bool {
	prev := uint32(0)
	for _, e := range ends {
		if e < prev {
			return false
		}
		prev = e
	}
	return prev == total
}

// TableVersion returns a fingerprint of how BuildTable treats dictionary language lang with
// this version of fimi: the table format and the stems and stop words of a fixed sample of
// words in lang and in English. A cache of tables keyed by it (and by the dictionary files)
// goes stale when stemming changes.
func TableVersion(lang string) string {
	h := fnv.New64a()
	fmt.Fprint(h, tableMagic, maxTranslations, lang)
	for _, l := range []string{lang, "en"} {
		for _, w := range versionProbe {
			fmt.Fprint(h, "|", stem.Stem(l, w), stem.StopWord(l, w))
		}
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

// versionProbe are words of several languages and scripts whose stems fingerprint a stemmer.
var versionProbe = []string{
	"the", "running", "nations", "governments", "presidential", "was", "and", "soldiers",
	"regierungen", "präsidenten", "soldaten", "gouvernements", "présidentielle", "gobiernos",
	"presidenciales", "governi", "rządów", "prezydenta", "vlády", "правительства", "президента",
	"солдатів", "уряду", "και", "κυβερνήσεις", "الحكومات", "hükümetler", "kormányok", "vyriausybės",
	"regeringar", "hallitukset", "regeringer", "regeringen", "governos", "vlade", "владе",
}

// translations holds the tables of the dictionary languages, built or fetched on first use.
type translations struct {
	dict  Dictionary
	mu    sync.Mutex
	tabs  map[string]*tableOnce
	langs sync.Map // query language -> *translator
}

type tableOnce struct {
	once sync.Once
	t    *Table
}

func newTranslations(d Dictionary) *translations {
	return &translations{dict: d, tabs: map[string]*tableOnce{}}
}

// table returns the table of dictionary language l (never nil), getting it on first use.
func (t *translations) table(l string) *Table {
	t.mu.Lock()
	to, ok := t.tabs[l]
	if !ok {
		to = &tableOnce{}
		t.tabs[l] = to
	}
	t.mu.Unlock()
	to.once.Do(func() {
		if src, ok := t.dict.(TableSource); ok {
			to.t = src.Table(l)
		} else {
			to.t = BuildTable(l, t.dict.Pairs(l))
		}
		if to.t == nil {
			to.t = &Table{lang: l}
		}
	})
	return to.t
}

// translator translates the words of one query language.
type translator struct {
	lang   string
	tables []*Table
	ids    [][]idSlot // per table, per English stem: its index term number (termID)
}

// slot returns the cache of the index term number of English stem v of tab.
func (tr *translator) slot(tab *Table, v uint32) *idSlot {
	for i, t := range tr.tables {
		if t == tab && int(v) < len(tr.ids[i]) {
			return &tr.ids[i][v]
		}
	}
	return nil
}

// translator returns the translator for query language lang, or nil for English, for an
// unknown language or without a Dictionary.
func (m *Matcher) translator(lang string) *translator {
	if m.trans.dict == nil || lang == "" || lang == "en" {
		return nil
	}
	if tr, ok := m.trans.langs.Load(lang); ok {
		return tr.(*translator)
	}
	langs := dictFallbacks[lang]
	if langs == nil {
		langs = []string{lang}
	}
	tr := &translator{lang: lang}
	for _, l := range langs {
		tab := m.trans.table(l)
		tr.tables = append(tr.tables, tab)
		tr.ids = append(tr.ids, make([]idSlot, len(tab.eng)))
	}
	m.trans.langs.Store(lang, tr)
	return tr
}

// translate returns the English stems (numbers into the table's vocabulary) for a folded
// word whose stem in the query language is term, from the first dictionary that knows its
// stem, with that table. The slice is shared: callers must not modify it.
func (tr *translator) translate(norm, term string) ([]uint32, *Table) {
	for _, tab := range tr.tables {
		key := term
		if tab.lang != tr.lang {
			key = stem.Stem(tab.lang, norm)
		}
		if es := tab.lookup(key); len(es) > 0 {
			return es, tab
		}
	}
	return nil, nil
}
