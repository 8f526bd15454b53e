package importer

import (
	"strings"
	"testing"
	"time"
)

func TestClaimReviewSingle(t *testing.T) {
	d := decodeFile(t, "auto", testdata("claimreview", "single.json"), Options{})
	if d.format != "claimreview" || len(d.good) != 1 || len(d.bad) != 0 {
		t.Fatalf("format %s, good %d, bad %d", d.format, len(d.good), len(d.bad))
	}
	r := d.good[0]
	c := r.Claim
	want := map[string]string{
		"ID":        "https://factcheck.example.org/2024/05/vaccine-chips/",
		"URL":       "https://factcheck.example.org/2024/05/vaccine-chips/",
		"Text":      "COVID-19 vaccines contain microchips to track people.",
		"Title":     "No, vaccines do not contain microchips",
		"Disproof":  "Vaccine ingredient lists are public; no microchip could pass through a needle.",
		"Rating":    "Pants on Fire!",
		"Verdict":   VerdictFalse,
		"Publisher": "Example Fact Check",
		"Source":    SourceClaimReview,
	}
	got := map[string]string{"ID": c.ID, "URL": c.URL, "Text": c.Text, "Title": c.Title, "Disproof": c.Disproof,
		"Rating": c.Rating, "Verdict": c.Verdict, "Publisher": c.Publisher, "Source": c.Source}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	if r.Line != 1 {
		t.Errorf("Line = %d", r.Line)
	}
	if !c.Published.Equal(time.Date(2024, 5, 3, 0, 0, 0, 0, time.UTC)) || !c.Appeared.Equal(time.Date(2024, 4, 28, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Published %v, Appeared %v", c.Published, c.Appeared)
	}
	wantRel := []string{"https://t.me/somechannel/123", "https://www.example.net/post/1", "https://t.me/somechannel/100"}
	if strings.Join(c.Related, " ") != strings.Join(wantRel, " ") {
		t.Errorf("Related = %q, want %q", c.Related, wantRel)
	}
	if strings.Join(c.Languages, ",") != "ru" {
		t.Errorf("Languages = %q (the appearances' languages come first)", c.Languages)
	}
	if strings.Join(c.Keywords, "|") != "vaccines|microchips|5G" {
		t.Errorf("Keywords = %q", c.Keywords)
	}
	if !strings.HasPrefix(string(c.Raw), "{\n  \"@context\"") {
		t.Errorf("Raw is not the object as read: %.40s", c.Raw)
	}
}

func TestClaimReviewArray(t *testing.T) {
	d := decodeFile(t, "claimreview", testdata("claimreview", "array.json"), Options{})
	ids := d.byID(t)
	a, b := ids["https://checker.example.com/a"], ids["https://checker.example.com/b"]
	if len(d.good) != 2 {
		t.Fatalf("%d claims, want 2", len(d.good))
	}
	// ratingValue 2 on a 1..7 scale, no label: the lowest fifth but one.
	if a.Claim.Verdict != VerdictFalse || a.Claim.Rating != "2/7" || a.Claim.Publisher != "Checker" || a.Line != 2 {
		t.Errorf("a: verdict %q rating %q publisher %q line %d", a.Claim.Verdict, a.Claim.Rating, a.Claim.Publisher, a.Line)
	}
	if !a.Claim.Published.Equal(time.Date(2023, 7, 20, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("a: Published %v (zone without colon)", a.Claim.Published)
	}
	if b.Claim.Verdict != VerdictFalse || b.Claim.Rating != "Falso" || b.Line != 6 {
		t.Errorf("b: verdict %q rating %q line %d", b.Claim.Verdict, b.Claim.Rating, b.Line)
	}
	checkRejects(t, d.bad, []wantReject{
		{10, "element 3: no ClaimReview in this value (@type NewsArticle)", ""},
		{11, `"yesterday-ish": unrecognised date`, "datePublished"},
		{14, "element 5: truncated JSON: the input ends inside the value that starts at line 14", ""},
	})
}

func TestClaimReviewGraph(t *testing.T) {
	d := decodeFile(t, "auto", testdata("claimreview", "graph.json"), Options{})
	if len(d.good) != 2 || len(d.bad) != 0 {
		t.Fatalf("good %d bad %d", len(d.good), len(d.bad))
	}
	first, second := d.good[0].Claim, d.good[1].Claim
	// Two reviews on one page with different claims: the second id is disambiguated by claim text.
	if first.ID != "https://verif.example.fr/article-1/" || !strings.HasPrefix(second.ID, "https://verif.example.fr/article-1/#claim-") {
		t.Errorf("ids %q, %q", first.ID, second.ID)
	}
	if first.URL != "https://verif.example.fr/article-1/" {
		t.Errorf("URL = %q", first.URL)
	}
	if first.Publisher != "Vérif'Example" {
		t.Errorf("Publisher = %q (author by @id, HTML entity)", first.Publisher)
	}
	if first.Verdict != VerdictFalse || second.Verdict != VerdictMisleading {
		t.Errorf("verdicts %q, %q", first.Verdict, second.Verdict)
	}
	if strings.Join(first.Related, " ") != "https://x.example.com/status/42" || !first.Appeared.Equal(time.Date(2022, 1, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("itemReviewed by @id not resolved: related %q appeared %v", first.Related, first.Appeared)
	}
	if strings.Join(first.Languages, ",") != "fr" || strings.Join(second.Languages, ",") != "" {
		t.Errorf("languages %q, %q", first.Languages, second.Languages)
	}
	if d.good[0].Line != 6 || d.good[1].Line != 14 {
		t.Errorf("lines %d, %d", d.good[0].Line, d.good[1].Line)
	}
	// Importing again gives the same ids.
	again := decodeFile(t, "auto", testdata("claimreview", "graph.json"), Options{})
	if again.good[0].Claim.ID != first.ID || again.good[1].Claim.ID != second.ID {
		t.Error("ids differ between imports")
	}
}

func TestClaimReviewHTML(t *testing.T) {
	d := decodeFile(t, "auto", testdata("claimreview", "page.html"), Options{})
	if d.format != "claimreview" {
		t.Fatalf("format %s", d.format)
	}
	ids := d.byID(t)
	if len(d.good) != 2 {
		t.Fatalf("%d claims, want 2: %v", len(d.good), ids)
	}
	water := ids["https://faktencheck.example.de/2024/trinkwasser/"] // relative url resolved on the canonical link
	if water.Claim.Text != "Das Trinkwasser in Berlin ist vergiftet." || water.Claim.Verdict != VerdictFalse || water.Line != 12 {
		t.Errorf("block 2: %+v line %d", water.Claim, water.Line)
	}
	if strings.Join(water.Claim.Related, " ") != "https://social.example/@anon/1" {
		t.Errorf("Related = %q", water.Claim.Related)
	}
	power := ids["https://faktencheck.example.de/2024/strom/"]
	if power.Claim.Rating != "Teilweise falsch" || power.Claim.Verdict != VerdictMixed || power.Line != 32 {
		t.Errorf("block 4 (comment-wrapped @graph with ';'): rating %q verdict %q line %d", power.Claim.Rating, power.Claim.Verdict, power.Line)
	}
	checkRejects(t, d.bad, []wantReject{{28, "JSON-LD block at line 28: malformed JSON at line 28: invalid character 'n' after object key:value pair", ""}})
	if !strings.Contains(string(d.bad[0].Verbatim), `"broken, "no": closing`) {
		t.Errorf("verbatim %q", d.bad[0].Verbatim)
	}
}

func TestClaimReviewHTMLWithout(t *testing.T) {
	d := decodeFile(t, "auto", testdata("claimreview", "nolds.html"), Options{})
	checkRejects(t, d.bad, []wantReject{{1, "no ClaimReview in this page (1 JSON-LD blocks, none with a ClaimReview)", ""}})
	d = decodeString(t, "claimreview", "empty.html", "<html><body>hi</body></html>", Options{})
	checkRejects(t, d.bad, []wantReject{{1, "no JSON-LD blocks", ""}})
}

func TestClaimReviewFactCheckAPI(t *testing.T) {
	d := decodeFile(t, "auto", testdata("claimreview", "factcheck_api.json"), Options{})
	if len(d.good) != 2 || len(d.bad) != 0 {
		t.Fatalf("good %d bad %d", len(d.good), len(d.bad))
	}
	ff, ma := d.good[0].Claim, d.good[1].Claim
	if ff.Text != "5G towers spread the coronavirus." || ff.Publisher != "Full Fact" || ff.Verdict != VerdictFalse || ff.Rating != "Incorrect" {
		t.Errorf("Full Fact review: %+v", ff)
	}
	if ma.ID != "https://maldita.es/malditobulo/5g-coronavirus/" || strings.Join(ma.Languages, ",") != "es" || !ma.Appeared.Equal(time.Date(2020, 3, 29, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Maldita review: %+v", ma)
	}
}

func TestClaimReviewDataFeed(t *testing.T) {
	d := decodeFile(t, "auto", testdata("claimreview", "datafeed.json"), Options{})
	if len(d.good) != 2 || len(d.bad) != 0 {
		t.Fatalf("good %d bad %d", len(d.good), len(d.bad))
	}
	if d.good[0].Claim.Verdict != VerdictMixed || d.good[1].Claim.Verdict != VerdictMostlyFalse || d.good[1].Line != 8 {
		t.Errorf("verdicts %q %q, line %d", d.good[0].Claim.Verdict, d.good[1].Claim.Verdict, d.good[1].Line)
	}
}

func TestClaimReviewMalformed(t *testing.T) {
	tests := []struct {
		name, in string
		good     int
		want     []wantReject
	}{
		{"invalid UTF-8", "{\"@type\":\"ClaimReview\",\"claimReviewed\":\"caf\xe9\",\"url\":\"https://a.example/\"}\n", 0,
			[]wantReject{{1, "value 1: invalid UTF-8 at byte 43", ""}}},
		{"no text", `{"@type":"ClaimReview","url":"https://a.example/","reviewRating":{"alternateName":"False"}}`, 0,
			[]wantReject{{1, "no claim text", ""}}},
		{"relative url without base", `{"@type":"ClaimReview","url":"/x","claimReviewed":"c"}`, 0,
			[]wantReject{{1, "not an absolute http(s) URL", "url"}}},
		{"JSON Lines, second broken", "{\"@type\":\"ClaimReview\",\"claimReviewed\":\"a\"}\n{\"@type\":\"ClaimReview\",\"claimReviewed\":\"b\",}\n{\"@type\":\"ClaimReview\",\"claimReviewed\":\"c\"}\n", 2,
			[]wantReject{{2, "value 2: malformed JSON at line 2", ""}}},
		{"garbage between values", "{\"@type\":\"ClaimReview\",\"claimReviewed\":\"a\"}\nhello world\n", 1,
			[]wantReject{{2, `value 2: not JSON: starts with "hello world"`, ""}}},
		{"truncated object", "{\"@type\":\"ClaimReview\",\n\"claimReviewed\":\"a\"", 0,
			[]wantReject{{1, "value 1: truncated JSON: the input ends inside the value that starts at line 1", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decodeString(t, "claimreview", "in.json", tt.in, Options{})
			if len(d.good) != tt.good {
				t.Errorf("%d good, want %d", len(d.good), tt.good)
			}
			checkRejects(t, d.bad, tt.want)
		})
	}
}

func TestClaimReviewNoURLStableID(t *testing.T) {
	in := `{"@type":"ClaimReview","claimReviewed":"The sky is green.","author":"X","datePublished":"2020-01-01"}`
	a := decodeString(t, "claimreview", "a.json", in, Options{})
	b := decodeString(t, "claimreview", "b.json", " \n"+in, Options{})
	if len(a.good) != 1 || len(b.good) != 1 || a.good[0].Claim.ID != b.good[0].Claim.ID || !strings.HasPrefix(a.good[0].Claim.ID, "claim:") {
		t.Errorf("ids %v / %v", a.good, b.good)
	}
}

func TestClaimReviewSharedURL(t *testing.T) {
	in := `[{"@type":"ClaimReview","url":"https://fc.example/p","claimReviewed":"One."},
{"@type":"ClaimReview","url":"https://fc.example/p#second","claimReviewed":"Two."},
{"@type":"ClaimReview","url":"https://fc.example/p","claimReviewed":"One."}]`
	d := decodeString(t, "claimreview", "x.json", in, Options{})
	if len(d.good) != 3 {
		t.Fatalf("%d claims", len(d.good))
	}
	a, b, c := d.good[0].Claim.ID, d.good[1].Claim.ID, d.good[2].Claim.ID
	if a != "https://fc.example/p" || !strings.HasPrefix(b, "https://fc.example/p#claim-") || c != a {
		t.Errorf("ids %q %q %q: the first review of a URL keeps it, a different claim under it gets a suffix, a repeat upserts", a, b, c)
	}
}
