// Package cjk gives the echo detector a Chinese lexicon without a Chinese dictionary
// package: it reads the Unihan database (Debian package unicode-data, in
// /usr/share/unicode) for the English glosses of single Han characters (kDefinition) and for
// the simplified forms of traditional and Japanese characters, and turns the Han-only
// headwords of the Japanese lexicon (FreeDict jpn-eng) into simplified Chinese words with
// the same translations: most Sino-Japanese compounds (地下室, 自殺 → 自杀, 小説 → 小说) are
// Chinese words too.
//
// Load and Default read files; everything else is pure. A Unihan and the Lexicon built by
// Extend are safe for concurrent use.
package cjk

import (
	"bufio"
	"compress/bzip2"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrNotInstalled is returned (wrapped, with fs.ErrNotExist) by Load and Default when the
// Unihan files are missing: install the Debian package unicode-data.
var ErrNotInstalled = errors.New("cjk: Unihan database not found (apt-get install unicode-data)")

// Unihan holds what the package reads from the Unihan database. Read-only after Load.
type Unihan struct {
	simp map[rune]rune     // traditional or Japanese form → simplified
	defs map[rune][]string // English glosses, best first, at most maxGlosses
}

// maxGlosses is the most glosses kept per character.
const maxGlosses = 4

// DefaultDir is where Debian's unicode-data installs Unihan.
const DefaultDir = "/usr/share/unicode"

// Default loads Unihan from $FIMI_UNIHAN_DIR, else DefaultDir.
func Default() (*Unihan, error) {
	dir := os.Getenv("FIMI_UNIHAN_DIR")
	if dir == "" {
		dir = DefaultDir
	}
	return Load(dir)
}

// Load reads Unihan_Variants.txt and Unihan_Readings.txt (each plain or .bz2) from dir.
// Cost: about 0.5 s of CPU and 3 MB of heap.
func Load(dir string) (*Unihan, error) {
	u := &Unihan{simp: map[rune]rune{}, defs: map[rune][]string{}}
	z := map[rune]rune{} // kZVariant: Japanese and other glyph variants
	err := readUnihan(dir, "Unihan_Variants.txt", func(cp rune, field, value string) {
		switch field {
		case "kSimplifiedVariant":
			if v, ok := firstCodePoint(value); ok && v != cp {
				u.simp[cp] = v
			}
		case "kZVariant":
			if v, ok := firstCodePoint(value); ok {
				z[cp] = v
			}
		}
	})
	if err != nil {
		return nil, err
	}
	for c, v := range z {
		if _, ok := u.simp[c]; ok {
			continue
		}
		if s, ok := u.simp[v]; ok {
			u.simp[c] = s
		}
	}
	err = readUnihan(dir, "Unihan_Readings.txt", func(cp rune, field, value string) {
		if field == "kDefinition" {
			if g := parseDefinition(value); len(g) > 0 {
				u.defs[cp] = g
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

func readUnihan(dir, name string, fn func(cp rune, field, value string)) error {
	var r io.Reader
	f, err := os.Open(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		f, err = os.Open(filepath.Join(dir, name+".bz2"))
		if err == nil {
			r = bzip2.NewReader(f)
		}
	} else if err == nil {
		r = f
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %w", ErrNotInstalled, err)
	}
	if err != nil {
		return fmt.Errorf("cjk: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "U+") {
			continue
		}
		cpStr, rest, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		field, value, ok := strings.Cut(rest, "\t")
		if !ok {
			continue
		}
		cp, err := strconv.ParseUint(cpStr[2:], 16, 32)
		if err != nil {
			continue
		}
		fn(rune(cp), field, value)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("cjk: read %s: %w", name, err)
	}
	return nil
}

// firstCodePoint parses the first "U+XXXX" of a variant value (which may carry "<source"
// annotations).
func firstCodePoint(v string) (rune, bool) {
	v, _, _ = strings.Cut(v, " ")
	v, _, _ = strings.Cut(v, "<")
	if !strings.HasPrefix(v, "U+") {
		return 0, false
	}
	cp, err := strconv.ParseUint(v[2:], 16, 32)
	return rune(cp), err == nil
}

// parseDefinition splits a kDefinition ("kill, slaughter, murder; hurt") into single glosses
// without parenthesised parts, references to other characters and a leading "to ".
func parseDefinition(v string) []string {
	var out []string
	for _, sense := range strings.Split(v, ";") {
		for _, g := range strings.Split(sense, ",") {
			g = stripParens(g)
			g = strings.TrimSpace(g)
			g = strings.TrimPrefix(g, "to ")
			if g == "" || strings.Contains(g, "U+") || strings.Contains(g, "same as") || strings.Contains(g, "variant") {
				continue
			}
			out = append(out, g)
			if len(out) == maxGlosses {
				return out
			}
		}
	}
	return out
}

func stripParens(s string) string {
	for {
		i := strings.IndexByte(s, '(')
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + s[i+j+1:]
	}
}

// Simplify writes traditional and Japanese Han characters of s in their simplified
// Chinese form (others unchanged).
func (u *Unihan) Simplify(s string) string {
	var b strings.Builder
	changed := false
	for i, r := range s {
		if v, ok := u.simp[r]; ok {
			if !changed {
				b.Grow(len(s))
				b.WriteString(s[:i])
				changed = true
			}
			b.WriteRune(v)
			continue
		}
		if changed {
			b.WriteRune(r)
		}
	}
	if !changed {
		return s
	}
	return b.String()
}

// Glosses returns the English glosses of a Han character (nil when Unihan has none). The
// slice is shared: do not modify it.
func (u *Unihan) Glosses(r rune) []string { return u.defs[r] }

// isHan reports whether every rune of s is a Han character.
func isHan(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x2FA1F) {
			return false
		}
	}
	return true
}

// Chinese is a Chinese → English word list. Safe for concurrent use.
type Chinese struct {
	m     map[string][]string
	words []string
}

// Chinese builds a Chinese lexicon from Japanese words (Han-only headwords of two or more
// characters, simplified, with their translations) and the Unihan glosses of single
// characters. A word's translations are its Japanese ones, else the glosses of a single
// character. Cost with FreeDict jpn-eng: about a second and 20 MB.
func (u *Unihan) Chinese(jaWords []string, jaToEnglish func(word string) []string) *Chinese {
	zh := &Chinese{m: map[string][]string{}}
	for _, w := range jaWords {
		if !isHan(w) || utf8.RuneCountInString(w) < 2 {
			continue
		}
		s := u.Simplify(w)
		if _, ok := zh.m[s]; ok {
			continue
		}
		if t := jaToEnglish(w); len(t) > 0 {
			zh.m[s] = t
		}
	}
	for r, g := range u.defs {
		if s := string(r); zh.m[s] == nil {
			zh.m[s] = g
		}
	}
	zh.words = make([]string, 0, len(zh.m))
	for w := range zh.m {
		zh.words = append(zh.words, w)
	}
	return zh
}

// Words returns the Chinese words known, in no particular order; the slice is shared.
func (c *Chinese) Words() []string { return c.words }

// ToEnglish returns the English translations of a Chinese word (simplified), best first;
// the slice is shared.
func (c *Chinese) ToEnglish(word string) []string { return c.m[word] }
