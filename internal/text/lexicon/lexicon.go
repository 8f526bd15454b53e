package lexicon

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// MaxTranslations is the most translations kept for one headword in each direction.
const MaxTranslations = 8

// Lexicon maps words of other languages to English and back. Safe for concurrent use once
// loaded: its maps are read-only after loading, and languages loaded lazily are loaded once
// (sync.Once) by the first call that needs them.
type Lexicon struct {
	dir   string
	langs map[string]*language // by code; the map itself is never written after Load
	codes []string             // sorted

	// pivotLangs are the pivot languages, shared with langs when also loaded directly.
	pivotLangs map[string]*language
}

// Pair is one translation: a foreign word or phrase and an English one, both lower-case and
// NFC. Phrase reports whether either side has more than one word.
type Pair struct{ Foreign, English string } // lower-case, NFC

// Phrase reports whether either side of the pair has more than one word.
func (p Pair) Phrase() bool {
	return strings.Contains(p.Foreign, " ") || strings.Contains(p.English, " ")
}

// language is one language's pair of dictionaries and, once loaded, its tables.
type language struct {
	code        string
	iso3        string
	toEnglish   string // freedict-<iso3>-eng.index path, or ""
	fromEnglish string // freedict-eng-<iso3>.index path, or ""
	pivots      []pivot
	cache       string // directory of parsed tables (WithCache), or ""

	once sync.Once
	tab  *tables
	err  error
}

// pivot is a dictionary from a well-covered language into a poorly covered one.
type pivot struct {
	path string    // freedict-<pivot>-<iso3>.index
	lang *language // the pivot language
}

// tables are a language's loaded translations; read-only once built. The translations of
// a headword are a span of vals, so that a lookup returns a subslice without allocating.
type tables struct {
	to   map[string]span // foreign → English
	from map[string]span // English → foreign
	vals []string
}

// span locates a headword's translations in tables.vals.
type span struct{ off, n uint32 }

// get returns the translations of span sp, with capacity clipped so that appending to the
// result cannot overwrite the next headword's.
func (t *tables) get(sp span, ok bool) []string {
	if !ok {
		return nil
	}
	end := sp.off + sp.n
	return t.vals[sp.off:end:end]
}

// Load reads the FreeDict dictionaries in dir: freedict-<iso3>-eng and freedict-eng-<iso3>
// (read in reverse) for each ISO 639-1 lang, and for a poorly covered language also
// dictionaries from a pivot language into it (see the package documentation). Missing
// files are skipped, so a language with no file is simply absent. With langs named, their dictionaries are parsed now and the
// first parse error is returned. With no langs, every language found in dir is made
// available and parsed lazily on first use (see Preload); a dir that cannot be read is an
// error. Languages without an ISO 639-1 code known to this package keep their ISO 639-3
// code.
func Load(dir string, langs ...string) (*Lexicon, error) {
	l := &Lexicon{dir: dir, langs: map[string]*language{}, pivotLangs: map[string]*language{}}
	if len(langs) == 0 {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		for _, e := range entries {
			name := e.Name()
			if !strings.HasPrefix(name, "freedict-") || !strings.HasSuffix(name, ".index") {
				continue
			}
			a, b, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(name, "freedict-"), ".index"), "-")
			switch {
			case !ok:
			case b == "eng" && a != "eng":
				l.add(iso1(a), a)
			case a == "eng" && b != "eng":
				l.add(iso1(b), b)
			case a != "eng" && b != "eng" && !strings.Contains(b, "-"):
				l.add(iso1(b), b) // only through pivots, unless its English files exist
			}
		}
		return l, nil
	}
	for _, code := range langs {
		iso3, ok := iso3Codes[code]
		if !ok {
			iso3 = code // allow ISO 639-3 codes too
		}
		l.add(code, iso3)
	}
	var errs []error
	for _, code := range l.codes {
		if err := l.langs[code].load(); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return l, nil
}

// Default loads the dictionaries in $FIMI_DICT_DIR, else in /usr/share/dictd, lazily (as
// Load with no languages), with parsed tables cached in CacheDir. When the directory does not exist or holds no FreeDict
// dictionary, the lexicon is empty, not an error.
func Default() (*Lexicon, error) {
	dir := os.Getenv("FIMI_DICT_DIR")
	if dir == "" {
		dir = "/usr/share/dictd"
	}
	l, err := Load(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return &Lexicon{dir: dir, langs: map[string]*language{}}, nil
	}
	if err != nil {
		return nil, err
	}
	return l.WithCache(CacheDir()), nil
}

