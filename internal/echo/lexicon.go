package echo

import (
	"slices"
	"strings"
	"sync"
)

// Lexicon is the bilingual dictionary the detector reads, as two functions so that any
// dictionary (fimi/internal/text/lexicon, a small fake in tests) plugs in without a wrapper
// type. Both must be safe for concurrent use.
type Lexicon struct {
	// Words lists the single words of lang that have English translations (any order,
	// duplicates allowed). Called once per language, on first use.
	Words func(lang string) []string
	// ToEnglish returns English translations of a lower-case word of lang, best first.
	ToEnglish func(lang, word string) []string
	// Version, when set, identifies the dictionary content of lang ("" when it cannot say):
	// with Options.GlossaryCache, glossaries built from it are kept on disk under that key.
	Version func(lang string) string
}

// glossary is the per-language pivot table built from a Lexicon: for the hash of a word and
// of its stem, the hashes of the English stems of its first MaxSenses translations.
type glossary struct {
	once  sync.Once
	index map[uint64]uint32 // key hash → offset into arena; arena[off] is the count
	arena []uint32
}

// glossaries builds and keeps the glossary of each language lazily. Safe for concurrent use.
type glossaries struct {
	lex   Lexicon
	opt   *Options
	mu    sync.Mutex
	langs map[string]*glossary
}

// maxGloss is the most English stems kept per key.
const maxGloss = 8

func (g *glossaries) get(lang string) *glossary {
	if g == nil || g.lex.Words == nil || g.lex.ToEnglish == nil || lang == "" || lang == "en" {
		return nil
	}
	g.mu.Lock()
	gl, ok := g.langs[lang]
	if !ok {
		gl = &glossary{}
		g.langs[lang] = gl
	}
	g.mu.Unlock()
	gl.once.Do(func() {
		path := g.cachePath(lang)
		if path != "" && gl.read(path) == nil {
			return
		}
		gl.build(g.lex, g.opt, lang)
		if path != "" && len(gl.index) > 0 {
			_ = gl.write(path)
		}
	})
	if len(gl.index) == 0 {
		return nil
	}
	return gl
}

func (gl *glossary) build(lex Lexicon, o *Options, lang string) {
	words := lex.Words(lang)
	if len(words) == 0 {
		return
	}
	byKey := make(map[uint64][]uint32, len(words))
	add := func(key uint64, stems []uint32) {
		cur := byKey[key]
		for _, s := range stems {
			if len(cur) >= maxGloss {
				break
			}
			dup := false
			for _, c := range cur {
				if c == s {
					dup = true
					break
				}
			}
			if !dup {
				cur = append(cur, s)
			}
		}
		byKey[key] = cur
	}
	var stems []uint32
	seen := make(map[string]bool, len(words))
	for _, w := range words {
		w = strings.ToLower(w)
		if seen[w] || strings.ContainsAny(w, " -") {
			continue
		}
		seen[w] = true
		trans := lex.ToEnglish(lang, w)
		stems = stems[:0]
		n := 0
		for _, t := range trans {
			if n >= o.MaxSenses {
				break
			}
			n++
			stems = englishStems(stems, o, t)
		}
		if len(stems) == 0 {
			continue
		}
		add(wordKey(w), stems)
		if st := o.Stem(lang, w); st != w {
			add(stemKey(st), stems)
		} else {
			add(stemKey(w), stems)
		}
	}
	gl.index = make(map[uint64]uint32, len(byKey))
	for k, v := range byKey {
		gl.index[k] = uint32(len(gl.arena))
		gl.arena = append(gl.arena, uint32(len(v)))
		gl.arena = append(gl.arena, v...)
	}
}

func wordKey(w string) uint64 { return hash64(1, w) }
func stemKey(s string) uint64 { return hash64(2, s) }

// lookup appends to dst the English stem hashes of a word: those of the word, then those
// of its stem (the words sharing it) not already there.
func (gl *glossary) lookup(dst []uint32, w, st string) []uint32 {
	mark := len(dst)
	if off, ok := gl.index[wordKey(w)]; ok {
		n := gl.arena[off]
		dst = append(dst, gl.arena[off+1:off+1+n]...)
	}
	if off, ok := gl.index[stemKey(st)]; ok {
		n := gl.arena[off]
		for _, h := range gl.arena[off+1 : off+1+n] {
			if !slices.Contains(dst[mark:], h) {
				dst = append(dst, h)
			}
		}
	}
	return dst
}

// lookupWord returns the English stem hashes of an exact word, or nil.
func (gl *glossary) lookupWord(w string) []uint32 {
	off, ok := gl.index[wordKey(w)]
	if !ok {
		return nil
	}
	n := gl.arena[off]
	return gl.arena[off+1 : off+1+n]
}

// englishStems appends the pivot hashes of the content words of an English phrase.
func englishStems(dst []uint32, o *Options, phrase string) []uint32 {
	for _, e := range strings.FieldsFunc(phrase, notLetterOrDigit) {
		e = strings.ToLower(e)
		if d, ok := numberWords[e]; ok {
			dst = append(dst, hash32(spaceNumber, d))
			continue
		}
		if len(e) < 2 || o.StopWord("en", e) || e == "oneself" || e == "someone" || e == "something" {
			continue
		}
		dst = append(dst, hash32(spaceStem, englishStem(o, e)))
	}
	return dst
}

// MemoryBytes estimates the heap held by the glossaries built so far.
func (g *glossaries) memoryBytes() int64 {
	if g == nil {
		return 0
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	var n int64
	for _, gl := range g.langs {
		n += int64(len(gl.index))*20 + int64(cap(gl.arena))*4
	}
	return n
}
