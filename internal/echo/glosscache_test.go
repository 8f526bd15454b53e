package echo

import (
	"os"
	"path/filepath"
	"testing"
)

// TestGlossaryCache: a detector with a versioned lexicon writes its glossaries; a later one
// reads them without calling the lexicon and finds the same translation; a corrupt file is
// rebuilt, and a new dictionary version gets a new file.
func TestGlossaryCache(t *testing.T) {
	dir := t.TempDir()
	version := "v1"
	lex := testLexicon()
	lex.Version = func(string) string { return version }
	a, b := Doc{Text: tanks["de"], Lang: "de"}, Doc{Text: tanks["en"], Lang: "en"}
	compare := func(lex Lexicon) (Relation, float64) {
		t.Helper()
		d, err := New(Options{Lexicon: lex, GlossaryCache: dir})
		if err != nil {
			t.Fatal(err)
		}
		return d.Compare(a, b)
	}
	rel, sim := compare(lex)
	if rel != Translation {
		t.Fatalf("built: %v %.2f, want a translation", rel, sim)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "de-*.gl"))
	if len(files) != 1 {
		t.Fatalf("cache files %v", files)
	}
	called := false
	spy := lex
	spy.Words = func(l string) []string { called = true; return lex.Words(l) }
	spy.ToEnglish = func(l, w string) []string { called = true; return lex.ToEnglish(l, w) }
	if rel2, sim2 := compare(spy); rel2 != rel || sim2 != sim || called {
		t.Errorf("from cache: %v %.3f (lexicon called: %v), want %v %.3f without calling it", rel2, sim2, called, rel, sim)
	}
	if err := os.WriteFile(files[0], []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	called = false
	if rel3, _ := compare(spy); rel3 != rel || !called {
		t.Errorf("corrupt cache: %v, lexicon called %v", rel3, called)
	}
	version = "v2"
	compare(lex)
	if now, _ := filepath.Glob(filepath.Join(dir, "de-*.gl")); len(now) != 1 || now[0] == files[0] {
		t.Errorf("after a new version: %v (before %v)", now, files)
	}
}