// add registers the dictionaries of one language if at least one file exists.
func (l *Lexicon) add(code, iso3 string) {
	if _, ok := l.langs[code]; ok {
		return
	}
	if pl := l.pivotLangs[code]; pl != nil { // already met as a pivot: share it
		l.langs[code] = pl
		l.codes = append(l.codes, code)
		sort.Strings(l.codes)
		return
	}
	lg := &language{code: code, iso3: iso3}
	if p := filepath.Join(l.dir, "freedict-"+iso3+"-eng.index"); exists(p) {
		lg.toEnglish = p
	}
	if p := filepath.Join(l.dir, "freedict-eng-"+iso3+".index"); exists(p) {
		lg.fromEnglish = p
	}
	if own := fileSize(lg.toEnglish) + fileSize(lg.fromEnglish); own < pivotBelow {
		l.addPivots(lg, own)
	}
	if lg.toEnglish == "" && lg.fromEnglish == "" && len(lg.pivots) == 0 {
		return
	}
	l.langs[code] = lg
	l.codes = append(l.codes, code)
	sort.Strings(l.codes)
}

// Pivoting: a language whose English dictionaries are small (index files under pivotBelow
// bytes, about 20,000 headwords) also reads freedict-<pivot>-<lang> dictionaries whose pivot
// language has a freedict-<pivot>-eng index at least ten times as large as the language's
// own. As a pivot is always much larger than the language it serves, loading cannot cycle.
const pivotBelow = 512 << 10

// addPivots finds the pivot dictionaries of lg, whose own index files have own bytes.
func (l *Lexicon) addPivots(lg *language, own int64) {
	paths, _ := filepath.Glob(filepath.Join(l.dir, "freedict-*-"+lg.iso3+".index"))
	for _, p := range paths {
		p3 := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "freedict-"), "-"+lg.iso3+".index")
		if p3 == "eng" || strings.Contains(p3, "-") {
			continue
		}
		toEng := filepath.Join(l.dir, "freedict-"+p3+"-eng.index")
		if fileSize(toEng) < 10*max(own, 1) {
			continue
		}
		code := iso1(p3)
		pl := l.pivotLangs[code]
		if pl == nil {
			pl = l.langs[code]
		}
		if pl == nil {
			pl = &language{code: code, iso3: p3, toEnglish: toEng}
			if p := filepath.Join(l.dir, "freedict-eng-"+p3+".index"); exists(p) {
				pl.fromEnglish = p
			}
		}
		l.pivotLangs[code] = pl
		lg.pivots = append(lg.pivots, pivot{path: p, lang: pl})
	}
}

