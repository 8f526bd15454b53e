package stem

import (
	"strings"
	"testing"
)

// families lists inflection families per language: the words of one family must share a
// stem, and the first words of different families of a language must not.
var families = []struct {
	lang     string
	families [][]string
}{
	{"en", [][]string{
		{"weapon", "weapons"},
		{"election", "elections"},
		{"attack", "attacks", "attacked", "attacking"},
		{"vaccine", "vaccines"},
	}},
	{"ru", [][]string{
		{"оружие", "оружия", "оружием", "оружии"},
		{"война", "войны", "войну", "войной", "войне"},
		{"украина", "украины", "украину", "украиной", "украине"},
		{"нацист", "нацисты", "нацистов", "нацистами"},
		{"биолаборатория", "биолаборатории", "биолабораторий", "биолабораториях"},
		{"зелёный", "зеленый", "зеленого"},
		{"правительство", "правительства", "правительством"},
	}},
	{"uk", [][]string{
		{"зброя", "зброї", "зброєю", "зброю"},
		{"війна", "війни", "війною", "війні", "війну"},
		{"україна", "україни", "україною", "україні", "україну"},
		{"росія", "росії", "росією", "росію"},
		{"новий", "нова", "нове", "нового", "новому", "новим", "нових", "новими", "нову"},
		{"зробив", "зробила", "зробили", "зробити", "зробить"},
		{"учитель", "учителя", "учителем", "учителі"},
		{"уряд", "уряду", "урядом", "уряді"},
		{"президент", "президента", "президентом", "президентові"},
	}},
	{"be", [][]string{
		{"зброя", "зброі", "зброяй", "зброю"},
		{"вайна", "вайны", "вайной", "вайну"},
		{"беларусь", "беларусі"},
		{"урад", "урада", "урадам"},
	}},
	{"pl", [][]string{
		{"broń", "broni", "bronią"},
		{"wojna", "wojny", "wojnie", "wojnę", "wojną"},
		{"ukraina", "ukrainy", "ukrainie", "ukrainę", "ukrainą"},
		{"rosja", "rosji", "rosję", "rosją"},
		{"wolność", "wolności", "wolnością"},
		{"nowy", "nowa", "nowe", "nowego", "nowej", "nowych", "nowym", "nowymi"},
		{"szczepionka", "szczepionki", "szczepionkę", "szczepionką"},
		{"rząd", "rządu", "rządem", "rządzie", "rzad"},
		{"prezydent", "prezydenta", "prezydentem", "prezydencie"},
	}},
	{"cs", [][]string{
		{"zbraň", "zbraně", "zbraní", "zbraněmi", "zbran"},
		{"válka", "války", "válce", "válku", "válkou"},
		{"ruský", "ruská", "ruské", "ruského", "ruskou", "ruští"},
		{"ukrajina", "ukrajiny", "ukrajině", "ukrajinu", "ukrajinou"},
		{"vakcína", "vakcíny", "vakcínu", "vakcínou"},
		{"vláda", "vlády", "vládě", "vládou"},
		{"prezident", "prezidenta", "prezidentem", "prezidentovi"},
	}},
	{"sk", [][]string{
		{"zbraň", "zbrane", "zbrani", "zbraňou", "zbraní"},
		{"vojna", "vojny", "vojne", "vojnu", "vojnou"},
		{"ruský", "ruská", "ruské", "ruského", "ruskou"},
		{"vláda", "vlády", "vláde", "vládou"},
	}},
	{"de", [][]string{
		{"waffe", "waffen"},
		{"krieg", "krieges", "kriege", "kriegen"},
		{"regierung", "regierungen"},
		{"impfstoff", "impfstoffe", "impfstoffen"},
	}},
	{"fr", [][]string{
		{"arme", "armes"},
		{"guerre", "guerres"},
		{"gouvernement", "gouvernements"},
	}},
	{"es", [][]string{
		{"arma", "armas"},
		{"guerra", "guerras"},
		{"gobierno", "gobierna"},
		{"vacuna", "vacunas"},
	}},
	{"it", [][]string{{"armi", "arma"}, {"guerra", "guerre"}, {"governo", "governi"}}},
	{"pt", [][]string{{"arma", "armas"}, {"guerra", "guerras"}}},
	{"nl", [][]string{{"regering", "regeringen"}, {"oorlog", "oorlogen"}}},
	{"sv", [][]string{{"regering", "regeringen", "regeringar"}, {"kriget", "krigets"}}},
	{"ro", [][]string{{"guvern", "guvernul", "guvernului", "guverne"}}},
	{"hu", [][]string{{"fegyver", "fegyverek", "fegyvert", "fegyverrel"}, {"háború", "háborúban", "háborút"}}},
	{"fi", [][]string{{"ase", "aseet", "aseita"}, {"sota", "sotaa"}}},
	{"da", [][]string{{"regering", "regeringen", "regeringer"}, {"krig", "krigen"}}},
	{"no", [][]string{{"regjering", "regjeringen", "regjeringer"}, {"krig", "krigen"}}},
	{"tr", [][]string{{"silah", "silahlar", "silahları"}, {"savaş", "savaşı", "savaşta"}}},
	{"ar", [][]string{{"سلاح", "السلاح"}, {"حرب", "الحرب"}}},
	{"hr", [][]string{
		{"oružje", "oružja", "oružjem", "oružju", "oruzje"},
		{"rat", "rata", "ratom", "ratu"},
		{"rusija", "rusije", "rusiji", "rusiju", "rusijom"},
		{"žena", "žene", "ženi", "ženu", "ženom", "ženama"},
		{"vlada", "vlade", "vladi", "vladu", "vladom"},
		{"predsjednik", "predsjednika", "predsjedniku"},
	}},
	{"sr", [][]string{
		{"оружје", "оружја", "оружјем", "oružje", "oruzja"},
		{"рат", "рата", "ратом", "rat"},
	}},
	{"bg", [][]string{
		{"оръжие", "оръжието", "оръжия"},
		{"война", "войната", "войни"},
		{"град", "градът", "града", "градове"},
		{"правителство", "правителството", "правителства"},
		{"президент", "президентът", "президента"},
		{"смърт", "смъртта"},
		{"работа", "работата"},
	}},
}

