package lang

import (
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// required are the languages the issue asks for; each must be excellent.
var required = []string{"en", "ru", "uk", "be", "pl", "cs", "sk", "de", "fr", "es", "it", "pt",
	"ro", "bg", "sr", "hu", "lt", "lv", "et", "ar", "zh"}

// hbs are Croatian, Bosnian and Serbian: one language continuum whose standards differ mostly
// in a few words and in ekavian/ijekavian spelling, so short Latin-script texts are often
// ambiguous between them.
var hbs = []string{"hr", "bs", "sr"}

func TestSupported(t *testing.T) {
	got := Supported()
	for _, l := range append(slices.Clone(required), "nl", "sv", "hr", "bs", "mk", "ka", "hy", "tr",
		"ja", "ko", "el", "he", "fi", "da", "no") {
		if !slices.Contains(got, l) {
			t.Errorf("Supported() lacks %q", l)
		}
	}
	if !slices.IsSorted(got) {
		t.Errorf("Supported() not sorted: %v", got)
	}
}

// TestSentences checks the hand-written news and social media sentences of testdata/sentences.
func TestSentences(t *testing.T) {
	samples := loadSentences(t)
	rep := Evaluate(Default(), samples)
	t.Logf("hand-written sentences:\n%s", rep.Table())
	if acc := rep.Accuracy(); acc < 0.97 {
		t.Errorf("overall accuracy %.3f, want >= 0.97", acc)
	}
	for _, l := range required {
		if rep.PerLang[l].Total < 15 {
			t.Errorf("%s: %d sentences, want at least 15", l, rep.PerLang[l].Total)
		}
	}
	for l, st := range rep.PerLang {
		want := 0.9
		if l == "hr" || l == "bs" {
			// Some of these sentences are Bosnian or Croatian only by a word or two that the
			// detector does not know; see TestSentencesHBS.
			want = 0.8
		}
		if acc := st.Accuracy(); acc < want {
			t.Errorf("%s: accuracy %.3f (%d/%d), want >= %.2f; confused with %v", l, acc, st.Correct, st.Total, want, rep.Confusion[l])
		}
	}
}

// TestSentencesHBS checks that Croatian, Bosnian and Serbian are not mistaken for other
// languages, and that Serbian in Cyrillic script is always recognised.
func TestSentencesHBS(t *testing.T) {
	d := Default()
	group, ok := 0, 0
	for _, s := range loadSentences(t) {
		if !slices.Contains(hbs, s.Lang) {
			continue
		}
		got, _ := d.Detect(s.Text)
		group++
		if slices.Contains(hbs, got) {
			ok++
		} else {
			t.Errorf("%s sentence detected as %q: %s", s.Lang, got, s.Text)
		}
		if s.Lang == "sr" && scriptOfText(s.Text) == scriptCyrillic && got != "sr" {
			t.Errorf("Serbian Cyrillic detected as %q: %s", got, s.Text)
		}
	}
	t.Logf("hr/bs/sr as a group: %d/%d", ok, group)
}

func scriptOfText(s string) script {
	for _, r := range s {
		if sc := scriptOf(r); sc != scriptNone {
			return sc
		}
	}
	return scriptNone
}

// TestFragments cuts the sentences into runs of 2 and 4 words: much shorter and harder than
// posts. It guards against regressions of short-text accuracy.
func TestFragments(t *testing.T) {
	d := Default()
	samples := loadSentences(t)
	for _, tc := range []struct {
		words int
		want  float64 // overall accuracy floor, a little below the measured value
	}{
		{2, 0.84},
		{4, 0.93},
	} {
		rep := Evaluate(d, fragments(samples, tc.words))
		t.Logf("%d-word fragments:\n%s", tc.words, rep.Table())
		if acc := rep.Accuracy(); acc < tc.want {
			t.Errorf("%d-word fragments: accuracy %.3f, want >= %.2f", tc.words, acc, tc.want)
		}
	}
}

func TestDetect(t *testing.T) {
	d := Default()
	long := strings.Repeat("Die Bundesregierung hat heute neue Sanktionen gegen Russland beschlossen. ", 30) +
		strings.Repeat("Le gouvernement a annoncé de nouvelles sanctions contre la Russie. ", 200)
	for _, tc := range []struct {
		name, text, want string
	}{
		{"empty", "", ""},
		{"blank", " \n\t ", ""},
		{"numbers and punctuation", "12:30 — 45,6 % !!! 2024", ""},
		{"too few letters", "ok 👍", ""},
		{"URL only", "https://example.com/ukraine/war-news?id=123", ""},
		{"mention, hashtag, URL", "@user #tag https://t.co/xyz", ""},
		{"e-mail only", "press@mfa.gov.ua", ""},
		{"unsupported script", "भारत में चुनाव के नतीजे घोषित", ""},
		{"uk with URL and mention", "@zelenskyy https://t.co/abc Україна переможе, слава ЗСУ!", "uk"},
		{"ru hashtags only", "#Россия #новости #выборы #санкции", "ru"},
		{"ru beats its hashtags", "Нет новостей о заложниках в Ливии, сообщает агентство #Libya #AP #NRI", "ru"},
		{"uk unique letters", "Її з'їздили до Євпаторії ґанком.", "uk"},
		{"be unique letters", "Ўсё будзе добра, хлопцы.", "be"},
		{"ru hard sign", "Объявлены итоги съезда партии.", "ru"},
		{"bg", "Държавата ще поеме разходите за ремонта на пътищата.", "bg"},
		{"sr cyrillic", "Влада Србије је усвојила нови закон о медијима.", "sr"},
		{"mk", "Владата на Македонија донесе нов закон за медиумите.", "mk"},
		{"pl", "Rząd przyjął ustawę o mediach publicznych.", "pl"},
		{"cs", "Vláda schválila nový zákon o veřejnoprávních médiích.", "cs"},
		{"sk", "Vláda schválila nový zákon o verejnoprávnych médiách.", "sk"},
		{"ro comma letters", "Guvernul a adoptat o lege privind mass-media publică și țara a reacționat.", "ro"},
		{"ro cedilla letters", "Guvernul a adoptat o lege privind mass-media publică şi ţara a reacţionat.", "ro"},
		{"de NFD", norm.NFD.String("Die Regierung hat das Gesetz über öffentliche Medien verabschiedet."), "de"},
		{"fr NFD", norm.NFD.String("Le gouvernement a adopté une loi sur les médias publics."), "fr"},
		{"ar", "أقرت الحكومة قانونا جديدا بشأن وسائل الإعلام العامة.", "ar"},
		{"fa", "دولت قانون جدیدی درباره رسانه‌های عمومی تصویب کرد.", "fa"},
		{"zh", "政府通过了一项关于公共媒体的新法律。", "zh"},
		{"ja", "政府は公共メディアに関する新しい法律を可決した。", "ja"},
		{"ko", "정부는 공공 미디어에 관한 새 법을 통과시켰다.", "ko"},
		{"el", "Η κυβέρνηση ψήφισε νέο νόμο για τα δημόσια μέσα ενημέρωσης.", "el"},
		{"he", "הממשלה העבירה חוק חדש על התקשורת הציבורית.", "he"},
		{"ka", "მთავრობამ საზოგადოებრივი მედიის შესახებ ახალი კანონი მიიღო.", "ka"},
		{"hy", "Կառավարությունը ընդունել է հանրային լրատվամիջոցների մասին նոր օրենք։", "hy"},
		{"mostly Cyrillic with Latin names", "NATO и EU обсуждают помощь Украине, заявил Reuters.", "ru"},
		{"only the first 2 KB are read", long, "de"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, conf := d.Detect(tc.text)
			if got != tc.want {
				t.Errorf("Detect(%.60q) = %q (%.2f), want %q; scores %v", tc.text, got, conf, tc.want, top(d.Scores(tc.text), 3))
			}
			switch {
			case got == "" && conf != 0:
				t.Errorf("confidence %v for undetermined text", conf)
			case got != "" && (conf <= 0 || conf > 1):
				t.Errorf("confidence %v out of (0, 1]", conf)
			}
		})
	}
}

