package claims

import (
	"strings"
	"testing"
	"time"
)

// tok finds the token whose text is s.
func tok(t *testing.T, a Analysis, s string) Token {
	t.Helper()
	for _, k := range a.Tokens {
		if a.Text[k.Start:k.End] == s {
			return k
		}
	}
	t.Fatalf("no token %q in %q", s, a.Text)
	return Token{}
}

func TestAnalyzeOffsets(t *testing.T) {
	s := "Ё-моё, «Зеленський» said: the U.S. spent $1,000.50 — see https://Example.com/nato-troops-border?utm_source=x #StopTheWar @RealDonaldTrump"
	a := Analyze(s, "en")
	for _, k := range a.Tokens {
		if k.Start < 0 || k.End > len(s) || k.Start >= k.End {
			t.Fatalf("bad span %+v", k)
		}
	}
	for _, tt := range []struct {
		text, norm string
		kind       Kind
		flags      Flags
	}{
		{"Зеленський", "зеленський", Word, Capital | Name},
		{"U.S.", "usa", Word, Capital},
		{"1,000.50", "1000.5", Number, 0},
		{"https://Example.com/nato-troops-border?utm_source=x", "https://example.com/nato-troops-border", URL, 0},
		{"troops", "troops", Word, InURL},
		{"Stop", "stop", Word, InTag},
		{"War", "war", Word, InTag},
		{"Donald", "donald", Word, InMention},
	} {
		k := tok(t, a, tt.text)
		if k.Norm != tt.norm || k.Kind != tt.kind || !k.Has(tt.flags) {
			t.Errorf("%q: norm %q kind %d flags %b; want %q %d %b", tt.text, k.Norm, k.Kind, k.Flags, tt.norm, tt.kind, tt.flags)
		}
	}
	if k := tok(t, a, "the"); !k.Has(Stop) || k.Content() {
		t.Errorf("the: %+v", k)
	}
}

func TestNumbers(t *testing.T) {
	for _, tt := range []struct{ in, lang, want string }{
		{"1,000", "en", "1000"},
		{"1.000", "de", "1000"},
		{"1,5", "de", "1.5"},
		{"3.14", "en", "3.14"},
		{"1.234.567", "ru", "1234567"},
		{"1.234,50", "de", "1234.5"},
		{"24%", "en", "24%"},
		{"24 %", "fr", "24%"},
		{"24 percent", "en", "24%"},
		{"24 per cent", "en", "24%"},
		{"24 процента", "ru", "24%"},
		{"٢٠١٩", "ar", "2019"},
		{"five", "en", "5"},
	} {
		a := Analyze(tt.in, tt.lang)
		if len(a.Tokens) == 0 || a.Tokens[0].Kind != Number || a.Tokens[0].Norm != tt.want {
			t.Errorf("%q (%s): %+v, want %q", tt.in, tt.lang, a.Tokens, tt.want)
		}
	}
	if k := Analyze("in 2019 and 2019.5", "en").Tokens[1]; !k.Has(Year) {
		t.Errorf("2019 not a year: %+v", k)
	}
}

func TestNamesAcrossScripts(t *testing.T) {
	pairs := []struct{ a, la, b, lb string }{
		{"Врачи говорят, что Навального отравили.", "ru", "Doctors say Navalny was poisoned.", "en"},
		{"Заява Зеленського про мир.", "uk", "A statement by Zelensky on peace.", "en"},
		{"Сегодня Путин заявил.", "ru", "On Monday Putin said.", "en"},
		{"Atak na Kijów.", "pl", "An attack on Kyiv.", "en"},
	}
	keys := func(a Analysis) map[string]bool {
		m := map[string]bool{}
		for _, k := range a.Tokens {
			if k.Key != "" {
				m[k.Key] = true
				if k.key2 != "" {
					m[k.key2] = true
				}
			}
		}
		return m
	}
	for _, p := range pairs {
		ka, kb := keys(Analyze(p.a, p.la)), keys(Analyze(p.b, p.lb))
		met := false
		for k := range ka {
			if kb[k] {
				met = true
			}
		}
		if !met {
			t.Errorf("no shared name key between %q %v and %q %v", p.a, ka, p.b, kb)
		}
	}
	// Sentence-initial capitals get a key but are not names; inner ones are.
	a := Analyze("Yesterday the minister met Merkel in Berlin.", "en")
	if k := tok(t, a, "Yesterday"); k.Has(Name) || k.Key == "" {
		t.Errorf("Yesterday: %+v", k)
	}
	if k := tok(t, a, "Merkel"); !k.Has(Name) {
		t.Errorf("Merkel: %+v", k)
	}
	// Title case: capitals say nothing.
	a = Analyze("Did a California Newborn Become the First Child with an Emoji for a Name?", "en")
	if k := tok(t, a, "Newborn"); k.Has(Name) {
		t.Errorf("Newborn in a title: %+v", k)
	}
}

func TestTrailer(t *testing.T) {
	s := "The US drone attack on #Soleimani caught on camera.#IranUsapic.twitter.com/TvRkHvlgby — Olaudah Equiano® (@RealOlaudah) January 6, 2020"
	a := Analyze(s, "en")
	if want := time.Date(2020, 1, 6, 0, 0, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("Published = %v", a.Published)
	}
	if k := tok(t, a, "Olaudah"); !k.Has(Trailer) || !k.Content() {
		t.Errorf("author: %+v", k)
	}
	if k := tok(t, a, "January"); !k.Has(Trailer | Stop) {
		t.Errorf("date: %+v", k)
	}
	if k := tok(t, a, "pic.twitter.com/TvRkHvlgby"); k.Kind != URL {
		t.Errorf("glued picture link: %+v", k)
	}
	if k := tok(t, a, "Usa"); !k.Has(InTag) {
		t.Errorf("hashtag before the link: %+v", k)
	}
}

func TestElisionAndPossessive(t *testing.T) {
	if k := Analyze("l'homme", "fr").Tokens[0]; k.Norm != "homme" {
		t.Errorf("fr elision: %+v", k)
	}
	if k := Analyze("Trump’s wall", "en").Tokens[0]; k.Norm != "trump" {
		t.Errorf("possessive: %+v", k)
	}
	if k := Analyze("don’t", "en").Tokens[0]; !k.Has(Stop) {
		t.Errorf("don't: %+v", k)
	}
}

func FuzzAnalyze(f *testing.F) {
	f.Add("Ё-моё! «Зеленський» 1,000.50 https://x.org/a-b #Tag @h — A (@b) May 1, 2020", "en")
	f.Add("\xff\xfe 12,,3 #", "ru")
	f.Fuzz(func(t *testing.T, s, lang string) {
		for _, k := range Analyze(s, lang).Tokens {
			if k.Start < 0 || k.End > len(s) || k.Start >= k.End {
				t.Fatalf("bad span %+v in %q", k, s)
			}
		}
	})
}

func TestLongText(t *testing.T) {
	s := strings.Repeat("é", maxAnalyzed) // twice the byte limit, cut inside a rune
	a := Analyze(s, "fr")
	if len(a.Tokens) != 1 || a.Tokens[0].End > maxAnalyzed {
		t.Errorf("tokens %d, end %d", len(a.Tokens), a.Tokens[0].End)
	}
}
