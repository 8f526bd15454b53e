package echo

import (
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"fimi/internal/minhash"
	"fimi/internal/text"
)

// features is what the detector keeps of an item and compares. Sets are sorted and without
// duplicates. A unit is one content word (or number, hashtag, URL, CJK dictionary word):
// its key is a term, its tokens are pivot tokens (English senses, name and cognate keys).
type features struct {
	lang    string
	words   int      // words, numbers and CJK words seen (not capped)
	content int      // units: content words, numbers, CJK words
	bigrams []uint16 // fingerprints of word bigrams of the lower-case text, stop words included (copy)
	terms   []uint32 // stems of content words, numbers, hashtags, URLs, CJK words (rewording)
	pivot   []uint32 // English senses, numbers, name keys, cognate keys, URLs, hashtags (translation)
	numbers []uint32 // numbers written in digits (facts that rewordings and translations keep)
	names   []uint32 // name keys of capitalised words inside sentences (not in title case; German: unknown words only)
	ulen    []uint8  // per unit: number of tokens, | unknownUnit when the word has no translation
	uterm   []uint16 // per unit: index of its key in terms
	utok    []uint16 // tokens of the units in order: indices into pivot, when it has more than 256 tokens
	utok8   []uint8  // the same when pivot has at most 256 tokens (utok is nil)
	// uw holds the units' weights quantized (weightQ) as the detector set them when it
	// added the item; nil or zero before (the weights are then computed).
	uw []uint8
	// The sets above are sub-slices of these (see pack).
	u32 []uint32
}

// growN returns s resized to n elements (contents undefined).
func growN[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/2)
	}
	return s[:n]
}

// stored is the compact form of features that the detector keeps per item, in one
// allocation: the 32-bit sets (terms, numbers, names), then the 16-bit parts (bigrams,
// unit terms, wide unit tokens), then the bytes (unit lengths, unit weights, narrow unit
// tokens, and the pivot set as 24-bit values), with the lengths of the parts.
type stored struct {
	blob                             []uint32
	nTerms, nPivot, nNumbers, nNames uint16
	nBigrams, nUnits, nUtok          uint16
	words, content                   uint16
	lang                             uint32 // interned: Detector.strs
}

func clamp16(n int) uint16 { return uint16(min(n, 65535)) }

// pivotMask keeps pivot tokens to 24 bits, so that they are stored in 3 bytes (two texts of
// 100 tokens share a token by chance once in 1,700 pairs).
const pivotMask = 1<<24 - 1

// pack returns the stored form of f in one allocation.
func (f *features) pack(lang uint32) stored {
	s := stored{nTerms: uint16(len(f.terms)), nPivot: uint16(len(f.pivot)), nNumbers: uint16(len(f.numbers)),
		nNames: uint16(len(f.names)), nBigrams: uint16(len(f.bigrams)), nUnits: uint16(len(f.ulen)),
		nUtok: uint16(len(f.utok) + len(f.utok8)), words: clamp16(f.words), content: clamp16(f.content), lang: lang}
	n32 := len(f.terms) + len(f.numbers) + len(f.names)
	n16 := len(f.bigrams) + len(f.uterm) + len(f.utok)
	n8 := 2*len(f.ulen) + len(f.utok8) + 3*len(f.pivot)
	blob := make([]uint32, n32+(2*n16+n8+3)/4)
	copy(blob, f.terms)
	copy(blob[len(f.terms):], f.numbers)
	copy(blob[len(f.terms)+len(f.numbers):], f.names)
	b16 := unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(blob[n32:]))), 2*(len(blob)-n32))
	copy(b16, f.bigrams)
	copy(b16[len(f.bigrams):], f.uterm)
	copy(b16[len(f.bigrams)+len(f.uterm):], f.utok)
	b8 := unsafe.Slice((*uint8)(unsafe.Pointer(unsafe.SliceData(b16[n16:]))), 2*(len(b16)-n16))
	copy(b8, f.ulen)
	copy(b8[len(f.ulen):], f.uw)
	copy(b8[2*len(f.ulen):], f.utok8)
	p := b8[2*len(f.ulen)+len(f.utok8):]
	for i, v := range f.pivot {
		p[3*i], p[3*i+1], p[3*i+2] = byte(v), byte(v>>8), byte(v>>16)
	}
	s.blob = blob
	return s
}

