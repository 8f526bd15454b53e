package importer

import (
	"strings"
	"testing"
	"time"
)

func TestCSV(t *testing.T) {
	d := decodeFile(t, "auto", testdata("csv", "claims.csv"), Options{})
	if d.format != "csv" || len(d.good) != 3 {
		t.Fatalf("format %s, %d claims", d.format, len(d.good))
	}
	c1 := d.good[0].Claim
	if c1.ID != "c1" || c1.Text != "A claim; with a semicolon" || c1.Verdict != VerdictFalse || c1.Rating != "False" ||
		strings.Join(c1.Languages, ",") != "en,de" || strings.Join(c1.Keywords, "|") != "NATO|Alexei Navalny" ||
		strings.Join(c1.Related, " ") != "https://a.example/1 https://b.example/2" || c1.Source != SourceCSV ||
		!c1.Appeared.Equal(time.Date(2024, 4, 30, 0, 0, 0, 0, time.UTC)) || !strings.HasPrefix(string(c1.Raw), `{"id":"c1","text":"A claim; with a semicolon"`) {
		t.Errorf("c1: %+v", c1)
	}
	if c2 := d.good[1].Claim; c2.Verdict != VerdictMisleading || c2.Rating != "" {
		t.Errorf("c2: %+v", c2)
	}
	if c5 := d.good[2]; c5.Line != 6 || c5.Claim.Text != "Multi\nline claim" || len(c5.Claim.Languages) != 0 {
		t.Errorf("c5 (NA is absent): line %d %+v", c5.Line, c5.Claim)
	}
	checkRejects(t, d.bad, []wantReject{
		{4, `"2024-02-30": unrecognised date`, "published"},
		{5, "has 5 fields, header has 14", ""},
		{8, `"Elvish": unrecognised language`, "languages"},
		{9, `"notaurl": not an absolute http(s) URL`, "related"},
		{10, "invalid UTF-8", "text"},
		{11, "no claim text", ""},
		{12, `malformed record at line 12, column 38: extraneous or missing " in quoted-field`, ""},
	})
	if string(d.bad[1].Verbatim) != "c4;Too few fields;;;" {
		t.Errorf("verbatim %q", d.bad[1].Verbatim)
	}
}

func TestCSVMap(t *testing.T) {
	m, err := ParseMap([]string{"id=claim_no", "text=statement", "rating=label", "languages=lang", "published=checked_on"})
	if err != nil {
		t.Fatal(err)
	}
	d := decodeFile(t, "csv", testdata("csv", "foreign.tsv"), Options{Map: m})
	if len(d.good) != 2 || len(d.bad) != 0 {
		t.Fatalf("%d claims, rejects %v", len(d.good), d.bad)
	}
	a, b := d.good[0].Claim, d.good[1].Claim
	if a.ID != "1" || a.Verdict != VerdictFalse || strings.Join(a.Languages, ",") != "en" || !a.Published.Equal(time.Date(2021, 3, 12, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("row 1: %+v", a)
	}
	if b.Verdict != VerdictMostlyFalse || strings.Join(b.Languages, ",") != "fr" {
		t.Errorf("row 2: %+v", b)
	}
}

func TestCSVBOMAndComma(t *testing.T) {
	d := decodeString(t, "auto", "x.csv", "\xef\xbb\xbfID,Text\r\nx1,\"Hello, world\"\r\n", Options{})
	if d.format != "csv" || len(d.good) != 1 || d.good[0].Claim.ID != "x1" || d.good[0].Claim.Text != "Hello, world" {
		t.Errorf("%+v", d)
	}
}
