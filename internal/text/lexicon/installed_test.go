package lexicon

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// installed is the lexicon of the installed dictionaries, shared by the tests and loaded
// lazily, language by language, so that each large dictionary is parsed once per run.
var installed = sync.OnceValues(func() (*Lexicon, error) {
	dir := os.Getenv("FIMI_DICT_DIR")
	if dir == "" {
		dir = "/usr/share/dictd"
	}
	return Load(dir)
})

// installedDir returns the directory of the installed FreeDict dictionaries, skipping the
// test when the files it needs are missing, unless FIMI_REQUIRE_DATASETS=1.
func installedDir(t testing.TB, files ...string) string {
	t.Helper()
	dir := os.Getenv("FIMI_DICT_DIR")
	if dir == "" {
		dir = "/usr/share/dictd"
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, f+".index")); err != nil {
			msg := "FreeDict dictionary " + f + " not installed in " + dir +
				" (apt-get install dict-" + f + ")"
			if os.Getenv("FIMI_REQUIRE_DATASETS") == "1" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
	return dir
}

func TestInstalled(t *testing.T) {
	if testing.Short() {
		t.Skip("loads large dictionaries")
	}
	installedDir(t, "freedict-deu-eng", "freedict-eng-rus", "freedict-pol-eng",
		"freedict-eng-ces", "freedict-fra-eng", "freedict-spa-eng", "freedict-ara-eng",
		"freedict-eng-bul", "freedict-hrv-eng")
	langs := []string{"de", "ru", "pl", "cs", "fr", "es", "ar", "bg", "hr"}
	lex, err := installed()
	if err != nil {
		t.Fatal(err)
	}
	if err := lex.Preload(langs...); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang, word string
		to         bool
		want       []string // any of these
	}{
		{"de", "waffe", true, []string{"weapon"}},
		{"de", "krieg", true, []string{"war"}},
		{"de", "regierung", true, []string{"government"}},
		// eng-rus has 1,700 headwords only (no "оружие"): common words are there.
		{"ru", "рука", true, []string{"arm", "hand"}},
		{"ru", "апрель", true, []string{"april"}},
		{"pl", "broń", true, []string{"weapon"}},
		{"pl", "wojna", true, []string{"war"}},
		{"cs", "zbraň", true, []string{"weapon"}},
		{"cs", "válka", true, []string{"war"}},
		{"fr", "arme", true, []string{"weapon"}},
		{"fr", "guerre", true, []string{"war"}},
		{"es", "arma", true, []string{"weapon"}},
		{"es", "guerra", true, []string{"war"}},
		{"ar", "الحرب", true, []string{"war", "warfare"}},
		{"bg", "оръжие", true, []string{"weapon"}},
		{"hr", "oružje", true, []string{"weapon", "arms"}},
		{"de", "weapon", false, []string{"waffe"}},
		{"pl", "weapon", false, []string{"broń"}},
		{"ru", "arm", false, []string{"рука"}},
	}
	for _, tt := range tests {
		var got []string
		if tt.to {
			got = lex.ToEnglish(tt.lang, tt.word)
		} else {
			got = lex.FromEnglish(tt.lang, tt.word)
		}
		if !slices.ContainsFunc(tt.want, func(w string) bool { return slices.Contains(got, w) }) {
			t.Errorf("%s %q (to English %v) = %q, want one of %q", tt.lang, tt.word, tt.to, got, tt.want)
		}
		if len(got) > MaxTranslations {
			t.Errorf("%s %q: %d translations", tt.lang, tt.word, len(got))
		}
	}
	// The common sense comes first.
	if got := lex.ToEnglish("de", "waffe"); len(got) == 0 || got[0] != "weapon" {
		t.Errorf("ToEnglish(de, waffe) = %q, want weapon first", got)
	}
	for _, lang := range langs {
		if n := lex.Len(lang); n < 1000 {
			t.Errorf("Len(%s) = %d, want ≥ 1000", lang, n)
		}
	}
}

// TestInstalledPivot checks Russian through German and Polish when dict-freedict-deu-rus
// and dict-freedict-pol-rus are installed (they are optional: always skipped without them).
func TestInstalledPivot(t *testing.T) {
	if testing.Short() {
		t.Skip("loads large dictionaries")
	}
	lex, err := installed()
	if err != nil {
		t.Skip(err)
	}
	for _, f := range []string{"freedict-deu-rus", "freedict-deu-eng", "freedict-eng-rus"} {
		if _, err := os.Stat(filepath.Join(lex.dir, f+".index")); err != nil {
			t.Skip("optional FreeDict dictionary " + f + " not installed")
		}
	}
	for _, tt := range []struct{ word, want string }{
		{"оружие", "weapon"}, {"война", "war"}, {"правительство", "government"},
		{"президент", "president"}, {"вакцина", "vaccine"},
	} {
		if got := lex.ToEnglish("ru", tt.word); !slices.Contains(got, tt.want) {
			t.Errorf("ToEnglish(ru, %q) = %q, want %q among them", tt.word, got, tt.want)
		}
	}
	if n := lex.Len("ru"); n < 10000 {
		t.Errorf("Len(ru) = %d with pivots, want ≥ 10000", n)
	}
}
