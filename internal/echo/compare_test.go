package echo

import (
	"strings"
	"testing"
)

// fakeLexicon is a tiny bilingual dictionary: lang → word → English.
var fakeLexicon = map[string]map[string]string{
	"de": {"regierung": "government", "kündigte": "announced", "montag": "monday", "nächsten": "next", "monat": "month",
		"neue": "new", "panzer": "tank", "geliefert": "delivered", "sagte": "said", "verteidigungsminister": "defence minister"},
	"fr": {"gouvernement": "government", "annoncé": "announced", "lundi": "monday", "nouveaux": "new", "chars": "tanks",
		"livrés": "delivered", "mois": "month", "prochain": "next", "ministre": "minister", "défense": "defence", "déclaré": "said"},
	"ru": {"правительство": "government", "объявило": "announced", "понедельник": "monday", "новых": "new", "танков": "tanks",
		"поставлены": "delivered", "следующем": "next", "месяце": "month", "заявил": "said", "министр": "minister", "обороны": "defence"},
	"uk": {"уряд": "government", "оголосив": "announced", "понеділок": "monday", "нових": "new", "танків": "tanks",
		"передадуть": "delivered", "наступного": "next", "місяця": "month", "заявив": "said", "міністр": "minister", "оборони": "defence"},
	"pl": {"rząd": "government", "ogłosił": "announced", "poniedziałek": "monday", "nowych": "new", "czołgów": "tanks",
		"dostarczonych": "delivered", "przyszłym": "next", "miesiącu": "month", "powiedział": "said", "minister": "minister", "obrony": "defence"},
}

func testLexicon() Lexicon {
	return Lexicon{
		Words: func(lang string) []string {
			var out []string
			for w := range fakeLexicon[lang] {
				out = append(out, w)
			}
			return out
		},
		ToEnglish: func(lang, word string) []string {
			if e, ok := fakeLexicon[lang][strings.ToLower(word)]; ok {
				return []string{e}
			}
			return nil
		},
	}
}

var tanks = map[string]string{
	"en": "The government announced on Monday that 40 new tanks will be delivered to Ukraine next month, the defence minister said in Berlin.",
	"de": "Die Regierung kündigte am Montag an, dass im nächsten Monat 40 neue Panzer an die Ukraine geliefert werden, sagte der Verteidigungsminister in Berlin.",
	"fr": "Le gouvernement a annoncé lundi que 40 nouveaux chars seront livrés à l'Ukraine le mois prochain, a déclaré le ministre de la Défense à Berlin.",
	"ru": "Правительство объявило в понедельник, что 40 новых танков будут поставлены Украине в следующем месяце, заявил министр обороны в Берлине.",
	"uk": "Уряд оголосив у понеділок, що 40 нових танків передадуть Україні наступного місяця, заявив міністр оборони в Берліні.",
	"pl": "Rząd ogłosił w poniedziałek, że 40 nowych czołgów zostanie dostarczonych Ukrainie w przyszłym miesiącu, powiedział minister obrony w Berlinie.",
}

func TestCompare(t *testing.T) {
	d, err := New(Options{Lexicon: testLexicon()})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		a, b   Doc
		want   Relation
		minSim float64
	}{
		{"en copy", Doc{Text: tanks["en"], Lang: "en"}, Doc{Text: "BREAKING ⚡ " + tanks["en"] + " https://t.co/x1 #Ukraine", Lang: "en"}, Copy, 0.8},
		{"ru copy", Doc{Text: tanks["ru"], Lang: "ru"}, Doc{Text: "‼️ " + tanks["ru"], Lang: "ru"}, Copy, 0.8},
		{"pl copy, detected language", Doc{Text: tanks["pl"]}, Doc{Text: tanks["pl"] + " 🇺🇦"}, Copy, 0.8},
		{"en rewording", Doc{Text: tanks["en"], Lang: "en"}, Doc{Text: "Next month Ukraine will receive 40 new tanks, the defence minister said in Berlin after the government announcement on Monday.", Lang: "en"}, Rewording, 0.5},
		{"fr rewording", Doc{Text: tanks["fr"], Lang: "fr"}, Doc{Text: "Berlin : 40 nouveaux chars pour l'Ukraine dès le mois prochain, promet lundi le ministre de la Défense, une annonce du gouvernement.", Lang: "fr"}, Rewording, 0.5},
		{"de → en", Doc{Text: tanks["de"], Lang: "de"}, Doc{Text: tanks["en"], Lang: "en"}, Translation, 0.4},
		{"en → fr", Doc{Text: tanks["en"], Lang: "en"}, Doc{Text: tanks["fr"], Lang: "fr"}, Translation, 0.4},
		{"ru → uk", Doc{Text: tanks["ru"], Lang: "ru"}, Doc{Text: tanks["uk"], Lang: "uk"}, Translation, 0.4},
		{"pl → de", Doc{Text: tanks["pl"], Lang: "pl"}, Doc{Text: tanks["de"], Lang: "de"}, Translation, 0.4},
		{"en unrelated", Doc{Text: tanks["en"], Lang: "en"}, Doc{Text: "Heavy rain is expected in Manchester tomorrow afternoon, with up to 30 mm of rainfall in places and strong winds.", Lang: "en"}, None, 0},
		{"ru unrelated", Doc{Text: tanks["ru"], Lang: "ru"}, Doc{Text: "Сливочное масло подорожало на 40% за год, отмечают продавцы в Туле, а тарифы ЖКХ вырастут с июля.", Lang: "ru"}, None, 0},
		{"de/en unrelated", Doc{Text: tanks["de"], Lang: "de"}, Doc{Text: "Heavy rain is expected in Manchester tomorrow afternoon, with up to 30 mm of rainfall in places and strong winds.", Lang: "en"}, None, 0},
		{"different numbers, copy", Doc{Text: tanks["en"], Lang: "en"}, Doc{Text: strings.ReplaceAll(tanks["en"], "40", "75"), Lang: "en"}, Copy, 0.8},
		{"different numbers, rewording", Doc{Text: tanks["en"], Lang: "en"}, Doc{Text: "Next month Ukraine will receive 75 new tanks, the defence minister said in Berlin after the government announcement on Monday.", Lang: "en"}, None, 0},
		{"same template, other city", Doc{Text: "Police in Valjevo are looking for witnesses of a traffic accident near the station on Friday night, a spokesman said.", Lang: "en"},
			Doc{Text: "Police in Pancevo are looking for witnesses of a traffic accident near the station on Friday night, a spokesman said.", Lang: "en"}, None, 0},
		{"same template, other city, ru", Doc{Text: "Полиция в Воронеже ищет свидетелей ДТП у вокзала в пятницу вечером, сообщил представитель ведомства.", Lang: "ru"},
			Doc{Text: "Полиция в Саратове ищет свидетелей ДТП у вокзала в пятницу вечером, сообщил представитель ведомства.", Lang: "ru"}, None, 0},
		{"cognates without lexicon", Doc{Text: "The president of the European commission presented the programme of the conference on climate and energy in Brussels.", Lang: "en"},
			Doc{Text: "La presidenta de la Comisión Europea presentó el programa de la conferencia sobre clima y energía en Bruselas.", Lang: "es"}, Translation, 0.37},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rel, sim := d.Compare(tc.a, tc.b)
			if rel != tc.want || sim < tc.minSim {
				t.Errorf("Compare = %v %.2f, want %v ≥ %.2f; %+v", rel, sim, tc.want, tc.minSim, d.Explain(tc.a, tc.b))
			}
		})
	}
}