// unpack fills f with views of s, and the pivot set decoded into buf (grown as needed); it
// returns buf for reuse. f stays valid until buf is reused.
func (s *stored) unpack(f *features, lang string, buf []uint32) []uint32 {
	a := int(s.nTerms)
	b := a + int(s.nNumbers)
	c := b + int(s.nNames)
	*f = features{lang: lang, words: int(s.words), content: int(s.content),
		terms: s.blob[:a:a], numbers: s.blob[a:b:b], names: s.blob[b:c:c]}
	rest := s.blob[c:]
	if len(rest) == 0 {
		return buf
	}
	b16 := unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(rest))), 2*len(rest))
	nb, nu := int(s.nBigrams), int(s.nUnits)
	f.bigrams = b16[:nb:nb]
	f.uterm = b16[nb : nb+nu : nb+nu]
	n16 := nb + nu
	wide := s.nPivot > 256
	if wide {
		f.utok = b16[n16 : n16+int(s.nUtok) : n16+int(s.nUtok)]
		n16 += int(s.nUtok)
	}
	b8 := unsafe.Slice((*uint8)(unsafe.Pointer(unsafe.SliceData(b16[n16:]))), 2*(len(b16)-n16))
	f.ulen = b8[:nu:nu]
	f.uw = b8[nu : 2*nu : 2*nu]
	n8 := 2 * nu
	if !wide {
		f.utok8 = b8[n8 : n8+int(s.nUtok) : n8+int(s.nUtok)]
		n8 += int(s.nUtok)
	}
	p := b8[n8:]
	buf = growN(buf, int(s.nPivot))
	for i := range buf {
		buf[i] = uint32(p[3*i]) | uint32(p[3*i+1])<<8 | uint32(p[3*i+2])<<16
	}
	f.pivot = buf
	return buf
}

// memoryBytes estimates the heap held by s, without its header.
func (s *stored) memoryBytes() int64 { return int64(cap(s.blob)) * 4 }

// unknownUnit marks, in features.ulen, a unit whose word has no dictionary translation.
const unknownUnit = 0x80

// maxUnitTokens bounds the pivot tokens of one unit.
const maxUnitTokens = 24

// Token classes from the scanner.
const (
	tokWord = iota
	tokNumber
	tokHashtag
	tokCJK // a run of Han and kana
)

// Hash spaces keep kinds of token apart.
const (
	spaceStem   = 0x01
	spaceNumber = 0x02
	spaceName   = 0x03
	spaceURL    = 0x04
	spaceTag    = 0x05
	spaceHan    = 0x06
	spaceCog    = 0x07
	spaceLang   = 0x10 // + stem: terms are per language
)

func hash32(space byte, s string) uint32 {
	return uint32(minhash.Combine(uint64(space), minhash.HashString(s)))
}

func hash64(space byte, s string) uint64 {
	return minhash.Combine(uint64(space), minhash.HashString(s))
}

// unsafeString views b as a string without copying; the caller must not let it escape past
// the next change of b.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// wordInfo is the cached analysis of one lower-case word in one language.
type wordInfo struct {
	stop  bool
	known bool   // has a dictionary translation (or is English)
	term  uint32 // stem hash
	name  uint32 // cross-script name key (used for capitalised words)
	off   uint32 // tokens: analyzer.arena[off : off+n]
	n     uint8
}

// maxCache bounds the per-analyzer word cache; it is cleared when full.
const maxCache = 1 << 16

