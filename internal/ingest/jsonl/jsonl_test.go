package jsonl

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
)

func decodeAll(t *testing.T, in string, opt ingest.Options) []ingest.Record {
	t.Helper()
	d := NewDecoder(strings.NewReader(in), opt)
	var out []ingest.Record
	for {
		r, err := d.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
}

func TestDefaultLayout(t *testing.T) {
	in := "\xef\xbb\xbf" + `{"id":"1","platform":"twitter","account":"rybar","text":"Strikes near #Kharkiv https://t.co/x","published":"2024-05-30T12:00:00+02:00","lang":"en","shares":"0","reply_to":"7","urls":["https://example.com/a?utm_source=x"],"hashtags":"kharkiv belgorod","views":12}

{"id":1790000000000000001,"platform":"telegram","text":"big id","published":1717070400}
`
	recs := decodeAll(t, in, ingest.Options{})
	if len(recs) != 2 {
		t.Fatalf("got %d records", len(recs))
	}
	r := recs[0]
	if r.Err != nil || r.Line != 1 {
		t.Fatalf("record 1: line %d err %v", r.Line, r.Err)
	}
	it := r.Item
	want := fimi.Item{
		Platform: "twitter", NativeID: "1", Account: "rybar", Text: "Strikes near #Kharkiv https://t.co/x", Lang: "en",
		Published: time.Date(2024, 5, 30, 10, 0, 0, 0, time.UTC),
		SharesID:  fimi.ItemID("twitter", "0", ""), ReplyToID: fimi.ItemID("twitter", "7", ""),
		URLs: []string{"https://example.com/a?utm_source=x"}, Hashtags: []string{"kharkiv", "belgorod"}, Views: 12,
	}
	want.Raw = it.Raw
	if !reflect.DeepEqual(it, want) {
		t.Errorf("item = %+v\nwant %+v", it, want)
	}
	if !strings.HasPrefix(string(it.Raw), `{"id":"1"`) {
		t.Errorf("raw not verbatim: %s", it.Raw)
	}
	if recs[1].Line != 3 || recs[1].Item.NativeID != "1790000000000000001" || !recs[1].Item.Published.Equal(time.Unix(1717070400, 0)) {
		t.Errorf("record 2 = line %d %+v", recs[1].Line, recs[1].Item)
	}
}

func TestBadRecords(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"1","text":"ok"}`,
		`{"id":"2","text":"missing brace"`,
		`["not","an","object"]`,
		"{\"id\":\"3\",\"text\":\"bad \xff\xfe utf8\"}",
		`{"id":"4","text":"bad date","published":"yesterday"}`,
		`{"id":"5","text":"list as id","account":["a","b"]}`,
		`{"id":"6","text":"two"} {"id":"7"}`,
		`{"id":"8","text":"ok too"}`,
	}, "\n")
	recs := decodeAll(t, in, ingest.Options{})
	if len(recs) != 8 {
		t.Fatalf("got %d records", len(recs))
	}
	wantErr := []string{"", "malformed JSON", "want a JSON object", "invalid UTF-8 at byte 22", "field published", "field account", "trailing data", ""}
	for i, r := range recs {
		if r.Line != i+1 {
			t.Errorf("record %d: line %d", i, r.Line)
		}
		switch {
		case wantErr[i] == "" && r.Err != nil:
			t.Errorf("line %d: unexpected error %v", i+1, r.Err)
		case wantErr[i] != "" && (r.Err == nil || !strings.Contains(r.Err.Error(), wantErr[i])):
			t.Errorf("line %d: err %v, want %q", i+1, r.Err, wantErr[i])
		case wantErr[i] != "" && len(r.Verbatim) == 0:
			t.Errorf("line %d: verbatim not kept", i+1)
		}
	}
	var fe *ingest.FieldError
	if !errors.As(recs[4].Err, &fe) || fe.Field != "published" {
		t.Errorf("bad date error is not a FieldError on published: %v", recs[4].Err)
	}
	if string(recs[3].Verbatim) != "{\"id\":\"3\",\"text\":\"bad \xff\xfe utf8\"}" {
		t.Errorf("invalid UTF-8 record not kept byte for byte: %q", recs[3].Verbatim)
	}
}

func TestOversizedLine(t *testing.T) {
	long := `{"id":"1","text":"` + strings.Repeat("x", 5000) + `"}`
	recs := decodeAll(t, long+"\n"+`{"id":"2","text":"after"}`+"\n", ingest.Options{MaxBytes: 1000})
	if len(recs) != 2 {
		t.Fatalf("got %d records", len(recs))
	}
	if recs[0].Err == nil || len(recs[0].Verbatim) != 1000 {
		t.Errorf("oversized: err %v, kept %d bytes", recs[0].Err, len(recs[0].Verbatim))
	}
	if recs[1].Err != nil || recs[1].Item.Text != "after" || recs[1].Line != 2 {
		t.Errorf("record after oversized = %+v", recs[1])
	}
}

func TestMappedNestedLayout(t *testing.T) {
	in := `{"id_str":"99","created_at":"Thu May 30 12:00:00 +0000 2024","full_text":"hello","user":{"screen_name":"Some_One"},"entities":{"urls":[{"expanded_url":"https://a.org/1"},{"expanded_url":"https://b.org/2"}],"hashtags":[{"text":"X"}]},"retweeted_status":{"id_str":"42"}}`
	m, err := ingest.ParseMap([]string{"id=id_str", "published=created_at", "text=full_text", "account=user.screen_name",
		"urls=entities.urls.expanded_url", "hashtags=entities.hashtags.text", "shares=retweeted_status.id_str"})
	if err != nil {
		t.Fatal(err)
	}
	recs := decodeAll(t, in, ingest.Options{Map: m, Platform: "twitter"})
	it := recs[0].Item
	if recs[0].Err != nil || it.NativeID != "99" || it.Account != "Some_One" || it.Platform != "twitter" ||
		!reflect.DeepEqual(it.URLs, []string{"https://a.org/1", "https://b.org/2"}) || !reflect.DeepEqual(it.Hashtags, []string{"X"}) ||
		it.SharesID != fimi.ItemID("twitter", "42", "") || it.Published.Day() != 30 {
		t.Errorf("mapped = %+v, %v", it, recs[0].Err)
	}
	if _, err := ingest.ParseMap([]string{"txt=x"}); !errors.Is(err, ingest.ErrUnknownField) {
		t.Errorf("unknown field err = %v", err)
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]bool{
		`{"a":1}` + "\n" + `{"b":2}`:            true,
		"\n\n  {\"a\":1}":                       true,
		`{"name":"` + strings.Repeat("x", 5000): true, // a long first object cut off by the sniff window
		`{"name":"x",`:                          false,
		`[{"a":1}]`:                             false,
		"a,b,c\n1,2,3":                          false,
		"<rss>":                                 false,
		`{"a":1} trailing`:                      false,
	} {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %v, want %v", in, got, want)
		}
	}
}