func top(s []Score, n int) []Score {
	return s[:min(n, len(s))]
}

func TestScores(t *testing.T) {
	d := Default()
	for _, text := range []string{
		"Wybory prezydenckie odbędą się w maju.",
		"Выборы президента пройдут в мае.",
		"The election will be held in May.",
		"选举将于五月举行。",
		"kto",
		"",
	} {
		scores := d.Scores(text)
		code, conf := d.Detect(text)
		if code == "" {
			if len(scores) != 0 {
				t.Errorf("Scores(%q) = %v, want none", text, scores)
			}
			continue
		}
		if len(scores) == 0 || scores[0].Lang != code || math.Abs(scores[0].Score-conf) > 1e-9 {
			t.Errorf("Scores(%q)[0] = %v, Detect = %q %.3f", text, top(scores, 1), code, conf)
		}
		sum := 0.0
		for i, s := range scores {
			sum += s.Score
			if i > 0 && s.Score > scores[i-1].Score {
				t.Errorf("Scores(%q) not sorted: %v", text, scores)
			}
		}
		if math.Abs(sum-1) > 1e-6 {
			t.Errorf("Scores(%q) sum to %v, want 1", text, sum)
		}
	}
}

// TestConfidence checks that confidence means something: long clear texts are near certain,
// two-word fragments are not.
func TestConfidence(t *testing.T) {
	d := Default()
	if _, c := d.Detect("Міністр оборони заявив, що армія отримає нові системи протиповітряної оборони до кінця року."); c < 0.99 {
		t.Errorf("confidence %.3f for a clear Ukrainian sentence, want >= 0.99", c)
	}
	if _, c := d.Detect("на дорогах"); c > 0.95 {
		t.Errorf("confidence %.3f for an ambiguous two-word fragment, want <= 0.95", c)
	}
}

