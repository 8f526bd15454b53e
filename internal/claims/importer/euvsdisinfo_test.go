package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fimi/internal/testutil"
)

func TestCknabsShared(t *testing.T) {
	dir := testutil.Dataset(t, "euvsdisinfo_cknabs")
	posts := filepath.Join(dir, "posts.csv")
	d := decodeFile(t, "auto", posts, Options{})
	if d.format != "euvsdisinfo" || len(d.good) != 10892 || len(d.bad) != 0 {
		t.Fatalf("format %s: %d claims, %d rejects; want 10,892 cases, no rejects", d.format, len(d.good), len(d.bad))
	}
	ids := d.byID(t)
	related, multi := 0, 0
	for _, r := range d.good {
		c := r.Claim
		if c.ID != strings.TrimSpace(c.ID) || !strings.HasPrefix(c.ID, "https://euvsdisinfo.eu/report/") || c.Verdict != VerdictDisinformation ||
			c.Publisher != "EUvsDisinfo" || c.Source != SourceEUvsDisinfo || c.Published.IsZero() || c.Text != c.Title {
			t.Fatalf("line %d: %+v", r.Line, c)
		}
		if len(c.Related) > 0 {
			related++
		}
		if len(c.Related) > 1 {
			multi++
		}
	}
	// publications_2020-09-17.csv beside posts.csv lists 9,441 cases; 9,303 of them are in
	// posts.csv (the others were renamed or removed before the 2021 scrape).
	if related != 9303 || multi != 1206 {
		t.Errorf("%d claims with publications (%d with several), want 9303 (1206)", related, multi)
	}
	c := ids["https://euvsdisinfo.eu/report/german-special-services-helped-navalny/"].Claim
	if c.Text != "German special services helped Navalny" || strings.Join(c.Countries, "|") != "Russia|Germany" ||
		strings.Join(c.Keywords, "|") != "Alexei Navalny|Vladimir Putin" || strings.Join(c.Languages, ",") != "ru" ||
		strings.Join(c.Tags, "|") != "outlet:TASS - Russian" || !c.Published.Equal(time.Date(2021, 2, 18, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first case: %+v", c)
	}
	if d.good[0].Line != 2 {
		t.Errorf("first case at line %d", d.good[0].Line)
	}

	// Without the companion search the publications are not joined; given explicitly they are.
	alone := decodeFile(t, "euvsdisinfo", posts, Options{NoCompanionSearch: true})
	given := decodeFile(t, "euvsdisinfo", posts, Options{NoCompanionSearch: true, Companions: []string{filepath.Join(dir, "publications_2020-09-17.csv"), posts}})
	countRelated := func(d decoded) (n int) {
		for _, r := range d.good {
			if len(r.Claim.Related) > 0 {
				n++
			}
		}
		return n
	}
	if n := countRelated(alone); n != 0 {
		t.Errorf("NoCompanionSearch: %d claims with publications", n)
	}
	if n := countRelated(given); n != 9303 {
		t.Errorf("Companions: %d claims with publications, want 9303", n)
	}
}

func TestCknabsFixture(t *testing.T) {
	path := testdata("euvsdisinfo", "cknabs", "posts.csv")
	d := decodeFile(t, "auto", path, Options{})
	ids := d.byID(t)
	if len(d.good) != 5 {
		t.Errorf("%d claims, want 5", len(d.good))
	}
	a := ids["https://euvsdisinfo.eu/report/a/"].Claim
	if strings.Join(a.Languages, ",") != "ru,es" || strings.Join(a.Tags, "|") != "outlet:TASS - Russian|outlet:RT" {
		t.Errorf("a: languages %q tags %q", a.Languages, a.Tags)
	}
	// Publication URLs canonical, the one that is not a URL dropped, archive URLs kept in Raw.
	if strings.Join(a.Related, " ") != "https://tass.ru/politika/1 https://www.rt.com/news/2/" {
		t.Errorf("a: related %q", a.Related)
	}
	if a.Summary != "Outlets claimed A." || a.Disproof != "A is false, see the report." {
		t.Errorf("a: annotations not joined: %q / %q", a.Summary, a.Disproof)
	}
	if !strings.Contains(string(a.Raw), `"archive":"http://archive.example/1"`) || !strings.Contains(string(a.Raw), `"summary_links":""`) {
		t.Errorf("a: raw %s", a.Raw)
	}
	f := ids["https://euvsdisinfo.eu/report/f/"]
	if f.Claim.Text != "Claim F\nspans two lines" || f.Line != 7 || strings.Join(f.Claim.Related, " ") != "https://example.ua/f" {
		t.Errorf("f: line %d %+v", f.Line, f.Claim)
	}
	if g := ids["https://euvsdisinfo.eu/report/g/"].Claim; len(g.Languages) != 0 || !strings.Contains(string(g.Raw), `"languages":"Moldova"`) {
		t.Errorf("g: a country as language should be dropped (kept in Raw): %q", g.Languages)
	}
	if _, ok := ids["https://euvsdisinfo.eu/report/i/"]; !ok {
		t.Error("the record after a malformed one is lost")
	}
	checkRejects(t, d.bad, []wantReject{
		{4, "has 6 fields, header has 7", ""},
		{5, `"2021-02-xx": unrecognised date`, "date"},
		{6, "no claim text", "title"},
		{10, `malformed record at line 10, column 52: extraneous or missing " in quoted-field`, ""},
	})
	if string(d.bad[0].Verbatim) != "2021-02-16,https://euvsdisinfo.eu/report/c/,Claim C,EU,,English" {
		t.Errorf("verbatim %q", d.bad[0].Verbatim)
	}
}

func TestCknabsInvalidUTF8(t *testing.T) {
	in := "date,id,title,countries,keywords,languages,outlets\n" +
		"2021-02-18,https://euvsdisinfo.eu/report/a/,Claim \xff A,,,,\n" +
		"2021-02-18,https://euvsdisinfo.eu/report/b/,Claim B,,,,\n"
	d := decodeString(t, "auto", "posts.csv", in, Options{NoCompanionSearch: true})
	if len(d.good) != 1 {
		t.Errorf("%d claims", len(d.good))
	}
	checkRejects(t, d.bad, []wantReject{{2, "invalid UTF-8", "title"}})
	if !strings.Contains(string(d.bad[0].Verbatim), "\xff") {
		t.Errorf("verbatim %q", d.bad[0].Verbatim)
	}
}

func TestKalkunShared(t *testing.T) {
	dir := testutil.Dataset(t, "euvsdisinfo_kalkun_2015_2017")
	d := decodeFile(t, "auto", filepath.Join(dir, "full_dataset.csv"), Options{})
	// 3,071 rows: 299 exact repeats, 2,628 distinct titles, 2,620 after folding case,
	// punctuation and spacing: one claim per case title.
	if d.format != "euvsdisinfo" || len(d.good) != 2620 || len(d.bad) != 0 {
		t.Fatalf("format %s: %d claims, %d rejects; want 2620, 0", d.format, len(d.good), len(d.bad))
	}
	ids := d.byID(t)
	rows, merged, related := 0, 0, 0
	for _, r := range d.good {
		n := strings.Count(string(r.Claim.Raw), `{"issue":`)
		rows += n
		if n > 1 {
			merged++
		}
		related += len(r.Claim.Related)
		if !strings.HasPrefix(r.Claim.ID, "claim:") || r.Claim.Published.IsZero() || r.Claim.Summary == "" && r.Claim.Disproof == "" {
			t.Fatalf("line %d: %+v", r.Line, r.Claim)
		}
	}
	if rows != 3071 || merged != 401 {
		t.Errorf("Raw holds %d rows (want 3071), %d claims merge several rows (want 401)", rows, merged)
	}
	var deir Record
	for _, r := range d.good {
		if r.Claim.Text == "U.S evacuated ISIS leaders and field commanders from the Syrian city of Deir Ezzor" {
			deir = r
		}
	}
	c := deir.Claim
	if strings.Join(c.Related, " ") != "https://sputniknews.com/middleeast/201709071057182244-daesh-deir-ez-zor-us-evacuation/ https://ria.ru/syria/20170907/1502010574.html" ||
		strings.Join(c.Languages, ",") != "en,ru" || strings.Join(c.Tags, "|") != "outlet:Sputnik|outlet:ria.ru" {
		t.Errorf("Deir Ezzor case: related %q languages %q tags %q", c.Related, c.Languages, c.Tags)
	}
	if _, ok := ids[HashID(SourceEUvsDisinfo, "u s evacuated isis leaders and field commanders from the syrian city of deir ezzor")]; !ok {
		t.Errorf("id of the Deir Ezzor case is %q, not the hash of its folded title", c.ID)
	}
	for _, r := range d.good[:50] {
		if strings.Contains(r.Claim.Disproof, "\r") {
			t.Errorf("line %d: CR left in a multi-line field", r.Line)
		}
	}
}

const kalkunHead = "\"issue\";\"date\";\"outlet\";\"language\";\"origin\";\"reported by\";\"keywords\";\"source\";\"title\";\"summary\";\"disproof\"\r\n"

func TestKalkunFixture(t *testing.T) {
	in := kalkunHead +
		"\"82\";\"03.10.2017\";\"TV Zvezda\";\"Russian\";\"Ukraine\";\"NGO\";\"TV Zvezda, Military\";\"https://tvzvezda.ru/a\";\"Explosions were staged\";\"Summary one.\";\"Disproof\r\nover two lines.\"\r\n" +
		"\"82\";\"02.10.2017\";\"Sputnik CZ\";\"Czech\";\"Ukraine, US\";\"NGO\";\"Military\";\"https://sputnik.cz/b\";\"Explosions were staged.\";\"Summary one.\";\"Another disproof.\"\r\n" +
		"\"82\";\"31.09.2017\";\"X\";\"Russian\";\"\";\"\";\"\";\"https://x.ru/c\";\"Bad date\";\"\";\"\"\r\n" +
		"\"82\";\"01.10.2017\";\"X\";\"Russian\"\r\n" +
		"\"82\";\"01.10.2017\";\"X\";\"Moldova\";\"\";\"\";\"\";\"https://x.md/d\";\"Fine \xff title\";\"\";\"\"\r\n" +
		"\"81\";\"30.09.2017\";\"Y\";\"English\";\"\";\"\";\"\";\"not a url\";\"Another claim\";\"S\";\"D\"\r\n" +
		"\"81\";\"30.09.2017\";\"Y\";\"English\";\"\";\"\";\"\";\"https://y.com/e\";\"\";\"S\";\"D\"\r\n"
	d := decodeString(t, "euvsdisinfo", "full_dataset.csv", in, Options{})
	if len(d.good) != 2 {
		t.Fatalf("%d claims, want 2", len(d.good))
	}
	c := d.good[0].Claim
	if d.good[0].Line != 2 || c.Title != "Explosions were staged." || c.Summary != "Summary one." ||
		c.Disproof != "Another disproof.\n\nDisproof\nover two lines." || !c.Published.Equal(time.Date(2017, 10, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("merged case (earliest row first): line %d %+v", d.good[0].Line, c)
	}
	if strings.Join(c.Related, " ") != "https://sputnik.cz/b https://tvzvezda.ru/a" || strings.Join(c.Languages, ",") != "cs,ru" ||
		strings.Join(c.Countries, "|") != "Ukraine|US" || strings.Join(c.Keywords, "|") != "Military|TV Zvezda" {
		t.Errorf("merged case lists: %q %q %q %q", c.Related, c.Languages, c.Countries, c.Keywords)
	}
	if o := d.good[1]; o.Line != 8 || len(o.Claim.Related) != 0 {
		t.Errorf("a source that is not a URL is dropped: line %d related %q", o.Line, o.Claim.Related)
	}
	checkRejects(t, d.bad, []wantReject{
		{5, `"31.09.2017": unrecognised date`, "date"},
		{6, "has 4 fields, header has 11", ""},
		{7, "invalid UTF-8", "title"},
		{9, "no claim text", "title"},
	})
}

func TestAPIShared(t *testing.T) {
	dir := testutil.Dataset(t, "euvsdisinfo_api_2020")
	d := decodeFile(t, "auto", filepath.Join(dir, "claims.json"), Options{})
	// 7,228 elements, 214 of them exact repeats: 7,014 claims, of which 587 have an article
	// abstract (580 also a case title from the derived table); the other 6,427 have no text.
	if d.format != "euvsdisinfo" || len(d.good) != 587 || len(d.bad) != 6427 {
		t.Fatalf("format %s: %d claims, %d rejects; want 587, 6427", d.format, len(d.good), len(d.bad))
	}
	titled := 0
	for _, r := range d.good {
		if r.Claim.Title != "" {
			titled++
			if !strings.HasPrefix(r.Claim.URL, "https://euvsdisinfo.eu/report/") {
				t.Errorf("%s: url %q", r.Claim.ID, r.Claim.URL)
			}
		}
		if !strings.HasPrefix(r.Claim.ID, "/claims/") || r.Claim.Text == "" || len(r.Claim.Related) == 0 {
			t.Fatalf("%+v", r.Claim)
		}
	}
	if titled != 580 {
		t.Errorf("%d claims with a case title, want 580", titled)
	}
	for _, r := range d.bad {
		if !errors.Is(r.Err, ErrNoText) || r.Line != 1 {
			t.Fatalf("reject line %d: %v", r.Line, r.Err)
		}
	}
	c := d.byID(t)["/claims/36"].Claim
	if c.Title != "Ukraine does not want to buy gas from Russia because its politicians monopolise the gas market" ||
		!strings.HasPrefix(c.Text, "за словами о «неготовности»") || strings.Join(c.Languages, ",") != "ru" ||
		strings.Join(c.Keywords, "|") != "gas|Oligarchs|Trade" || strings.Join(c.Countries, "|") != "Russia|Ukraine" {
		t.Errorf("/claims/36: %+v", c)
	}
}

func TestAPIFixture(t *testing.T) {
	d := decodeFile(t, "auto", testdata("euvsdisinfo", "api", "claims.json"), Options{})
	ids := d.byID(t)
	if len(d.good) != 2 {
		t.Fatalf("%d claims, want 2", len(d.good))
	}
	c := ids["/claims/1"].Claim
	if c.Text != "Запад готовит провокацию.\nВторая строка." || c.Title != "The West prepares a provocation" ||
		c.URL != "https://euvsdisinfo.eu/report/the-west-prepares-a-provocation/" {
		t.Errorf("/claims/1 text: %+v", c)
	}
	if strings.Join(c.Related, " ") != "https://ria.example/a2 https://sputnik.example/a1" || strings.Join(c.Languages, ",") != "ru,et" ||
		strings.Join(c.Tags, "|") != "outlet:RIA Example|outlet:Sputnik Example" || strings.Join(c.Keywords, "|") != "Provocation|West" ||
		strings.Join(c.Countries, "|") != "Ukraine" || !c.Published.Equal(time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("/claims/1 joins: %+v", c)
	}
	if !strings.Contains(string(c.Raw), `"articles":[{"":"2","@id":"/news_articles/12"`) {
		t.Errorf("/claims/1 raw: %s", c.Raw)
	}
	if six := ids["/claims/6"].Claim; strings.Join(six.Languages, ",") != "be" || six.Title != "" {
		t.Errorf("/claims/6: %+v", six)
	}
	checkRejects(t, d.bad, []wantReject{
		{2, "element 2: no claim text", ""},
		{4, "element 4: field @id: \"/claims/1\": repeats element 1 with different content", "@id"},
		{5, `element 5: field datePublished: "31/12/2019": unrecognised date`, "datePublished"},
		{6, "element 6: field appearances: want []string, got JSON string", ""},
		{7, `element 7: want a JSON object, got "\"/claims/5\""`, ""},
		{9, "element 9: truncated JSON: the input ends inside the value that starts at line 9", ""},
	})
}

func TestAPIWithoutArticles(t *testing.T) {
	dir := copyFiles(t, testdata("euvsdisinfo", "api", "claims.json"))
	f, err := os.Open(filepath.Join(dir, "claims.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, _, err = Open("auto", f.Name(), f, Options{})
	if err == nil || !strings.Contains(err.Error(), "all_news_articles.csv must sit beside it") {
		t.Errorf("Open without all_news_articles.csv: %v", err)
	}
	// Given as a companion from elsewhere, it is used.
	d := decodeFile(t, "auto", filepath.Join(dir, "claims.json"), Options{Companions: []string{testdata("euvsdisinfo", "api", "all_news_articles.csv")}})
	if len(d.good) != 2 || d.good[0].Claim.Title != "" {
		t.Errorf("%d claims; without the derived table there is no title: %q", len(d.good), d.good[0].Claim.Title)
	}
}

func TestCompanionsAuto(t *testing.T) {
	for _, p := range []string{
		testdata("euvsdisinfo", "cknabs", "publications_2020-09-17.csv"),
		testdata("euvsdisinfo", "api", "all_news_articles.csv"),
		testdata("euvsdisinfo", "api", "all_languages.csv"),
		testdata("euvsdisinfo", "api", "derived_article_abstract_to_case.csv"),
	} {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		_, format, err := Open("auto", p, f, Options{})
		f.Close()
		if !errors.Is(err, ErrCompanion) || format != "euvsdisinfo" {
			t.Errorf("%s: format %q, %v; want euvsdisinfo, ErrCompanion", p, format, err)
		}
	}
}
