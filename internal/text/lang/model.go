package lang

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// modelData is the generated n-gram model (gzip, about 1.3 MB); see internal/gen and NOTICE.
//
//go:generate go run ./internal/gen -o model.bin.gz
//go:embed model.bin.gz
var modelData []byte

// Model file layout (gzip-compressed, written by internal/gen):
//
//	"FLNG" version:byte(1)
//	uvarint nLangs, then per language: string code, byte script (1 Latin, 2 Cyrillic, 3 Arabic)
//	per order n = 1..4:
//	    float32 floor hint per language: the log-probability to charge for a missing n-gram
//	    uvarint nGrams, then per n-gram in byte order:
//	        uvarint prefix length shared with the previous n-gram, string rest of the n-gram,
//	        uvarint nPostings, then per posting: byte language, byte round(-16·ln p)
//
// Strings are a uvarint length and UTF-8 bytes; p is lingua's P(last letter | the others).

const (
	maxOrder = 4
	// maxLangs bounds the languages of one script: accumulators are arrays on the stack and a
	// posting keeps the language in 5 bits.
	maxLangs = 32
	// valueScale is the fixed-point scale of posting values: 1/valueScale nat.
	valueScale = 64
	// maxValue bounds posting values (11 bits).
	maxValue = 1<<11 - 1
	// maxWordLen is the longest word looked up in the function word lists, in letters.
	maxWordLen = 16
	// infoMark is the runeInfo of combining marks, which words skip.
	infoMark = 0xFFFF
)

// model is the decoded, immutable model shared by all detectors.
type model struct {
	scripts [modelScripts + 1]*scriptModel
	// info holds, for runes below U+0800, script<<8 | symbol of the folded rune (0 for a
	// letter no model has), or infoMark.
	info  [0x800]uint16
	other map[rune]uint8 // symbols of folded letters at or above U+0800
}

// scriptModel holds the models of the languages of one script in one open-addressing hash
// table: a key packs up to four 8-bit symbols (letters of the script, first letter highest),
// a slot points at the postings, one per language that has the n-gram.
type scriptModel struct {
	langs []string // ISO 639-1 codes by local index
	slots []slot
	shift uint32   // 32 − log2(len(slots))
	posts []uint16 // local language in the low 5 bits, value above
	// floor[n][l] is what language l is charged per n-gram of order n, in nats. Posting
	// values are log p − floor, so an n-gram a language lacks costs nothing beyond its floor.
	floor [maxOrder + 1][maxLangs]float32
	// wordSlots is an open-addressing table from the hash of a function word (wordHash) to
	// the set of local languages listing it.
	wordSlots []wordSlot
	wordBonus float32
	prior     [maxLangs]float32 // log prior of each local language, see priors
}

type slot struct {
	key uint32 // 0 when empty
	ref uint32 // offset into posts << 8 | number of postings
}

type wordSlot struct {
	hash   uint64 // 0 when empty
	langs  uint32 // languages listing the word
	marker uint32 // languages listing it among their markerWords
}

// params are the scoring constants.
type params struct {
	floorShift float64 // added to the model's floor hints (nats)
	wordBonus  float64 // nats per function word of a language
}

// defaultParams were chosen on fragments of the test sentences and the D3lta texts.
var defaultParams = params{floorShift: -2, wordBonus: 5}

var errModel = errors.New("lang: malformed model data")

// runeInfo returns script<<8 | symbol for r, or infoMark for a combining mark.
func (m *model) runeInfo(r rune) uint16 {
	if r < 0x800 {
		return m.info[r]
	}
	if unicode.Is(unicode.Mn, r) {
		return infoMark
	}
	return uint16(scriptOf(r))<<8 | uint16(m.other[fold(r)])
}

// scriptOf is scriptOf with a table for runes below U+0800.
func (m *model) scriptOf(r rune) script {
	if r < 0x800 {
		if i := m.info[r]; i != infoMark {
			return script(i >> 8)
		}
		return scriptNone
	}
	return scriptOf(r)
}

func (sm *scriptModel) hash(key uint32) uint32 {
	return (key * 0x9E3779B1) >> sm.shift
}

// wordHash adds symbol s to the hash h of a word (FNV-1a over symbols); a word's hash starts
// at wordHashInit.
func wordHash(h uint64, s uint32) uint64 {
	return (h ^ uint64(s)) * 1099511628211
}

const wordHashInit = 14695981039346656037

// wordLangs returns the sets of local languages listing the word with hash h as a function
// word and as a marker word.
func (sm *scriptModel) wordLangs(h uint64) (langs, marker uint32) {
	if len(sm.wordSlots) == 0 {
		return 0, 0
	}
	mask := uint64(len(sm.wordSlots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := sm.wordSlots[i]
		if s.hash == h {
			return s.langs, s.marker
		}
		if s.hash == 0 {
			return 0, 0
		}
	}
}

// loader holds the state of loadModel.
type loader struct {
	m        *model
	p        params
	langs    []string // file language → code
	scripts  []script // file language → script
	local    []int    // file language → local index in its script
	symbols  [0x800]uint8
	nSymbols [modelScripts + 1]int
	entries  [modelScripts + 1][]entry
	posts    [modelScripts + 1][]uint16
}

// entry is an n-gram read from the file: its key and postings posts[off:off+n].
type entry struct {
	key uint32
	off uint32
	n   uint32
}

// loadModel decodes model data. It fails only on corrupt data.
func loadModel(data []byte, p params) (*model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("lang: model: %w", err)
	}
	r := bufio.NewReader(zr)
	l := &loader{m: &model{other: map[rune]uint8{}}, p: p}
	if err := l.read(r); err != nil {
		return nil, err
	}
	l.build()
	return l.m, nil
}