// analyzer turns text into features. It holds scratch buffers and a word cache: one per
// goroutine (the detector pools them).
type analyzer struct {
	opt   *Options
	gloss *glossaries
	low   []byte
	words []uint32 // word hashes in order, for bigrams
	cache map[uint64]wordInfo
	arena []uint32 // cached word tokens
	// per text
	terms, pivot []uint32
	units        []rawUnit
	utoks        []uint32
	numbers      []uint32
	names        []uint32
	bigrams      []uint16
	// backing arrays of the features of the last text
	buf32 []uint32
	buf16 []uint16
	buf8  []uint8
}

type rawUnit struct {
	term  uint32
	n     uint8
	known bool
}

func newAnalyzer(o *Options, g *glossaries) *analyzer {
	return &analyzer{opt: o, gloss: g, cache: make(map[uint64]wordInfo, 1024)}
}

// word returns the cached analysis of lower-case word w of language lang.
func (a *analyzer) word(lang, w string) wordInfo {
	key := minhash.Combine(minhash.HashString(lang), minhash.HashString(w))
	if wi, ok := a.cache[key]; ok {
		return wi
	}
	if len(a.cache) >= maxCache {
		clear(a.cache)
		a.arena = a.arena[:0]
	}
	o := a.opt
	wi := wordInfo{off: uint32(len(a.arena))}
	if utf8.RuneCountInString(w) < 2 || o.StopWord(lang, w) {
		wi.stop = true
		a.cache[key] = wi
		return wi
	}
	var st string
	if lang == "en" {
		st = englishStem(o, w)
	} else {
		st = o.Stem(lang, w)
	}
	wi.term = hash32(spaceLang, lang+"\x00"+st)
	lat := o.ToLatin(lang, w)
	nk := strings.TrimRight(o.NameKey(o.ToLatin(lang, st)), "aeiouy")
	wi.name = hash32(spaceName, nk)
	toks := a.arena
	if lang == "en" {
		wi.known = true
		if d, ok := numberWords[w]; ok {
			toks = append(toks, hash32(spaceNumber, d))
		} else {
			toks = append(toks, hash32(spaceStem, st))
		}
	} else {
		mark := len(toks)
		if gl := a.gloss.get(lang); gl != nil {
			toks = gl.lookup(toks, w, st)
		}
		if len(toks) > mark {
			wi.known = true
		} else {
			// Unknown: names, loan words. Written as an English word would be.
			toks = append(toks, hash32(spaceStem, englishStem(o, lat)), wi.name)
		}
	}
	if !o.NoCognates {
		if ck := cognateKey(o.NameKey(lat)); ck != "" {
			toks = append(toks, hash32(spaceCog, ck))
		}
	}
	if n := len(toks) - len(a.arena); n > maxUnitTokens {
		toks = toks[:len(a.arena)+maxUnitTokens]
	}
	wi.n = uint8(len(toks) - len(a.arena))
	a.arena = toks
	a.cache[key] = wi
	return wi
}

// unit records a unit whose tokens were appended to a.utoks since mark.
func (a *analyzer) unit(term uint32, mark int, known bool) {
	n := len(a.utoks) - mark
	if n == 0 {
		return
	}
	if n > maxUnitTokens {
		a.utoks = a.utoks[:mark+maxUnitTokens]
		n = maxUnitTokens
	}
	a.terms = append(a.terms, term)
	a.units = append(a.units, rawUnit{term: term, n: uint8(n), known: known})
}

