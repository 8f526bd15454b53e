package lexicon

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestCacheRoundTrip loads a language from the dictionaries, then from the cache file the
// first load wrote, and checks that both give the same lookups; a changed dictionary file
// makes a new cache file.
func TestCacheRoundTrip(t *testing.T) {
	dir := t.TempDir()
	writeDict(t, dir, "freedict-deu-eng", [][2]string{
		{"frieden", "frieden\npeace\n"}, {"haus", "haus\nhouse\n"}, {"krieg", "krieg\nwar\n"},
	})
	cache := filepath.Join(t.TempDir(), "cache")
	load := func() *Lexicon {
		l, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		return l.WithCache(cache)
	}
	a := load()
	want := a.ToEnglish("de", "Haus")
	if len(want) == 0 {
		t.Fatal("no translation of Haus")
	}
	files, _ := filepath.Glob(filepath.Join(cache, "de-*.tab"))
	if len(files) != 1 {
		t.Fatalf("cache files %v, want one", files)
	}
	b := load()
	if got := b.ToEnglish("de", "haus"); !reflect.DeepEqual(got, want) {
		t.Errorf("from cache ToEnglish(haus) = %v, want %v", got, want)
	}
	if !reflect.DeepEqual(a.Pairs("de"), b.Pairs("de")) || !reflect.DeepEqual(a.Foreign("de"), b.Foreign("de")) {
		t.Error("cached tables differ from parsed ones")
	}
	if got := b.Foreign("de"); !reflect.DeepEqual(got, []string{"frieden", "haus", "krieg"}) {
		t.Errorf("Foreign = %v", got)
	}
	// A corrupt cache file is rebuilt from the dictionaries.
	if err := os.WriteFile(files[0], []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := load().ToEnglish("de", "krieg"); !reflect.DeepEqual(got, []string{"war"}) {
		t.Errorf("after corrupt cache: %v", got)
	}
	// A changed dictionary gives a new file and the old one is removed.
	writeDict(t, dir, "freedict-deu-eng", [][2]string{{"haus", "haus\nhome\n"}, {"katze", "katze\ncat\n"}})
	if got := load().ToEnglish("de", "katze"); !reflect.DeepEqual(got, []string{"cat"}) {
		t.Errorf("after change: %v", got)
	}
	if files2, _ := filepath.Glob(filepath.Join(cache, "de-*.tab")); len(files2) != 1 || files2[0] == files[0] {
		t.Errorf("cache files after change %v (before %v)", files2, files)
	}
}
