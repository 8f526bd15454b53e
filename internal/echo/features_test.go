package echo

import (
	"reflect"
	"strings"
	"testing"
)

// TestPackUnpack checks that the stored form gives back the features it was made from, for
// a short text (narrow unit tokens) and a long one (wide).
func TestPackUnpack(t *testing.T) {
	d, err := New(Options{Lexicon: testLexicon()})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat(tanks["de"]+" ", 3) + strings.Repeat("Wort", 1)
	for i := range 60 {
		long += " Name" + string(rune('A'+i%26)) + string(rune('a'+i/26)) + "x 1" + string(rune('0'+i%10))
	}
	for _, txt := range []string{tanks["de"], tanks["ru"], long, "kurz"} {
		a := newAnalyzer(&d.opt, d.gloss)
		f := a.analyze("de", txt)
		want := features{lang: f.lang, words: f.words, content: f.content, bigrams: f.bigrams, terms: f.terms, pivot: f.pivot,
			numbers: f.numbers, names: f.names, ulen: f.ulen, uterm: f.uterm, utok: f.utok, utok8: f.utok8}
		st := f.pack(0)
		var got features
		st.unpack(&got, "de", nil)
		got.uw, got.u32 = nil, nil
		norm := func(f *features) {
			for _, s := range []*[]uint32{&f.terms, &f.pivot, &f.numbers, &f.names} {
				if len(*s) == 0 {
					*s = nil
				}
			}
			for _, s := range []*[]uint16{&f.bigrams, &f.uterm, &f.utok} {
				if len(*s) == 0 {
					*s = nil
				}
			}
			for _, s := range []*[]uint8{&f.ulen, &f.utok8} {
				if len(*s) == 0 {
					*s = nil
				}
			}
		}
		norm(&want)
		norm(&got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%.30q: unpacked\n%+v\nwant\n%+v", txt, got, want)
		}
		if len(f.pivot) > 256 && f.utok == nil || len(f.pivot) <= 256 && f.utok8 == nil && len(f.ulen) > 0 {
			t.Errorf("%.30q: %d pivot tokens, wide %v", txt, len(f.pivot), f.utok != nil)
		}
	}
}

// TestCJKSegmentation segments Japanese by longest match against the lexicon and pivots the
// words to English.
func TestCJKSegmentation(t *testing.T) {
	ja := map[string]string{"政府": "government", "月曜日": "monday", "月": "month", "戦車": "tank", "新しい": "new",
		"来月": "next month", "国防": "defence", "大臣": "minister", "発表": "announcement", "は": "topic", "の": "of"}
	lex := Lexicon{
		Words: func(lang string) []string {
			if lang != "ja" {
				return testLexicon().Words(lang)
			}
			var out []string
			for w := range ja {
				out = append(out, w)
			}
			return out
		},
		ToEnglish: func(lang, w string) []string {
			if lang != "ja" {
				return testLexicon().ToEnglish(lang, w)
			}
			if e, ok := ja[w]; ok {
				return []string{e}
			}
			return nil
		},
	}
	d, err := New(Options{Lexicon: lex})
	if err != nil {
		t.Fatal(err)
	}
	a := newAnalyzer(&d.opt, d.gloss)
	f := a.analyze("ja", "政府は月曜日、来月40両の新しい戦車を発表した。")
	// 政府, 月曜日 (not 月 + 曜 + 日), 来月, 40, 新しい, 戦車, 発表 (し and た dropped), 両 (unknown Han)
	if f.content != 8 {
		t.Errorf("%d units, want 8", f.content)
	}
	rel, sim := d.Compare(Doc{Text: "政府は月曜日、来月40両の新しい戦車を発表した。国防大臣の発表。", Lang: "ja"},
		Doc{Text: "The government announced on Monday 40 new tanks for next month, the defence minister said.", Lang: "en"})
	if rel != Translation {
		t.Errorf("ja → en: %v %.2f", rel, sim)
	}
}
