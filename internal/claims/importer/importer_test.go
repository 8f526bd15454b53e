package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fimi/internal/ingest"
)

// decoded is everything a decoder returned for one input.
type decoded struct {
	format string
	good   []Record
	bad    []Record
}

// decodeFile opens path with Open (format "auto" or a name) and reads it to the end, checking
// the invariants every record must satisfy.
func decodeFile(t *testing.T, format, path string, opt Options) decoded {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return decodeReader(t, format, path, f, opt)
}

func decodeString(t *testing.T, format, name, data string, opt Options) decoded {
	t.Helper()
	return decodeReader(t, format, name, strings.NewReader(data), opt)
}

func decodeReader(t *testing.T, format, name string, r io.Reader, opt Options) decoded {
	t.Helper()
	d, chosen, err := Open(format, name, r, opt)
	if err != nil {
		t.Fatalf("Open(%s, %s): %v", format, name, err)
	}
	out := decoded{format: chosen}
	for {
		rec, err := d.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: fatal: %v", name, err)
		}
		if rec.Err != nil {
			if rec.Verbatim == nil {
				t.Errorf("%s line %d: reject without verbatim record: %v", name, rec.Line, rec.Err)
			}
			out.bad = append(out.bad, rec)
			continue
		}
		c := rec.Claim
		if c.ID == "" || c.Text == "" && c.Title == "" || c.Source == "" {
			t.Errorf("%s line %d: incomplete claim %+v", name, rec.Line, c)
		}
		if !json.Valid(c.Raw) {
			t.Errorf("%s line %d: Raw is not JSON: %.200s", name, rec.Line, c.Raw)
		}
		for _, l := range c.Languages {
			if len(l) != 2 && l != "cnr" {
				t.Errorf("%s line %d: language %q is not ISO 639-1", name, rec.Line, l)
			}
		}
		out.good = append(out.good, rec)
	}
	return out
}

// byID returns the good records by claim id, failing on duplicates.
func (d decoded) byID(t *testing.T) map[string]Record {
	t.Helper()
	m := map[string]Record{}
	for _, r := range d.good {
		if _, dup := m[r.Claim.ID]; dup {
			t.Errorf("duplicate claim id %q", r.Claim.ID)
		}
		m[r.Claim.ID] = r
	}
	return m
}

// wantReject is an expected rejected record: its line, a substring of its reason, and the field
// named by an *ingest.FieldError ("" for none).
type wantReject struct {
	line   int
	reason string
	field  string
}