func (l *loader) read(r *bufio.Reader) error {
	var magic [5]byte
	if _, err := io.ReadFull(r, magic[:]); err != nil || string(magic[:]) != "FLNG\x01" {
		return errModel
	}
	nLangs, err := binary.ReadUvarint(r)
	if err != nil || nLangs == 0 || nLangs > 255 {
		return errModel
	}
	m := l.m
	for range nLangs {
		code, err := readString(r)
		if err != nil {
			return err
		}
		b, err := r.ReadByte()
		sc := script(b)
		if err != nil || sc == scriptNone || sc > modelScripts {
			return errModel
		}
		if m.scripts[sc] == nil {
			m.scripts[sc] = &scriptModel{}
		}
		sm := m.scripts[sc]
		if len(sm.langs) == maxLangs {
			return errModel
		}
		l.langs = append(l.langs, code)
		l.scripts = append(l.scripts, sc)
		l.local = append(l.local, len(sm.langs))
		sm.prior[len(sm.langs)] = priors[code]
		sm.langs = append(sm.langs, code)
	}
	floors := make([]float32, nLangs)
	var gram []byte
	for n := 1; n <= maxOrder; n++ {
		if err := binary.Read(r, binary.LittleEndian, floors); err != nil {
			return errModel
		}
		for i, f := range floors {
			m.scripts[l.scripts[i]].floor[n][l.local[i]] = float32(float64(f) + l.p.floorShift)
		}
		count, err := binary.ReadUvarint(r)
		if err != nil {
			return errModel
		}
		gram = gram[:0]
		for range count {
			shared, err := binary.ReadUvarint(r)
			if err != nil || shared > uint64(len(gram)) {
				return errModel
			}
			if gram, err = readAppend(r, gram[:shared]); err != nil {
				return err
			}
			if err := l.readPostings(r, gram, n); err != nil {
				return err
			}
		}
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return errModel
	}
	return nil
}

// readPostings reads the postings of n-gram gram of order n and records the entry.
func (l *loader) readPostings(r *bufio.Reader, gram []byte, n int) error {
	np, err := binary.ReadUvarint(r)
	if err != nil || np == 0 || np > uint64(len(l.langs)) {
		return errModel
	}
	var sc script
	var start int
	for i := range np {
		li, err1 := r.ReadByte()
		q, err2 := r.ReadByte()
		if err1 != nil || err2 != nil || int(li) >= len(l.langs) {
			return errModel
		}
		if i == 0 {
			sc = l.scripts[li]
			start = len(l.posts[sc])
		} else if l.scripts[li] != sc {
			return errModel
		}
		local := l.local[li]
		v := -float64(q)/16 - float64(l.m.scripts[sc].floor[n][local])
		// A kept n-gram rarer than the floor counts as missing.
		fixed := max(0, min(maxValue, math.Round(v*valueScale)))
		l.posts[sc] = append(l.posts[sc], uint16(fixed)<<5|uint16(local))
	}
	key, ok := l.key(gram, n, sc)
	if !ok {
		l.posts[sc] = l.posts[sc][:start] // a letter beyond the 255 symbols of the script
		return nil
	}
	l.entries[sc] = append(l.entries[sc], entry{key, uint32(start), uint32(np)})
	return nil
}

// key packs the folded n-gram g of order n into a table key, numbering new letters.
func (l *loader) key(g []byte, n int, sc script) (uint32, bool) {
	var key uint32
	runes := 0
	for len(g) > 0 {
		r, size := utf8.DecodeRune(g)
		g = g[size:]
		r = fold(r)
		var s uint8
		if r < 0x800 {
			s = l.symbols[r]
		} else {
			s = l.m.other[r]
		}
		if s == 0 {
			if l.nSymbols[sc] == 255 || scriptOf(r) != sc {
				return 0, false
			}
			l.nSymbols[sc]++
			s = uint8(l.nSymbols[sc])
			if r < 0x800 {
				l.symbols[r] = s
			} else {
				l.m.other[r] = s
			}
		}
		key = key<<8 | uint32(s)
		runes++
	}
	return key, runes == n
}

// build fills the rune table, the n-gram hash tables and the function word tables.
func (l *loader) build() {
	m := l.m
	for r := rune(0); r < 0x800; r++ {
		if unicode.Is(unicode.Mn, r) {
			m.info[r] = infoMark
			continue
		}
		sc := scriptOf(r)
		var sym uint8
		if f := fold(r); f < 0x800 && sc != scriptNone {
			sym = l.symbols[f]
		}
		m.info[r] = uint16(sc)<<8 | uint16(sym)
	}
	for sc := scriptLatin; sc <= modelScripts; sc++ {
		if m.scripts[sc] != nil {
			l.buildTable(sc)
		}
	}
	l.buildWords()
}

