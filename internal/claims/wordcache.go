package claims

import (
	"hash/maphash"
	"strings"
	"sync"
	"unicode"

	"fimi/internal/text/stem"
)

// word is what analysis derives from a word as written in a language, apart from its
// context: folded form, stem, stop-word flag, cross-script keys and character n-grams. It is
// immutable once built and shared by every token of that word (through the wordCache).
type word struct {
	norm, term string
	number     string // the number an English number word stands for ("five" → "5"), or ""
	stop       bool
	capital    bool   // starts with an upper-case letter
	allCaps    bool   // every letter upper-case, two letters or more
	key, key2  string // nameKey of norm and of term (key2 "" when equal); capitalised words only
	keyT       string // keyPrefix + key, the index term ("" without a key)
	key2T      string // keyPrefix + key2
	cogT       string // cogPrefix + cognateKey(lang, norm), or ""
	grams      []uint32
	ids        [4]idSlot // index term numbers of term, keyT, key2T and cogT (Matcher.termID)
}

// newWord analyses w, a run of letters and digits (with inner apostrophes) of language lang.
func newWord(lang, w string) *word {
	norm := fold(w)
	wd := &word{}
	if lang == "en" {
		if n, ok := numberWords[norm]; ok {
			wd.norm, wd.term, wd.number = n, n, n
			return wd
		}
	}
	if strings.ContainsAny(norm, "'’ʼ`") {
		norm = stripApostrophe(norm, lang)
	}
	wd.norm = norm
	first := firstRune(w)
	if unicode.IsUpper(first) || unicode.IsTitle(first) {
		wd.capital = true
		wd.allCaps = isAllCaps(w)
	}
	wd.stop = stem.StopWord(lang, norm)
	wd.term = stem.Stem(lang, norm)
	if wd.capital && !wd.stop && len(norm) >= 2 {
		wd.key = nameKey(norm)
		wd.keyT = keyPrefix + wd.key
		if k := nameKey(wd.term); k != wd.key {
			wd.key2 = k
			wd.key2T = keyPrefix + k
		}
	}
	if c := cognateKey(lang, norm); c != "" {
		wd.cogT = cogPrefix + c
	}
	wd.grams = appendGrams(nil, latinForm(lang, norm))
	return wd
}

// wordCache keeps the analysis of recently seen words, so that the words of a stream are
// folded, stemmed and transliterated once. It is bounded: a shard that fills up is emptied.
// Safe for concurrent use.
type wordCache struct {
	seed   maphash.Seed
	shards [wordShards]wordShard
}

const (
	wordShards     = 16
	wordShardLimit = 1 << 13 // words per shard: about 130,000 in all
)

type wordShard struct {
	mu sync.RWMutex
	m  map[string]*word // lang + "\x00" + word as written
}

func newWordCache() *wordCache {
	c := &wordCache{seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].m = make(map[string]*word)
	}
	return c
}

// get returns the analysis of w in lang, from the cache or made now. buf is scratch for the
// key; the grown buffer is returned.
func (c *wordCache) get(lang, w string, buf []byte) (*word, []byte) {
	if c == nil {
		return newWord(lang, w), buf
	}
	buf = append(append(append(buf[:0], lang...), 0), w...)
	sh := &c.shards[maphash.Bytes(c.seed, buf)%wordShards]
	sh.mu.RLock()
	wd, ok := sh.m[string(buf)]
	sh.mu.RUnlock()
	if ok {
		return wd, buf
	}
	wd = newWord(lang, w)
	sh.mu.Lock()
	if len(sh.m) >= wordShardLimit {
		clear(sh.m)
	}
	sh.m[string(buf)] = wd
	sh.mu.Unlock()
	return wd, buf
}

// keyTerm returns the index term of the token's name key.
func (t *Token) keyTerm() string {
	if t.w != nil && t.w.key == t.Key {
		return t.w.keyT
	}
	return keyPrefix + t.Key
}

// key2Term returns the index term of the name key of the token's stem.
func (t *Token) key2Term() string {
	if t.w != nil && t.w.key2 == t.key2 {
		return t.w.key2T
	}
	return keyPrefix + t.key2
}

// cogTerm returns the index term of a word's cognate key, or "".
func (t *Token) cogTerm() string {
	if t.Kind != Word {
		return ""
	}
	if t.w != nil {
		return t.w.cogT
	}
	if c := cognateKey("", t.Norm); c != "" {
		return cogPrefix + c
	}
	return ""
}

// appendGrams appends the hashes of the character n-grams of a word (in Latin letters).
func (t *Token) appendGrams(dst []uint32, lang string) []uint32 {
	if t.w != nil {
		return append(dst, t.w.grams...)
	}
	return appendGrams(dst, latinForm(lang, t.Norm))
}
