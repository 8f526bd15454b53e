package detect

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fimi/internal/claims"
	"fimi/internal/text/lexicon"
)

// LexiconDictionary adapts the FreeDict dictionaries of text/lexicon to the claim matcher.
// The matcher builds its translation table of a language from the pairs on first use (about
// a second for German, on top of parsing the dictionary): see CachedLexiconDictionary.
func LexiconDictionary(lex *lexicon.Lexicon) claims.Dictionary {
	return claims.DictionaryFunc(func(l string) []claims.Pair {
		ps := lex.Pairs(l)
		out := make([]claims.Pair, len(ps))
		for i, p := range ps {
			out[i] = claims.Pair(p)
		}
		return out
	})
}

// CachedLexiconDictionary is LexiconDictionary with the matcher's built translation tables
// kept in cacheDir, one file per language, so that a later process translates a language
// without parsing its dictionaries or building the table (German: a 7 MB file read in a
// tenth of a second instead of several seconds). A file is named by the language and a hash
// of the name, size and modification time of every FreeDict file in dictDir (where lex
// reads them) and of claims.TableVersion, so that installing a dictionary or changing
// stemming makes new files; older files of the language are removed when a new one is
// written. The cache is best effort: a file that cannot be read, written or parsed is
// rebuilt from the lexicon, and errors are not reported. Files are written to a temporary
// name and renamed, so concurrent processes do not see partial files.
func CachedLexiconDictionary(lex *lexicon.Lexicon, dictDir, cacheDir string) claims.Dictionary {
	return &cachedDictionary{base: LexiconDictionary(lex), dir: cacheDir, files: dictFingerprint(dictDir)}
}

type cachedDictionary struct {
	base  claims.Dictionary
	dir   string
	files string // hash of the dictionary files
}

// Pairs implements claims.Dictionary.
func (d *cachedDictionary) Pairs(lang string) []claims.Pair { return d.base.Pairs(lang) }

// Table implements claims.TableSource.
func (d *cachedDictionary) Table(lang string) *claims.Table {
	if d.dir == "" || d.files == "" || !safeLang(lang) {
		return claims.BuildTable(lang, d.base.Pairs(lang))
	}
	h := fnv.New64a()
	fmt.Fprint(h, d.files, "|", claims.TableVersion(lang))
	name := filepath.Join(d.dir, fmt.Sprintf("%s-%016x.table", lang, h.Sum64()))
	if f, err := os.Open(name); err == nil {
		t, err := claims.ReadTable(f)
		f.Close()
		if err == nil && t.Lang() == lang {
			return t
		}
	}
	t := claims.BuildTable(lang, d.base.Pairs(lang))
	d.write(lang, name, t)
	return t
}

// write stores t as name, through a temporary file, and removes older tables of lang.
func (d *cachedDictionary) write(lang, name string, t *claims.Table) {
	if err := os.MkdirAll(d.dir, 0o755); err != nil {
		return
	}
	var buf bytes.Buffer
	if _, err := t.WriteTo(&buf); err != nil {
		return
	}
	tmp, err := os.CreateTemp(d.dir, lang+"-*.tmp")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), name) != nil {
		os.Remove(tmp.Name())
		return
	}
	old, _ := filepath.Glob(filepath.Join(d.dir, lang+"-*.table"))
	for _, o := range old {
		if o != name {
			os.Remove(o)
		}
	}
}

// safeLang reports whether a language code can be part of a file name.
func safeLang(l string) bool {
	if l == "" || len(l) > 16 {
		return false
	}
	for _, r := range l {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// dictFingerprint hashes the name, size and modification time of the FreeDict files in dir
// ("" when there are none or dir cannot be read).
func dictFingerprint(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "freedict-") {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return ""
	}
	slices.Sort(names)
	h := fnv.New64a()
	for _, n := range names {
		fi, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			continue
		}
		fmt.Fprint(h, n, fi.Size(), fi.ModTime().UnixNano(), "\n")
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

// dictDir is where lexicon.Default reads the FreeDict dictionaries: $FIMI_DICT_DIR, else
// /usr/share/dictd (the lexicon does not say; keep the two in step).
func dictDir() string {
	if d := os.Getenv("FIMI_DICT_DIR"); d != "" {
		return d
	}
	return "/usr/share/dictd"
}

// tableCacheDir is where DefaultClaimsOptions keeps translation tables: the user's cache
// directory (os.UserCacheDir) under fimi/claims-tables, or "" when there is none.
func tableCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "fimi", "claims-tables")
}
