package claims

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestBuildTable(t *testing.T) {
	tab := BuildTable("de", []Pair{
		{"regierung", "government"}, {"regierung", "the administration"}, {"regierungen", "governments"},
		{"waffe", "a weapon of war"}, // four words: a gloss, not a translation
		{"waffe", "arm"}, {"kalter krieg", "cold war"}, {"waffe", "weapon"},
	})
	if got := tab.Translate("regier"); !slices.Equal(got, []string{"govern", "administr"}) {
		t.Errorf("regier → %v", got)
	}
	if got := tab.Translate("waff"); !slices.Equal(got, []string{"arm", "weapon"}) {
		t.Errorf("waff → %v", got)
	}
	if tab.Translate("kalt") != nil || tab.Len() != 2 || tab.Lang() != "de" {
		t.Errorf("phrase headword kept or wrong size: %d", tab.Len())
	}
	var buf bytes.Buffer
	if _, err := tab.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	back, err := ReadTable(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.Translate("regier"), tab.Translate("regier")) || back.Len() != tab.Len() || back.Lang() != "de" {
		t.Errorf("round trip: %v", back.Translate("regier"))
	}
	for name, b := range map[string][]byte{
		"empty":     nil,
		"header":    []byte("something else entirely\n"),
		"truncated": good[:len(good)-3],
		"offsets":   bytes.Replace(good, []byte("regier"), []byte("regierXYZ"), 1), // keys longer than their ends say
	} {
		if _, err := ReadTable(bytes.NewReader(b)); !errors.Is(err, ErrTable) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if TableVersion("de") == TableVersion("ru") || TableVersion("de") != TableVersion("de") {
		t.Error("table versions")
	}
}

// TestTableSource checks that a Dictionary that hands over tables is not asked for pairs.
func TestTableSource(t *testing.T) {
	o := DefaultOptions()
	src := &tableDict{tab: BuildTable("ru", []Pair{{"газ", "gas"}, {"европа", "europe"}})}
	o.Dictionary = src
	m := NewMatcher(testClaims, o)
	res := m.Match(Query{Text: "Европе не хватает газа.", Lang: "ru"})
	if len(res) == 0 || res[0].ClaimID != "gas" || src.pairs != 0 || src.tables != 1 {
		t.Fatalf("results %+v, pairs %d tables %d", res, src.pairs, src.tables)
	}
}

type tableDict struct {
	tab           *Table
	pairs, tables int
}

func (d *tableDict) Pairs(string) []Pair { d.pairs++; return nil }
func (d *tableDict) Table(string) *Table { d.tables++; return d.tab }

// TestWordCache checks that analysis through the word cache gives the tokens of analysis
// without it.
func TestWordCache(t *testing.T) {
	wc := newWordCache()
	for _, c := range []struct{ s, lang string }{
		{"NATO troops are massing at the Russian border near Narva, 40,000 of them. #StopTheWar @JoeBiden", "en"},
		{"Навального отравили немецкие спецслужбы, заявил депутат Госдумы.", "ru"},
		{"L'homme a dit: les U.S. et l'OTAN sont là — five hundred 24 %", "fr"},
		{"Die Regierung in Berlin: Selenskyjs Amtszeit ist abgelaufen https://x.de/nato-truppen-an-der-grenze", "de"},
	} {
		for pass := range 2 {
			got, _ := analyze(c.s, c.lang, nil, wc)
			want, _ := analyze(c.s, c.lang, nil, nil)
			if len(got) != len(want) {
				t.Fatalf("%q pass %d: %d tokens, want %d", c.s, pass, len(got), len(want))
			}
			for i := range got {
				g, w := got[i], want[i]
				g.w, w.w = nil, nil
				if g != w {
					t.Errorf("%q pass %d token %d: %+v, want %+v", c.s, pass, i, g, w)
				}
			}
		}
	}
	// Bounded: a full shard is emptied.
	for i := range wordShards * wordShardLimit * 2 {
		wc.get("en", strings.Repeat("x", 1+i%7)+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676%26))+string(rune('a'+i/17576%26)), nil)
	}
	for i := range wc.shards {
		if n := len(wc.shards[i].m); n > wordShardLimit {
			t.Errorf("shard %d holds %d words", i, n)
		}
	}
}

func TestEvidenceModes(t *testing.T) {
	m := newTestMatcher(t)
	text := "NATO troops are massing at the Russian border near Narva, 40,000 of them, say vaccines and gas"
	for _, c := range []struct {
		mode      EvidenceMode
		first     bool // the first result (decided) has evidence
		undecided bool // some result without a decision has evidence
	}{{EvidenceDecided, true, false}, {EvidenceAll, true, true}, {EvidenceNone, false, false}} {
		res := m.Match(Query{Text: text, Evidence: c.mode})
		if len(res) < 2 || res[0].Decision == "" {
			t.Fatalf("results %+v", res)
		}
		if has := res[0].Evidence.Explanation != ""; has != c.first {
			t.Errorf("mode %d: first result evidence %v", c.mode, has)
		}
		undecided := false
		for _, r := range res[1:] {
			if r.Decision == "" && r.Evidence.Explanation != "" {
				undecided = true
			}
		}
		if undecided != c.undecided {
			t.Errorf("mode %d: evidence of undecided results %v", c.mode, undecided)
		}
	}
}
