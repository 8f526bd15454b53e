package lexicon

import (
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// writeDict writes a dictd dictionary (name.index and name.dict.dz) into dir. Each entry is
// a headword for the index and the entry text; the 00-database-info entry dictfmt writes is
// added first.
func writeDict(t testing.TB, dir, name string, entries [][2]string) {
	t.Helper()
	var body strings.Builder
	var index strings.Builder
	add := func(head, text string) {
		off := body.Len()
		body.WriteString(text)
		index.WriteString(head + "\t" + encodeB64(off) + "\t" + encodeB64(len(text)) + "\n")
	}
	add("00-database-info", "00-database-info\nA test dictionary.\n")
	for _, e := range entries {
		add(e[0], e[1])
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

// fixtureDir writes a small German–English pair of dictionaries, a Russian one that
// exists only as English–Russian, and a German–Russian one to pivot through.
func fixtureDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	var filler [][2]string // makes German a large enough pivot for Russian
	for i := range 60 {
		w := fmt.Sprintf("füllwort%02d", i)
		filler = append(filler, [2]string{w, w + "\nfiller\n"})
	}
	writeDict(t, dir, "freedict-deu-eng", append(filler, [][2]string{
		{"krieg", "Krieg /kɾˈiːk/ <masc, n, sg>\n [mil.] war <n>\n      \"Krieg führen\"  - wage war\n see: {Kriege}\n"},
		{"waffe", "Waffe /vˈafə/ <fem, n, sg>\n [ugs.] gun <n>\n"},
		{"waffe", "Waffe /vˈafə/ <fem, n, sg>\n [mil.] weapon <n>\n         Note: collectively, arm <n>\n"},
		{"waffenstillstand", "Waffenstillstand /x/ <masc, n, sg>\ncease-fire, armistice, truce\n"},
		{"angreifen", "angreifen /x/ <v>\nto attack, to assault, to raid\n"},
	}...))
	writeDict(t, dir, "freedict-eng-deu", [][2]string{
		{"weapon", "weapon /ˈwepən/ <n>\nWaffe, Rüstung\n"},
		{"attack", "attack /əˈtæk/ <v>\nangreifen\n"},
	})
	writeDict(t, dir, "freedict-eng-rus", [][2]string{
		{"arm", "arm /ɑːm/\nрука\n"},
		{"hand", "hand /hænd/\nрука́, кисть\n"},
		{"weapon", "weapon /x/\nоружие\narms, gun\n"},
	})
	writeDict(t, dir, "freedict-deu-rus", [][2]string{
		{"krieg", "Krieg /kʁiːk/ <n, masc>\nвойна\nbewaffneter Konflikt\n"},
		{"waffe", "Waffe /ˈvafə/ <n, fem>\nору́жие\nein technisches Hilfsmittel\n"},
		{"angreifen", "angreifen /x/ <v>\n1. атаковать\nangreifen\n2. разъедать\nchemisch\n"},
	})
	return dir
}

func TestLoadFixture(t *testing.T) {
	dir := fixtureDir(t)
	lex, err := Load(dir, "de", "ru", "uk")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := lex.Languages(), []string{"de", "ru"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Languages = %q, want %q", got, want)
	}
	tests := []struct {
		lang, word string
		to         bool
		want       []string
	}{
		{"de", "waffe", true, []string{"weapon", "gun"}}, // the colloquial sense last
		{"de", "Waffe", true, []string{"weapon", "gun"}},
		{"de", "krieg", true, []string{"war"}},
		{"de", "angreifen", true, []string{"attack", "assault", "raid"}},
		{"de", "waffenstillstand", true, []string{"cease-fire", "armistice", "truce"}},
		{"de", "rüstung", true, []string{"weapon"}},
		{"de", "weapon", false, []string{"waffe", "rüstung"}},
		{"de", "attack", false, []string{"angreifen"}},
		{"de", "war", false, []string{"krieg"}},
		{"de", "unknown", true, nil},
		{"ru", "рука", true, []string{"arm", "hand"}},
		{"ru", "оружие", true, []string{"weapon", "gun"}}, // direct, then through German
		{"ru", "война", true, []string{"war"}},            // through German only
		{"ru", "атаковать", true, nil},                    // several senses, unconfirmed
		{"ru", "hand", false, []string{"рука", "кисть"}},
		{"ru", "war", false, []string{"война"}},
		{"uk", "зброя", true, nil},
		{"xx", "a", true, nil},
	}
	for _, tt := range tests {
		var got []string
		if tt.to {
			got = lex.ToEnglish(tt.lang, tt.word)
		} else {
			got = lex.FromEnglish(tt.lang, tt.word)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %q (to English %v) = %q, want %q", tt.lang, tt.word, tt.to, got, tt.want)
		}
	}
	if n := lex.Len("de"); n != 65 { // krieg waffe waffenstillstand angreifen rüstung + filler
		t.Errorf("Len(de) = %d, want 65", n)
	}
	pairs := lex.Pairs("de")
	for _, p := range []Pair{{"waffe", "weapon"}, {"waffe", "gun"}, {"rüstung", "weapon"}, {"krieg", "war"}} {
		if !slices.Contains(pairs, p) {
			t.Errorf("Pairs(de) lacks %v", p)
		}
	}
	if !slices.IsSortedFunc(pairs, func(a, b Pair) int {
		return strings.Compare(a.Foreign+"\x00"+a.English, b.Foreign+"\x00"+b.English)
	}) {
		t.Errorf("Pairs(de) not sorted")
	}
	if (Pair{"a b", "c"}).Phrase() != true || (Pair{"a", "c"}).Phrase() != false {
		t.Errorf("Pair.Phrase wrong")
	}
}

func TestLoadLazy(t *testing.T) {
	dir := fixtureDir(t)
	lex, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := lex.Languages(), []string{"de", "ru"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Languages = %q, want %q", got, want)
	}
	if got := lex.ToEnglish("ru", "рука"); !reflect.DeepEqual(got, []string{"arm", "hand"}) {
		t.Errorf("ToEnglish(ru, рука) = %q", got)
	}
	if err := lex.Preload(); err != nil {
		t.Fatal(err)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := fixtureDir(t)
	if err := os.WriteFile(filepath.Join(dir, "freedict-fra-eng.index"), []byte("arme\tA\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir, "fr"); !errors.Is(err, ErrFormat) {
		t.Errorf("Load(bad index) error = %v, want ErrFormat", err)
	}
	lex, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := lex.ToEnglish("fr", "arme"); got != nil {
		t.Errorf("ToEnglish in a broken language = %q", got)
	}
	if err := lex.Preload("fr"); !errors.Is(err, ErrFormat) {
		t.Errorf("Preload(fr) error = %v, want ErrFormat", err)
	}
	if _, err := Load(filepath.Join(dir, "missing")); err == nil {
		t.Errorf("Load(missing dir): want error")
	}
	// An index entry past the end of the body is skipped, not an error.
	writeDict(t, dir, "freedict-spa-eng", [][2]string{{"arma", "arma\nweapon\n"}})
	f, err := os.OpenFile(filepath.Join(dir, "freedict-spa-eng.index"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("fantasma\tBAAA\tZ\n")
	f.Close()
	lex, err = Load(dir, "es")
	if err != nil {
		t.Fatal(err)
	}
	if got := lex.ToEnglish("es", "arma"); !reflect.DeepEqual(got, []string{"weapon"}) {
		t.Errorf("ToEnglish(es, arma) = %q", got)
	}
}

func TestDefault(t *testing.T) {
	t.Setenv("FIMI_DICT_DIR", filepath.Join(t.TempDir(), "none"))
	lex, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(lex.Languages()) != 0 || lex.ToEnglish("de", "waffe") != nil || lex.Len("de") != 0 || lex.Pairs("de") != nil {
		t.Errorf("Default without dictionaries is not empty")
	}
	t.Setenv("FIMI_DICT_DIR", fixtureDir(t))
	lex, err = Default()
	if err != nil {
		t.Fatal(err)
	}
	if got := lex.ToEnglish("de", "krieg"); !reflect.DeepEqual(got, []string{"war"}) {
		t.Errorf("ToEnglish(de, krieg) = %q", got)
	}
}

func TestConcurrentLazyLoad(t *testing.T) {
	lex, err := Load(fixtureDir(t))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lang, word, want := "de", "krieg", "war"
			if i%2 == 1 {
				lang, word, want = "ru", "война", "war" // pivots through German meanwhile
			}
			if got := lex.ToEnglish(lang, word); !slices.Contains(got, want) {
				t.Errorf("ToEnglish(%s, %s) = %q", lang, word, got)
			}
		}()
	}
	wg.Wait()
}
