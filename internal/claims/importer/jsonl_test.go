package importer

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestJSONL(t *testing.T) {
	d := decodeFile(t, "auto", testdata("jsonl", "claims.jsonl"), Options{})
	if d.format != "jsonl" {
		t.Fatalf("format %s", d.format)
	}
	if len(d.good) != 3 {
		t.Fatalf("%d claims, want 3", len(d.good))
	}
	c1 := d.good[0].Claim
	if c1.ID != "c001" || c1.Verdict != VerdictFalse || strings.Join(c1.Languages, ",") != "en,ru" || c1.Source != SourceJSONL ||
		strings.Join(c1.Tags, "|") != "narrative:nato-aggression|disarm:T0022" || c1.URL != "https://factlens.example/fact-check/2024/05/no-nato-invasion/" ||
		!c1.Published.Equal(time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC)) || !strings.HasPrefix(string(c1.Raw), `{"id":"c001"`) {
		t.Errorf("c001: %+v", c1)
	}
	c2 := d.good[1]
	if c2.Line != 3 || !strings.HasPrefix(c2.Claim.ID, "claim:") || c2.Claim.Verdict != VerdictMostlyFalse || strings.Join(c2.Claim.Languages, ",") != "de,pl" ||
		strings.Join(c2.Claim.Related, " ") != "https://a.example/1 https://b.example/x,y https://c.example/2" ||
		!c2.Claim.Published.Equal(time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("line 3: line %d %+v", c2.Line, c2.Claim)
	}
	if c6 := d.good[2].Claim; c6.ID != "c006" || strings.Join(c6.Keywords, "|") != "one|two|three" {
		t.Errorf("c006: %+v", c6)
	}
	checkRejects(t, d.bad, []wantReject{
		{4, `"2024-13-40": unrecognised date`, "published"},
		{5, `"klingon": unrecognised language`, "languages"},
		{6, "not an absolute http(s) URL", "url"},
		{8, "malformed JSON at line 8: invalid character '\"' after object key:value pair", ""},
		{9, "want a JSON object, got an array", ""},
		{10, "want a string, got a list", "text"},
		{11, "no claim text", ""},
		{12, "truncated JSON", ""},
	})
	if string(d.bad[3].Verbatim) != `{"id":"c007","text":"broken" "json"}` {
		t.Errorf("verbatim %q", d.bad[3].Verbatim)
	}
}

func TestJSONLArray(t *testing.T) {
	d := decodeFile(t, "jsonl", testdata("jsonl", "array.json"), Options{})
	if len(d.good) != 2 || d.good[0].Line != 2 || d.good[1].Claim.ID != "a3" || d.good[1].Line != 6 {
		t.Fatalf("claims %+v", d.good)
	}
	checkRejects(t, d.bad, []wantReject{
		{3, `element 2: field published: "not a date"`, "published"},
		{7, "element 4: truncated JSON: the input ends inside the value that starts at line 7", ""},
	})
}

func TestJSONLMap(t *testing.T) {
	m, err := ParseMap([]string{"id=claim_id", "text=statement.body", "languages=statement.lang", "rating=review.label", "published=review.date", "related=links.url"})
	if err != nil {
		t.Fatal(err)
	}
	d := decodeFile(t, "jsonl", testdata("jsonl", "nested.jsonl"), Options{Map: m})
	if len(d.good) != 1 {
		t.Fatalf("rejects %v", d.bad)
	}
	c := d.good[0].Claim
	if c.ID != "77" || c.Text != "Wind turbines cause cancer." || c.Verdict != VerdictFalse || c.Rating != "Pants on Fire" ||
		strings.Join(c.Languages, ",") != "en" || strings.Join(c.Related, " ") != "https://x.example/1 https://x.example/2" ||
		!c.Published.Equal(time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("mapped claim %+v", c)
	}
}

func TestJSONLInvalidUTF8(t *testing.T) {
	d := decodeString(t, "jsonl", "x.jsonl", "{\"id\":\"a\",\"text\":\"ok\"}\r\n{\"id\":\"b\",\"text\":\"caf\xe9\"}\r\n", Options{})
	if len(d.good) != 1 {
		t.Errorf("%d claims", len(d.good))
	}
	checkRejects(t, d.bad, []wantReject{{2, "invalid UTF-8 at byte 21", ""}})
	if string(d.bad[0].Verbatim) != "{\"id\":\"b\",\"text\":\"caf\xe9\"}" {
		t.Errorf("verbatim %q", d.bad[0].Verbatim)
	}
}

// TestJSONLRoundTrip imports claims as fimi writes them (encoding/json of fimi.Claim) and gets
// the same claims back, Raw aside.
func TestJSONLRoundTrip(t *testing.T) {
	src := decodeFile(t, "auto", testdata("claimreview", "single.json"), Options{})
	src.good = append(src.good, decodeFile(t, "auto", testdata("euvsdisinfo", "cknabs", "posts.csv"), Options{}).good...)
	var sb strings.Builder
	for _, r := range src.good {
		b, err := json.Marshal(r.Claim)
		if err != nil {
			t.Fatal(err)
		}
		sb.Write(b)
		sb.WriteByte('\n')
	}
	back := decodeString(t, "auto", "export.jsonl", sb.String(), Options{})
	if back.format != "jsonl" || len(back.good) != len(src.good) || len(back.bad) != 0 {
		t.Fatalf("format %s: %d claims, %d rejects; want %d", back.format, len(back.good), len(back.bad), len(src.good))
	}
	for i, r := range back.good {
		want, got := src.good[i].Claim, r.Claim
		want.Raw, got.Raw = nil, nil
		if !reflect.DeepEqual(want, got) {
			t.Errorf("claim %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
}