func checkRejects(t *testing.T, got []Record, want []wantReject) {
	t.Helper()
	if len(got) != len(want) {
		for _, r := range got {
			t.Logf("reject line %d: %v", r.Line, r.Err)
		}
		t.Fatalf("%d rejects, want %d", len(got), len(want))
	}
	for i, w := range want {
		r := got[i]
		if r.Line != w.line || !strings.Contains(r.Err.Error(), w.reason) {
			t.Errorf("reject %d: line %d %q, want line %d containing %q", i, r.Line, r.Err, w.line, w.reason)
		}
		var fe *ingest.FieldError
		switch {
		case w.field == "" && errors.As(r.Err, &fe):
			t.Errorf("reject %d: unexpected field error on %s", i, fe.Field)
		case w.field != "" && (!errors.As(r.Err, &fe) || fe.Field != w.field):
			t.Errorf("reject %d: %v: want a field error on %s", i, r.Err, w.field)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, head, want string
	}{
		{"posts.csv", "date,id,title,countries,keywords,languages,outlets\n2021-02-18,https://euvsdisinfo.eu/report/x/,T,,,,\n", "euvsdisinfo"},
		{"full_dataset.csv", "\"issue\";\"date\";\"outlet\";\"language\";\"origin\";\"reported by\";\"keywords\";\"source\";\"title\";\"summary\";\"disproof\"\r\n", "euvsdisinfo"},
		{"claims.json", `[{"@id":"/claims/36","@type":"http://schema.org/Claim"}]`, "euvsdisinfo"},
		{"x.json", `{"@context":"https://schema.org","@type":"ClaimReview"}`, "claimreview"},
		{"page.html", "<p>no doctype</p>", "claimreview"},
		{"page", "<!DOCTYPE html><html>", "claimreview"},
		{"api.json", `{"claims":[{"text":"t","claimReview":[{"textualRating":"False"}]}]}`, "claimreview"},
		{"verified_claims.docs.tsv", "\tvclaim\ttitle\n0\tA claim\tA title\n", "clef"},
		{"vc.tsv", "vclaim_id\tvclaim\ttitle\n", "clef"},
		{"train.tsv", "2635.json\tfalse\tSays x.\tabortion\tdwayne-bohac\tState representative\tTexas\trepublican\t0\t1\t0\t0\t0\ta mailer\n", "liar"},
		{"claims.jsonl", `{"id":"c1","text":"t"}` + "\n", "jsonl"},
		{"export.jsonl", `{"id":"https://fc.example/1","text":"t","source":"claimreview","raw":{"@type":"ClaimReview"}}` + "\n", "jsonl"},
		{"claims.json", `[{"id":"c1","text":"t"}]`, "jsonl"},
		{"claims.csv", "\xef\xbb\xbfid;text;verdict\nc1;t;false\n", "csv"},
		{"notes.md", "# A title\n\nSome prose.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.want, func(t *testing.T) {
			got := ""
			for _, f := range Formats() {
				if f.Sniff(tt.name, []byte(tt.head)) {
					got = f.Name
					break
				}
			}
			if got != tt.want {
				t.Errorf("sniffed %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	if _, _, err := Open("nope", "x", strings.NewReader("{}"), Options{}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("unknown format name: %v", err)
	}
	if _, _, err := Open("auto", "notes.md", strings.NewReader("# prose\n"), Options{}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("unrecognised input: %v", err)
	}
	pubs := "id,publication,archive\nhttps://euvsdisinfo.eu/report/x/,https://a.example/1,\n"
	for _, f := range []string{"auto", "euvsdisinfo"} {
		if _, _, err := Open(f, "publications.csv", strings.NewReader(pubs), Options{}); !errors.Is(err, ErrCompanion) {
			t.Errorf("%s: publications file: %v, want ErrCompanion", f, err)
		}
	}
	if _, _, err := Open("csv", "x.csv", strings.NewReader("a,b\n1,2\n"), Options{}); err == nil || !strings.Contains(err.Error(), "no text or title column") {
		t.Errorf("csv without text column: %v", err)
	}
	if _, _, err := Open("csv", "x.csv", strings.NewReader("text,b\n1,2\n"), Options{Map: map[string]string{"url": "link"}}); err == nil || !strings.Contains(err.Error(), `no column "link"`) {
		t.Errorf("csv with a mapped column missing: %v", err)
	}
	if _, _, err := Open("euvsdisinfo", "x.csv", strings.NewReader("a,b\n"), Options{}); err == nil || !strings.Contains(err.Error(), "not an EUvsDisinfo layout") {
		t.Errorf("euvsdisinfo on another layout: %v", err)
	}
}

func TestParseMap(t *testing.T) {
	m, err := ParseMap([]string{"text=statement", " url = link "})
	if err != nil || m["text"] != "statement" || m["url"] != "link" {
		t.Errorf("ParseMap = %v, %v", m, err)
	}
	if _, err := ParseMap([]string{"outlet=x"}); !errors.Is(err, ErrUnknownField) {
		t.Errorf("unknown field: %v", err)
	}
	if _, err := ParseMap([]string{"text"}); err == nil {
		t.Error("pair without '=' accepted")
	}
}

func TestHashIDStable(t *testing.T) {
	a, b := HashID("x", "y"), HashID("x", "y")
	if a != b || !strings.HasPrefix(a, "claim:") || len(a) != len("claim:")+32 {
		t.Errorf("HashID = %q, %q", a, b)
	}
	if HashID("xy") == HashID("x", "y") {
		t.Error("HashID ignores part boundaries")
	}
}

// testdata returns the path of a fixture.
func testdata(parts ...string) string {
	return filepath.Join(append([]string{"testdata"}, parts...)...)
}

// copyFiles copies files into a new temporary directory and returns it.
func copyFiles(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRecordTooLarge(t *testing.T) {
	long := strings.Repeat("x", 300)
	in := `{"id":"a","text":"short"}` + "\n" + `{"id":"b","text":"` + long + `"}` + "\n" + `{"id":"c","text":"short"}` + "\n"
	d := decodeString(t, "jsonl", "x.jsonl", in, Options{MaxBytes: 100})
	if len(d.good) != 2 || len(d.bad) != 1 {
		t.Fatalf("good %d bad %d", len(d.good), len(d.bad))
	}
	r := d.bad[0]
	if !errors.Is(r.Err, ErrTooLarge) || r.Line != 2 || len(r.Verbatim) != 100 || !bytes.HasPrefix(r.Verbatim, []byte(`{"id":"b"`)) {
		t.Errorf("reject line %d %v, verbatim %d bytes", r.Line, r.Err, len(r.Verbatim))
	}
}
