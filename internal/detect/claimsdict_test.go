package detect

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fimi/internal/claims"
	"fimi/internal/text/lexicon"
	"fimi/internal/text/stem"
)

// writeDictd writes a dictd dictionary (name.index and name.dict.dz) into dir.
func writeDictd(t *testing.T, dir, name string, entries [][2]string) {
	t.Helper()
	b64 := func(n int) string {
		const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
		if n == 0 {
			return "A"
		}
		var s []byte
		for ; n > 0; n /= 64 {
			s = append([]byte{digits[n%64]}, s...)
		}
		return string(s)
	}
	var body, index strings.Builder
	for _, e := range append([][2]string{{"00-database-info", "00-database-info\ntest\n"}}, entries...) {
		index.WriteString(e[0] + "\t" + b64(body.Len()) + "\t" + b64(len(e[1])) + "\n")
		body.WriteString(e[1])
	}
	if err := os.WriteFile(filepath.Join(dir, name+".index"), []byte(index.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, name+".dict.dz"))
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	if _, err := zw.Write([]byte(body.String())); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestCachedLexiconDictionary(t *testing.T) {
	dictDir, cacheDir := t.TempDir(), t.TempDir()
	writeDictd(t, dictDir, "freedict-deu-eng", [][2]string{
		{"regierung", "regierung\ngovernment\n"},
		{"waffe", "waffe\nweapon\n"},
	})
	table := func(lex *lexicon.Lexicon) *claims.Table {
		t.Helper()
		src, ok := CachedLexiconDictionary(lex, dictDir, cacheDir).(claims.TableSource)
		if !ok {
			t.Fatal("not a TableSource")
		}
		return src.Table("de")
	}
	lex, err := lexicon.Load(dictDir)
	if err != nil {
		t.Fatal(err)
	}
	want := stem.Stem("en", "government")
	if got := table(lex).Translate(stem.Stem("de", "regierung")); !slices.Contains(got, want) {
		t.Fatalf("built: %v, want %s", got, want)
	}
	files, _ := filepath.Glob(filepath.Join(cacheDir, "de-*.table"))
	if len(files) != 1 {
		t.Fatalf("cache files %v", files)
	}
	// A lexicon that knows nothing still translates: the table comes from the cache.
	empty, err := lexicon.Load(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if got := table(empty).Translate(stem.Stem("de", "waffe")); !slices.Contains(got, stem.Stem("en", "weapon")) {
		t.Fatalf("cached: %v", got)
	}
	// A damaged file is rebuilt from the lexicon.
	if err := os.WriteFile(files[0], []byte("fimi-claims-table-1\ngarbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := table(lex).Translate(stem.Stem("de", "regierung")); !slices.Contains(got, want) {
		t.Fatalf("after damage: %v", got)
	}
	// A changed dictionary makes a new file and removes the old one.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dictDir, "freedict-deu-eng.index"), later, later); err != nil {
		t.Fatal(err)
	}
	table(lex)
	files2, _ := filepath.Glob(filepath.Join(cacheDir, "de-*.table"))
	if len(files2) != 1 || files2[0] == files[0] {
		t.Fatalf("after a dictionary change: %v (was %v)", files2, files)
	}
	// No cache directory: built each time, nothing written.
	if got := CachedLexiconDictionary(lex, dictDir, "").(claims.TableSource).Table("de"); got.Len() == 0 {
		t.Fatal("no table without a cache directory")
	}
}
