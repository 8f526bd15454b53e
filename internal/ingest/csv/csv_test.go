package csv

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
)

func decodeAll(t *testing.T, in string, opt ingest.Options) []ingest.Record {
	t.Helper()
	d, err := NewDecoder(strings.NewReader(in), opt)
	if err != nil {
		t.Fatal(err)
	}
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

func TestDelimitersBOMAndMultiline(t *testing.T) {
	for _, sep := range []string{",", ";", "\t"} {
		t.Run(map[string]string{",": "comma", ";": "semicolon", "\t": "tab"}[sep], func(t *testing.T) {
			in := "\xef\xbb\xbf" + strings.Join([]string{"id", "platform", "account", "text", "published", "hashtags", "urls"}, sep) + "\r\n" +
				strings.Join([]string{"1", "twitter", "alice", `"first line` + "\n" + `second ""quoted"" line"`, "2024-05-30T12:00:00Z", "a|b", `"['https://x.org/1', 'https://x.org/2']"`}, sep) + "\r\n" +
				strings.Join([]string{"2", "twitter", "bob", "plain", "1717070400", "NA", ""}, sep) + "\n"
			recs := decodeAll(t, in, ingest.Options{})
			if len(recs) != 2 {
				t.Fatalf("got %d records", len(recs))
			}
			a, b := recs[0], recs[1]
			if a.Err != nil || a.Line != 2 || a.Item.Text != "first line\nsecond \"quoted\" line" || a.Item.Account != "alice" ||
				!reflect.DeepEqual(a.Item.Hashtags, []string{"a", "b"}) || !reflect.DeepEqual(a.Item.URLs, []string{"https://x.org/1", "https://x.org/2"}) {
				t.Errorf("record 1 = line %d %+v %v", a.Line, a.Item, a.Err)
			}
			if b.Err != nil || b.Line != 4 || b.Item.Hashtags != nil || b.Item.Published.Unix() != 1717070400 {
				t.Errorf("record 2 = line %d %+v %v", b.Line, b.Item, b.Err)
			}
			if !strings.HasPrefix(string(a.Verbatim), "1"+sep+"twitter"+sep+"alice"+sep+`"first line`) || !strings.HasSuffix(string(a.Verbatim), "2']\"") {
				t.Errorf("verbatim = %q", a.Verbatim)
			}
			if string(b.Verbatim) != strings.Join([]string{"2", "twitter", "bob", "plain", "1717070400", "NA", ""}, sep) {
				t.Errorf("verbatim 2 = %q", b.Verbatim)
			}
			if !strings.Contains(string(a.Item.Raw), `"account":"alice"`) {
				t.Errorf("raw = %s", a.Item.Raw)
			}
		})
	}
}

func TestBadRows(t *testing.T) {
	in := "id,text,published\n" +
		"1,ok,2024-05-30\n" +
		"2,too,many,fields\n" +
		"3,\"bad \xff utf8\",2024-05-30\n" +
		"4,bad date,30/05/2024 noon\n" +
		"5,\"unterminated \"quote\" here,2024-05-30\n" +
		"6,fine,2024-05-31\n"
	recs := decodeAll(t, in, ingest.Options{Name: "x.csv"})
	got := map[string]string{}
	for _, r := range recs {
		if r.Err != nil {
			got[string(r.Verbatim)] = r.Err.Error()
		}
	}
	wantFrag := map[string]string{
		"2,too,many,fields":              "has 4 fields, header has 3",
		"3,\"bad \xff utf8\",2024-05-30": "invalid UTF-8",
		"4,bad date,30/05/2024 noon":     "field published",
	}
	for v, frag := range wantFrag {
		if !strings.Contains(got[v], frag) {
			t.Errorf("row %q: err %q, want %q (all: %q)", v, got[v], frag, got)
		}
	}
	var ok []string
	for _, r := range recs {
		if r.Err == nil {
			ok = append(ok, r.Item.NativeID)
		}
	}
	if ok[0] != "1" || ok[len(ok)-1] != "6" {
		t.Errorf("good rows = %v", ok)
	}
	if len(recs) < 6 {
		t.Errorf("only %d records; bad rows must not swallow good ones", len(recs))
	}
}

func TestMapAndMissingColumn(t *testing.T) {
	in := "message_id,user_id,message,timestamp,repost_id\nm1,u1,hello,1.5,\nm2,u2,,2.25,m1\n"
	m, _ := ingest.ParseMap([]string{"id=message_id", "account=user_id", "text=message", "published=timestamp", "shares=repost_id"})
	recs := decodeAll(t, in, ingest.Options{Map: m, Platform: "twitter"})
	if recs[1].Item.SharesID != fimi.ItemID("twitter", "m1", "") || recs[1].Item.Published.UnixMilli() != 2250 || recs[0].Item.Account != "u1" {
		t.Errorf("mapped = %+v / %+v", recs[0].Item, recs[1].Item)
	}
	m["text"] = "nope"
	if _, err := NewDecoder(strings.NewReader(in), ingest.Options{Map: m, Name: "q.csv"}); err == nil || !strings.Contains(err.Error(), `no column "nope"`) {
		t.Errorf("missing column err = %v", err)
	}
	if _, err := NewDecoder(strings.NewReader(""), ingest.Options{Name: "e.csv"}); err == nil {
		t.Error("empty input accepted")
	}
}