// analyze computes the features of a text in language lang ("" = unknown).
func (a *analyzer) analyze(lang, s string) features {
	f := features{lang: lang}
	s = text.Normalize(s)
	o := a.opt
	a.words, a.terms, a.pivot, a.units, a.utoks, a.numbers, a.names = a.words[:0], a.terms[:0], a.pivot[:0], a.units[:0], a.utoks[:0], a.numbers[:0], a.names[:0]
	sentenceStart := true
	emitWord := func(kind int, raw string, capital bool) {
		if kind == tokCJK {
			a.cjkRun(&f, lang, raw)
			return
		}
		f.words++
		if f.words > o.MaxWords {
			return
		}
		a.low = appendLower(a.low[:0], raw)
		w := unsafeString(a.low)
		a.words = append(a.words, hash32(0, w))
		if kind == tokNumber {
			h := hash32(spaceNumber, w)
			a.numbers = append(a.numbers, h)
			mark := len(a.utoks)
			a.utoks = append(a.utoks, h)
			a.unit(h, mark, true)
			return
		}
		wi := a.word(lang, w)
		if wi.stop {
			return
		}
		mark := len(a.utoks)
		a.utoks = append(a.utoks, a.arena[wi.off:wi.off+uint32(wi.n)]...)
		if capital && wi.known {
			a.utoks = append(a.utoks, wi.name)
		}
		if capital && (lang != "de" || !wi.known) {
			a.names = append(a.names, wi.name)
		}
		if kind == tokHashtag {
			a.utoks = append(a.utoks, hash32(spaceTag, w))
		}
		a.unit(wi.term, mark, wi.known)
	}
	scan(s, func(kind int, tok string, capital, start bool) {
		if start {
			sentenceStart = true
		}
		if kind == tokHashtag {
			// #LaPlusSecrèteMémoire counts as its words and as one tag.
			if parts := splitCamel(tok); len(parts) > 1 {
				for _, p := range parts {
					emitWord(tokWord, p, false)
				}
				a.low = appendLower(a.low[:0], tok)
				h := hash32(spaceTag, unsafeString(a.low))
				mark := len(a.utoks)
				a.utoks = append(a.utoks, h)
				a.unit(h, mark, true)
				return
			}
		}
		emitWord(kind, tok, capital && !sentenceStart)
		sentenceStart = false
	})
	for _, u := range text.ExtractURLs(s) {
		if c, err := text.CanonicalURL(u); err == nil {
			h := hash32(spaceURL, c)
			mark := len(a.utoks)
			a.utoks = append(a.utoks, h)
			a.unit(h, mark, true)
		}
	}
	f.content = len(a.units)
	// One allocation per element type: the sets and units are sub-slices of it.
	terms := sortSet(a.terms)
	for i := range a.utoks {
		a.utoks[i] &= pivotMask
	}
	a.pivot = append(a.pivot[:0], a.utoks...)
	pivot := sortSet(a.pivot)
	numbers := sortSet(a.numbers)
	names := sortSet(a.names)
	if 2*len(a.names) > len(a.units) {
		names = nil // title case: capitals say nothing
	}
	bigrams := a.bigramSet()
	u32 := append(a.buf32[:0], terms...)
	u32 = append(u32, pivot...)
	u32 = append(u32, numbers...)
	u32 = append(u32, names...)
	a.buf32 = u32
	f.u32 = u32
	f.terms = u32[:len(terms):len(terms)]
	u32 = u32[len(terms):]
	f.pivot = u32[:len(pivot):len(pivot)]
	u32 = u32[len(pivot):]
	f.numbers = u32[:len(numbers):len(numbers)]
	u32 = u32[len(numbers):]
	f.names = u32[:len(names):len(names)]
	narrow := len(pivot) <= 256
	n16, n8 := len(bigrams)+len(a.units), len(a.units)
	if narrow {
		n8 += len(a.utoks)
	} else {
		n16 += len(a.utoks)
	}
	u16 := growN(a.buf16, n16)
	a.buf16 = u16
	copy(u16, bigrams)
	f.bigrams = u16[:len(bigrams):len(bigrams)]
	f.uterm = u16[len(bigrams) : len(bigrams)+len(a.units) : len(bigrams)+len(a.units)]
	u8 := growN(a.buf8, n8)
	a.buf8 = u8
	f.ulen = u8[:len(a.units):len(a.units)]
	if narrow {
		f.utok8 = u8[len(a.units):]
	} else {
		f.utok = u16[len(bigrams)+len(a.units):]
	}
	off := 0
	for i, u := range a.units {
		n := u.n
		if !u.known {
			n |= unknownUnit
		}
		f.ulen[i] = n
		ti, _ := slices.BinarySearch(f.terms, u.term)
		f.uterm[i] = uint16(ti)
		for j := off; j < off+int(u.n); j++ {
			pi, _ := slices.BinarySearch(f.pivot, a.utoks[j])
			if narrow {
				f.utok8[j] = uint8(pi)
			} else {
				f.utok[j] = uint16(pi)
			}
		}
		off += int(u.n)
	}
	return f
}