func TestFamilies(t *testing.T) {
	for _, l := range families {
		t.Run(l.lang, func(t *testing.T) {
			if !Supported(l.lang) {
				t.Fatalf("Supported(%q) = false", l.lang)
			}
			heads := map[string]string{}
			for _, fam := range l.families {
				want := Stem(l.lang, fam[0])
				for _, w := range fam[1:] {
					if got := Stem(l.lang, w); got != want {
						t.Errorf("Stem(%q) = %q, Stem(%q) = %q: want equal", fam[0], want, w, got)
					}
				}
				if other, ok := heads[want]; ok {
					t.Errorf("%q and %q both stem to %q", other, fam[0], want)
				}
				heads[want] = fam[0]
			}
		})
	}
}

func TestStemExamples(t *testing.T) {
	tests := []struct{ lang, word, want string }{
		{"ru", "оружием", "оруж"},
		{"uk", "зброєю", "збро"},
		{"cs", "zbraní", "zbran"},
		{"pl", "broni", "bron"},
		{"de", "waffen", "waff"},
		{"en", "running", "run"},
		{"xx", "word", "word"},
		{"", "слово", "слово"},
		{"en", "", ""},
		{"uk", "я", "я"},
		{"bg", "ад", "ад"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.word, func(t *testing.T) {
			if got := Stem(tt.lang, tt.word); got != tt.want {
				t.Errorf("Stem(%q, %q) = %q, want %q", tt.lang, tt.word, got, tt.want)
			}
		})
	}
}

// TestStemNeverGrows checks that no stemmer returns something longer than a word, or an
// empty stem for a non-empty word, on a mix of real and odd input.
func TestStemNeverGrows(t *testing.T) {
	words := []string{"a", "ab", "abc", "я", "ья", "ся", "ся ся", "123", "e-mail", "ąę", "ъъъъъ",
		"оооооо", "\xff\xfe", "x\u0301", "nato", "путин", "путина", "đđđđ"}
	for _, lang := range []string{"en", "ru", "uk", "be", "pl", "cs", "sk", "de", "fr", "es",
		"it", "pt", "nl", "sv", "da", "no", "fi", "hu", "ro", "tr", "ar", "hr", "sr", "bg"} {
		for _, w := range words {
			got := Stem(lang, w)
			if got == "" {
				t.Errorf("Stem(%q, %q) is empty", lang, w)
			}
			if len(got) > len(w)+len(w)/2 && !strings.ContainsAny(w, "đ") {
				t.Errorf("Stem(%q, %q) = %q grew", lang, w, got)
			}
		}
	}
}

func TestSupported(t *testing.T) {
	for _, lang := range []string{"en", "ru", "uk", "pl", "cs", "de", "fr", "es", "it", "pt",
		"nl", "sv", "ro", "hu", "fi", "da", "no", "tr", "bg", "sr", "hr", "sk", "be"} {
		if !Supported(lang) {
			t.Errorf("Supported(%q) = false", lang)
		}
	}
	for _, lang := range []string{"", "xx", "EN", "zh", "ja"} {
		if Supported(lang) {
			t.Errorf("Supported(%q) = true", lang)
		}
	}
}

func TestStopWord(t *testing.T) {
	tests := []struct {
		lang, word string
		want       bool
	}{
		{"en", "the", true}, {"en", "weapon", false},
		{"ru", "что", true}, {"ru", "оружие", false},
		{"uk", "що", true}, {"uk", "зброя", false},
		{"pl", "się", true}, {"pl", "broń", false},
		{"cs", "který", true}, {"cs", "zbraň", false},
		{"de", "und", true}, {"de", "waffe", false},
		{"fr", "les", true}, {"fr", "arme", false},
		{"es", "los", true}, {"es", "arma", false},
		{"sr", "што", true}, {"sr", "što", true}, {"bs", "što", true},
		{"xx", "the", false}, {"en", "", false},
	}
	for _, tt := range tests {
		if got := StopWord(tt.lang, tt.word); got != tt.want {
			t.Errorf("StopWord(%q, %q) = %v, want %v", tt.lang, tt.word, got, tt.want)
		}
	}
	for _, lang := range []string{"en", "ru", "uk", "pl", "cs", "de", "fr", "es"} {
		if n := len(stopSet(lang)); n < 100 || n > 260 {
			t.Errorf("%s has %d stop words, want 100–260", lang, n)
		}
	}
}
