package lexicon

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// cacheVersion changes whenever parsing or the table layout changes, so that old cache files
// are not read.
const cacheVersion = 1

// CacheDir returns where Default keeps parsed tables: $FIMI_LEXICON_CACHE ("off" disables
// the cache), else the user's cache directory under fimi/lexicon, or "" when there is none.
func CacheDir() string {
	switch d := os.Getenv("FIMI_LEXICON_CACHE"); d {
	case "off":
		return ""
	case "":
	default:
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "fimi", "lexicon")
}

// WithCache makes the lexicon keep each language's parsed tables in dir, one file per
// language named by a hash of the name, size and modification time of every dictionary
// file it is built from: a later process reads the file (a few hundred milliseconds for a
// large language) instead of parsing the dictionaries (seconds). The cache is best effort:
// a file that cannot be read or written is rebuilt from the dictionaries and errors are
// not reported. Files are written under a temporary name and renamed. Call it before the
// first lookup.
func (l *Lexicon) WithCache(dir string) *Lexicon {
	for _, lg := range l.langs {
		lg.cache = dir
	}
	for _, lg := range l.pivotLangs {
		lg.cache = dir
	}
	return l
}

// Version identifies the dictionary files lang is built from (their names, sizes and
// modification times, and this package's parsing version): consumers that cache what they
// derive from a language key it with this. "" for an absent language.
func (l *Lexicon) Version(lang string) string {
	lg, ok := l.langs[lang]
	if !ok {
		return ""
	}
	return fmt.Sprintf("%016x", lg.fingerprint())
}

// cacheFile returns the cache file of the language's tables, or "".
func (lg *language) cacheFile() string {
	if lg.cache == "" {
		return ""
	}
	return filepath.Join(lg.cache, fmt.Sprintf("%s-%016x.tab", lg.code, lg.fingerprint()))
}

// fingerprint hashes the names, sizes and modification times of the language's files.
func (lg *language) fingerprint() uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "v%d %s\n", cacheVersion, lg.code)
	var files func(lg *language)
	files = func(lg *language) {
		for _, p := range []string{lg.toEnglish, lg.fromEnglish} {
			if p == "" {
				continue
			}
			for _, f := range []string{p, strings.TrimSuffix(p, ".index") + ".dict.dz", strings.TrimSuffix(p, ".index") + ".dict"} {
				if st, err := os.Stat(f); err == nil {
					fmt.Fprintf(h, "%s %d %d\n", f, st.Size(), st.ModTime().UnixNano())
				}
			}
		}
		for _, p := range lg.pivots {
			if st, err := os.Stat(p.path); err == nil {
				fmt.Fprintf(h, "pivot %s %d %d\n", p.path, st.Size(), st.ModTime().UnixNano())
			}
			files(p.lang)
		}
	}
	files(lg)
	return h.Sum64()
}

// readTables reads tables written by writeTables.
func readTables(path string) (*tables, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	var hdr [3]uint32
	if err := binary.Read(r, binary.LittleEndian, &hdr); err != nil {
		return nil, err
	}
	if hdr[0] > 1<<24 || hdr[1] > 1<<24 || hdr[2] > 1<<24 {
		return nil, errors.New("lexicon cache: bad header")
	}
	str := func() (string, error) {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return "", err
		}
		if n > 1<<16 {
			return "", errors.New("lexicon cache: bad string")
		}
		b := make([]byte, n)
		_, err = io.ReadFull(r, b)
		return string(b), err
	}
	t := &tables{vals: make([]string, hdr[0]), to: make(map[string]span, hdr[1]), from: make(map[string]span, hdr[2])}
	for i := range t.vals {
		if t.vals[i], err = str(); err != nil {
			return nil, err
		}
	}
	for k, m := range []map[string]span{t.to, t.from} {
		for range hdr[1+k] {
			key, err := str()
			if err != nil {
				return nil, err
			}
			off, err := binary.ReadUvarint(r)
			if err != nil {
				return nil, err
			}
			n, err := binary.ReadUvarint(r)
			if err != nil {
				return nil, err
			}
			if off+n > uint64(len(t.vals)) {
				return nil, errors.New("lexicon cache: bad span")
			}
			m[key] = span{uint32(off), uint32(n)}
		}
	}
	return t, nil
}

// writeTables writes t to path through a temporary file.
func writeTables(path string, t *tables) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tab-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<16)
	binary.Write(w, binary.LittleEndian, [3]uint32{uint32(len(t.vals)), uint32(len(t.to)), uint32(len(t.from))})
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { w.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	str := func(s string) { uv(uint64(len(s))); w.WriteString(s) }
	for _, v := range t.vals {
		str(v)
	}
	for _, m := range []map[string]span{t.to, t.from} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys) // deterministic files
		for _, k := range keys {
			str(k)
			uv(uint64(m[k].off))
			uv(uint64(m[k].n))
		}
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// Remove older files of this language, then publish the new one.
	if old, _ := filepath.Glob(filepath.Join(filepath.Dir(path), strings.SplitN(filepath.Base(path), "-", 2)[0]+"-*.tab")); len(old) > 0 {
		for _, o := range old {
			if o != path {
				os.Remove(o)
			}
		}
	}
	return os.Rename(tmp.Name(), path)
}

// Foreign returns the distinct foreign single words and phrases of lang that have an English
// translation in either direction, sorted: the Foreign sides of Pairs, without building the
// pairs.
func (l *Lexicon) Foreign(lang string) []string {
	t := l.tables(lang)
	if t == nil {
		return nil
	}
	out := make([]string, 0, len(t.to)+len(t.from))
	for f := range t.to {
		out = append(out, f)
	}
	for _, sp := range t.from {
		out = append(out, t.get(sp, true)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