// fileSize returns the size of the file at path, or 0.
func fileSize(path string) int64 {
	if path == "" {
		return 0
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// load parses the language's dictionaries once.
func (lg *language) load() error {
	lg.once.Do(func() {
		var ps []pivotSource
		for _, p := range lg.pivots {
			ps = append(ps, pivotSource{path: p.path, tables: func() *tables {
				if p.lang.load() != nil {
					return nil
				}
				return p.lang.tab
			}})
		}
		file := lg.cacheFile()
		if file != "" {
			if t, err := readTables(file); err == nil {
				lg.tab = t
				return
			}
		}
		lg.tab, lg.err = buildTables(lg.code, lg.toEnglish, lg.fromEnglish, ps)
		if lg.err == nil && file != "" {
			_ = writeTables(file, lg.tab)
		}
	})
	return lg.err
}

// tables returns the loaded tables of lang, loading them if needed; nil when the language is
// absent or failed to load.
func (l *Lexicon) tables(lang string) *tables {
	if l == nil {
		return nil
	}
	lg := l.langs[lang]
	if lg == nil || lg.load() != nil {
		return nil
	}
	return lg.tab
}

// Preload parses the dictionaries of langs (all available languages if none are named) now
// rather than on first use, and returns their parse errors. Lookups in a language that
// failed to load find nothing; Preload is how to learn why.
func (l *Lexicon) Preload(langs ...string) error {
	if l == nil {
		return nil
	}
	if len(langs) == 0 {
		langs = l.codes
	}
	var errs []error
	for _, code := range langs {
		if lg := l.langs[code]; lg != nil {
			if err := lg.load(); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// ToEnglish returns the English translations of a headword of language lang, most common
// (first-listed, unmarked, single-word) senses first, at most MaxTranslations. The word is
// normalised (lower-cased, NFC, stress marks removed) before the lookup; no stemming is
// done. The returned slice is shared: callers must not modify it.
func (l *Lexicon) ToEnglish(lang, word string) []string {
	t := l.tables(lang)
	if t == nil {
		return nil
	}
	sp, ok := t.to[normalize(word)]
	return t.get(sp, ok)
}

// FromEnglish returns the translations of an English headword into language lang, in the
// same order and under the same rules as ToEnglish. The returned slice is shared: callers
// must not modify it.
func (l *Lexicon) FromEnglish(lang, word string) []string {
	t := l.tables(lang)
	if t == nil {
		return nil
	}
	sp, ok := t.from[normalize(word)]
	return t.get(sp, ok)
}

// Pairs returns every translation pair of lang known in either direction, sorted by
// foreign then English word, without duplicates, so consumers can build their own
// (for example stem-keyed) maps. The slice is the caller's. It holds at most
// MaxTranslations pairs per headword and direction.
func (l *Lexicon) Pairs(lang string) []Pair {
	t := l.tables(lang)
	if t == nil {
		return nil
	}
	seen := make(map[Pair]struct{}, len(t.to)*2)
	out := make([]Pair, 0, len(t.to)*2)
	for f, sp := range t.to {
		for _, e := range t.get(sp, true) {
			p := Pair{f, e}
			if _, ok := seen[p]; !ok {
				seen[p] = struct{}{}
				out = append(out, p)
			}
		}
	}
	for e, sp := range t.from {
		for _, f := range t.get(sp, true) {
			p := Pair{f, e}
			if _, ok := seen[p]; !ok {
				seen[p] = struct{}{}
				out = append(out, p)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Foreign != out[j].Foreign {
			return out[i].Foreign < out[j].Foreign
		}
		return out[i].English < out[j].English
	})
	return out
}

// Languages returns the codes (ISO 639-1 where known) of the languages with at least one
// dictionary, sorted; languages not yet loaded lazily are included.
func (l *Lexicon) Languages() []string {
	if l == nil {
		return nil
	}
	return append([]string(nil), l.codes...)
}

// Len returns the number of distinct headwords of lang that have English translations
// (loading the language if needed); 0 for an absent language.
func (l *Lexicon) Len(lang string) int {
	t := l.tables(lang)
	if t == nil {
		return 0
	}
	return len(t.to)
}

// iso3Codes maps ISO 639-1 codes to the ISO 639-3 codes of FreeDict file names.
var iso3Codes = map[string]string{
	"af": "afr", "ar": "ara", "be": "bel", "bg": "bul", "br": "bre", "bs": "bos", "ca": "cat",
	"cs": "ces", "cy": "cym", "da": "dan", "de": "deu", "el": "ell", "eo": "epo", "es": "spa",
	"et": "est", "eu": "eus", "fa": "fas", "fi": "fin", "fr": "fra", "ga": "gle", "gd": "gla",
	"gl": "glg", "he": "heb", "hi": "hin", "hr": "hrv", "hu": "hun", "hy": "hye", "id": "ind",
	"is": "isl", "it": "ita", "ja": "jpn", "ka": "kat", "kk": "kaz", "ko": "kor", "ku": "kur",
	"la": "lat", "lt": "lit", "lv": "lav", "mk": "mkd", "ms": "msa", "nb": "nob", "nl": "nld",
	"nn": "nno", "no": "nor", "pl": "pol", "pt": "por", "ro": "ron", "ru": "rus", "sk": "slk",
	"sl": "slv", "sq": "sqi", "sr": "srp", "sv": "swe", "sw": "swa", "th": "tha", "tr": "tur",
	"uk": "ukr", "ur": "urd", "vi": "vie", "zh": "zho",
}

// iso1 returns the ISO 639-1 code of an ISO 639-3 code, or the code itself.
func iso1(iso3 string) string {
	for k, v := range iso3Codes {
		if v == iso3 {
			return k
		}
	}
	return iso3
}