// bigramSet returns the sorted set of word-bigram fingerprints of a.words (a single word
// gives itself).
func (a *analyzer) bigramSet() []uint16 {
	w := a.words
	if len(w) == 0 {
		return nil
	}
	if len(w) == 1 {
		return append(a.bigrams[:0], uint16(w[0]))
	}
	out := a.bigrams[:0]
	for i := 0; i+1 < len(w); i++ {
		out = append(out, uint16(minhash.Combine(uint64(w[i]), uint64(w[i+1]))))
	}
	slices.Sort(out)
	a.bigrams = out
	return slices.Compact(out)
}

// maxCJKWord is the longest dictionary word tried when segmenting Chinese and Japanese.
const maxCJKWord = 8

// cjkRun segments a run of Han and kana by greedy longest match against the language's
// glossary: known words become units with their English senses and the word itself;
// unknown Han characters become units of their own; unknown kana, and known words of one or
// two kana (particles, endings), are dropped. Without a glossary every Han character is a
// unit.
func (a *analyzer) cjkRun(f *features, lang, run string) {
	var gl *glossary
	if lang != "" && lang != "en" {
		gl = a.gloss.get(lang)
	}
	for i := 0; i < len(run); {
		r, size := utf8.DecodeRuneInString(run[i:])
		end, n := i+size, 1
		var senses []uint32
		if gl != nil {
			for j, k := i+size, 1; k <= maxCJKWord; k++ {
				if s := gl.lookupWord(run[i:j]); s != nil {
					end, n, senses = j, k, s
				}
				if j == len(run) {
					break
				}
				_, sz := utf8.DecodeRuneInString(run[j:])
				j += sz
			}
		}
		word := run[i:end]
		i = end
		if senses == nil && !isHan(r) {
			continue
		}
		if senses != nil && n <= 2 && isKanaOnly(word) {
			continue
		}
		f.words++
		if f.words > a.opt.MaxWords {
			return
		}
		h := hash32(spaceHan, word)
		a.words = append(a.words, h)
		if n == 1 && lang == "zh" && hanStop[r] {
			continue // a function word: in the bigrams, not a unit
		}
		mark := len(a.utoks)
		a.utoks = append(a.utoks, h)
		a.utoks = append(a.utoks, senses...)
		a.unit(h^langSalt(lang), mark, senses != nil)
	}
}

func isKanaOnly(s string) bool {
	for _, r := range s {
		if !isHiragana(r) && !isKatakana(r) && r != 'ー' {
			return false
		}
	}
	return true
}

// cognateKey returns the first four consonant codes of a phonetic key (translit.Key), or ""
// when it has fewer than three: "president", "présidente", "Präsident" → "prsd".
func cognateKey(k string) string {
	var buf [4]byte
	n := 0
	for i := 0; i < len(k) && n < 4; i++ {
		c := k[i]
		if c == 'a' || c == ' ' || c >= '0' && c <= '9' {
			continue
		}
		buf[n] = c
		n++
	}
	if n < 3 {
		return ""
	}
	return string(buf[:n])
}

// langSalt makes CJK word terms language-specific (their pivot token is shared).
func langSalt(lang string) uint32 { return hash32(spaceLang, lang) }