// buildTable builds the hash table of one script. N-grams that fold to the same key (ș and ş)
// are merged, keeping each language's larger value.
func (l *loader) buildTable(sc script) {
	sm := l.m.scripts[sc]
	es, posts := l.entries[sc], l.posts[sc]
	slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(a.key, b.key) })
	size := 1
	for size < len(es)*4/3+1 {
		size <<= 1
	}
	sm.slots = make([]slot, size)
	sm.shift = uint32(32 - bits.TrailingZeros(uint(size)))
	sm.posts = make([]uint16, 0, len(posts))
	for i := 0; i < len(es); {
		off := len(sm.posts)
		sm.posts = append(sm.posts, posts[es[i].off:es[i].off+es[i].n]...)
		j := i + 1
		for ; j < len(es) && es[j].key == es[i].key; j++ {
			sm.posts = mergePosts(sm.posts, off, posts[es[j].off:es[j].off+es[j].n])
		}
		h := sm.hash(es[i].key)
		for sm.slots[h].key != 0 {
			h = (h + 1) & uint32(size-1)
		}
		sm.slots[h] = slot{es[i].key, uint32(off)<<8 | uint32(len(sm.posts)-off)}
		i = j
	}
}

// mergePosts merges more into the postings posts[off:].
func mergePosts(posts []uint16, off int, more []uint16) []uint16 {
next:
	for _, p := range more {
		for i := off; i < len(posts); i++ {
			if q := posts[i]; p&(maxLangs-1) == q&(maxLangs-1) {
				posts[i] = max(p, q) // same language: the larger value
				continue next
			}
		}
		posts = append(posts, p)
	}
	return posts
}

// buildWords hashes the function and marker word lists into the word tables of their scripts.
func (l *loader) buildWords() {
	m := l.m
	var lists [modelScripts + 1]map[uint64]wordSlot
	for _, marker := range []bool{false, true} {
		words := functionWords
		if marker {
			words = markerWords
		}
		for _, code := range slices.Sorted(maps.Keys(words)) {
			for _, w := range strings.Fields(words[code]) {
				sc, h, ok := l.hashWord(w)
				if !ok {
					continue
				}
				local := slices.Index(m.scripts[sc].langs, code)
				if local < 0 {
					continue
				}
				if lists[sc] == nil {
					lists[sc] = map[uint64]wordSlot{}
				}
				e := lists[sc][h]
				e.hash = h
				e.langs |= 1 << local
				if marker {
					e.marker |= 1 << local
				}
				lists[sc][h] = e
			}
		}
	}
	for sc, list := range lists {
		if list == nil {
			continue
		}
		sm := m.scripts[sc]
		sm.wordBonus = float32(l.p.wordBonus)
		size := 1
		for size < 2*len(list) {
			size <<= 1
		}
		sm.wordSlots = make([]wordSlot, size)
		for h, e := range list {
			i := h & uint64(size-1)
			for sm.wordSlots[i].hash != 0 {
				i = (i + 1) & uint64(size-1)
			}
			sm.wordSlots[i] = e
		}
	}
}

// hashWord returns the script and wordHash of w, false if w mixes scripts, has a letter no
// model knows or is longer than maxWordLen.
func (l *loader) hashWord(w string) (script, uint64, bool) {
	var sc script
	h := uint64(wordHashInit)
	n := 0
	for _, r := range w {
		info := l.m.runeInfo(r)
		s := script(info >> 8)
		if info == infoMark || s == scriptNone || s > modelScripts || info&0xFF == 0 ||
			sc != scriptNone && s != sc {
			return sc, h, false
		}
		sc = s
		h = wordHash(h, uint32(info&0xFF))
		n++
	}
	return sc, h, n > 0 && n <= maxWordLen
}

func readString(r *bufio.Reader) (string, error) {
	b, err := readAppend(r, nil)
	return string(b), err
}

// readAppend reads a string and appends it to b.
func readAppend(r *bufio.Reader, b []byte) ([]byte, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil || n > 1<<10 {
		return b, errModel
	}
	b = slices.Grow(b, int(n))
	if _, err := io.ReadFull(r, b[len(b):len(b)+int(n)]); err != nil {
		return b, errModel
	}
	return b[:len(b)+int(n)], nil
}

// priors are log prior weights (nats) that tip the balance on very short texts, where a word
// or two cannot tell close languages apart, towards the languages fimi's sources use most.
// Longer texts outweigh them by far. Languages not listed have 0.
var priors = map[string]float32{
	"mk": -2.5, "bs": -2, "sl": -1.5, "kk": -2, "sq": -2, "ca": -1.5, "az": -2, "fa": -1,
	"be": -0.8, "bg": -0.8, "sr": -0.5, "hr": -0.8, "no": -1, "da": -0.8, "nl": -0.5, "fi": -0.5,
	"et": -0.3, "sk": -0.3,
}