func TestConcurrent(t *testing.T) {
	d := Default()
	samples := loadSentences(t)
	want := make([]string, len(samples))
	for i, s := range samples {
		want[i], _ = d.Detect(s.Text)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < len(samples); i += 2 {
				if got, _ := Default().Detect(samples[i].Text); got != want[i] {
					t.Errorf("concurrent Detect(%q) = %q, want %q", samples[i].Text, got, want[i])
				}
			}
		})
	}
	wg.Wait()
}

func TestDetectAllocs(t *testing.T) {
	d := Default()
	for _, text := range []string{
		"Центральна виборча комісія повідомила, що явка на виборах перевищила шістдесят відсотків.",
		"選挙管理委員会によると、投票率は六十パーセントを超えた。",
		"#Россия #новости",
	} {
		if n := testing.AllocsPerRun(100, func() { d.Detect(text) }); n != 0 {
			t.Errorf("Detect(%q) allocates %v times, want 0", text, n)
		}
	}
}

// FuzzDetect checks that any input, valid UTF-8 or not, gives a supported code or "" and a
// confidence in range, and that Scores agrees.
func FuzzDetect(f *testing.F) {
	for _, s := range []string{"", "Київ", "\xc3", "a\xd0 b", "\xf0\x9f\x98", "#@://", "ـًٌٍَُِّْ", "é\u0301\u0301"} {
		f.Add(s)
	}
	d := Default()
	supported := Supported()
	f.Fuzz(func(t *testing.T, s string) {
		code, conf := d.Detect(s)
		if code != "" && !slices.Contains(supported, code) || conf < 0 || conf > 1 || code == "" && conf != 0 {
			t.Fatalf("Detect(%q) = %q, %v", s, code, conf)
		}
		if sc := d.Scores(s); code != "" && (len(sc) == 0 || sc[0].Lang != code) {
			t.Fatalf("Scores(%q) = %v, Detect = %q", s, sc, code)
		}
	})
}

func TestLoadModelErrors(t *testing.T) {
	if _, err := loadModel(modelData, defaultParams); err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	for name, data := range map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("FLNG\x01 hello"),
		"truncated": modelData[:len(modelData)/2],
	} {
		if _, err := loadModel(data, defaultParams); err == nil {
			t.Errorf("%s: loadModel succeeded, want an error", name)
		}
	}
}

func TestEvaluateTable(t *testing.T) {
	rep := Evaluate(Default(), []Sample{
		{"uk", "Київ знову атакували безпілотники вночі."},
		{"uk", "Росія"},
		{"en", "The weather will be fine tomorrow in London."},
		{"de", "12345"},
	})
	if rep.Total != 4 || rep.PerLang["uk"].Total != 2 || rep.PerLang["en"].Correct != 1 {
		t.Errorf("report = %+v", rep)
	}
	if rep.Confusion["de"][""] != 1 {
		t.Errorf("confusion = %v, want de→\"\" once", rep.Confusion)
	}
	table := rep.Table()
	for _, want := range []string{"lang", "uk", "de", "?:1", "all"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}
