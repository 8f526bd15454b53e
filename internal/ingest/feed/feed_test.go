package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fimi/internal/fimi"
	"fimi/internal/ingest"

	"golang.org/x/text/encoding/charmap"
)

// decodeAll opens doc and returns every record, failing the test on a fatal error.
func decodeAll(t *testing.T, doc []byte, opt ingest.Options) []ingest.Record {
	t.Helper()
	d, err := Open(bytes.NewReader(doc), opt)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	var recs []ingest.Record
	for {
		rec, err := d.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		recs = append(recs, rec)
	}
	if _, err := d.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("Next after io.EOF = %v, want io.EOF again", err)
	}
	return recs
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// want is the expected part of a record; Raw is checked separately.
type want struct {
	line int
	item fimi.Item
}

func TestDecode(t *testing.T) {
	const vestiAccount = "Вести Сегодня — Главное"
	const factAccount = "FactWatch Blog"
	tests := []struct {
		fixture string
		opt     ingest.Options
		want    []want
	}{
		{
			fixture: "vesti.rss",
			opt:     ingest.Options{Name: "vesti.rss", BaseURL: "https://vesti-segodnya.example/rss/main.xml"},
			want: []want{
				{line: 1, item: fimi.Item{
					Platform:  "web",
					NativeID:  "vs-118734",
					Account:   vestiAccount,
					Author:    "Иван Петров",
					URL:       "https://vesti-segodnya.example/politika/2026/03/02/provokaciya.html?utm_source=rss&utm_medium=feed",
					Title:     "Запад готовит провокацию на границе, заявили в МИД",
					Text:      "Официальный представитель МИД заявила, что западные спецслужбы готовят «провокацию» на границе.\n\nПо её словам, источники в регионе сообщают о прибытии иностранных инструкторов.\nПодробности не приводятся.\n\nФото: пресс-служба\n\nРанее об этом писали и другие издания.",
					Lang:      "ru",
					Published: utc("2026-03-02T11:05:00Z"), // 14:05 +0300
					URLs: []string{
						"https://cdn.vesti-segodnya.example/img/118734.jpg",
						"https://t.me/vesti_segodnya/4512",
						"https://vesti-segodnya.example/politika/2026/03/01/nato.html",
					},
				}},
				{line: 2, item: fimi.Item{
					Platform:  "web",
					NativeID:  "vs-118702",
					Account:   vestiAccount,
					Author:    "Анна Смирнова",
					URL:       "https://vesti-segodnya.example/politika/2026/03/01/nato.html", // relative link resolved
					Title:     `НАТО "не исключает" переброски войск`,                         // double-escaped entity decoded
					Text:      "Генсек НАТО не исключил переброски войск к границам России.\n\nЭксперты называют это «эскалацией».",
					Lang:      "ru",
					Published: utc("2026-03-01T18:40:00Z"), // 21:40 MSK
				}},
				{line: 3, item: fimi.Item{
					Platform:  "web",
					NativeID:  "https://vesti-segodnya.example/audio/2026/02/28/interview.html",
					Account:   vestiAccount,
					URL:       "https://vesti-segodnya.example/audio/2026/02/28/interview.html", // permalink guid
					Title:     "Audio: interview with the deputy minister",
					Text:      "An interview recorded in Moscow. Listen & share.",
					Lang:      "ru",
					Published: utc("2026-02-28T09:00:00Z"),
					URLs:      []string{"https://cdn.vesti-segodnya.example/audio/interview.mp3"},
				}},
				{line: 4, item: fimi.Item{
					Platform:  "web",
					NativeID:  "vs-118650",
					Account:   vestiAccount,
					URL:       "https://vesti-segodnya.example/ekonomika/2026/02/27/rubl.html",
					Title:     "Экономика: рубль укрепился",
					Text:      "Рубль\n\nДоллар — 88,1\n\nЕвро — 95,4\n\nАналитики ждут дальнейшего роста.",
					Lang:      "ru",
					Published: utc("2026-02-27T23:30:00Z"), // 18:30 -0500
					URLs:      []string{"https://www.youtube.com/embed/abc123"},
				}},
				{line: 5, item: fimi.Item{ // empty: the pipeline rejects it
					Platform: "web",
					Account:  vestiAccount,
					Lang:     "ru",
				}},
			},
		},
		{
			fixture: "factcheck.atom",
			opt:     ingest.Options{Name: "https://blog.factwatch.example/feed.atom"},
			want: []want{
				{line: 1, item: fimi.Item{
					Platform:  "web",
					NativeID:  "tag:factwatch.example,2026:post-512",
					Account:   factAccount,
					Author:    "Maria Kowalska, John Smith",
					URL:       "https://blog.factwatch.example/posts/2026/03/cloned-sites.html", // xml:base
					Title:     "Network of cloned news sites amplifies claims",
					Text:      "We found 41 domains that copy articles from state media.\n\nThey share one analytics ID & hosting.",
					Lang:      "en",
					Published: utc("2026-03-01T15:20:00Z"), // published, not updated
					URLs: []string{
						"https://blog.factwatch.example/media/graph.png",
						"https://blog.factwatch.example/sites.csv",
						"https://analytics.example.net/id/UA-1234",
					},
				}},
				{line: 2, item: fimi.Item{
					Platform:  "web",
					NativeID:  "tag:factwatch.example,2026:note-77",
					Account:   factAccount,
					Author:    "FactWatch Desk",                                      // inherited from the feed
					URL:       "https://blog.factwatch.example/notes/recycled-video", // entry xml:base
					Title:     "Short note: recycled video",
					Text:      "A 2019 video is being shared as new footage.",
					Lang:      "en",
					Published: utc("2026-03-01T04:45:00Z"), // updated only, 23:45 -05:00
				}},
				{line: 3, item: fimi.Item{
					Platform:  "web",
					NativeID:  "tag:factwatch.example,2026:digest-9",
					Account:   factAccount,
					Author:    "FactWatch Desk",
					URL:       "https://blog.factwatch.example/digest/9",
					Title:     "Weekly digest",
					Text:      "This week: cloned sites.\n\nAlso a new report.",
					Lang:      "en",
					Published: utc("2026-02-27T12:00:00Z"),
					URLs:      []string{"https://blog.factwatch.example/posts/2026/03/cloned-sites.html"},
				}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			recs := decodeAll(t, readFixture(t, tt.fixture), tt.opt)
			if len(recs) != len(tt.want) {
				t.Fatalf("got %d records, want %d", len(recs), len(tt.want))
			}
			for i, w := range tt.want {
				rec := recs[i]
				t.Run(strings.ReplaceAll(w.item.Title+w.item.NativeID, "/", "_"), func(t *testing.T) {
					if rec.Line != w.line {
						t.Errorf("Line = %d, want %d", rec.Line, w.line)
					}
					if rec.Err != nil || rec.Verbatim != nil {
						t.Errorf("Err = %v, Verbatim = %q; want a valid record", rec.Err, rec.Verbatim)
					}
					checkRaw(t, rec.Item.Raw, tt.want[i].item)
					got := rec.Item
					got.Raw = nil
					if !reflect.DeepEqual(got, w.item) {
						gj, _ := json.MarshalIndent(got, "", "  ")
						wj, _ := json.MarshalIndent(w.item, "", "  ")
						t.Errorf("item\n%s\nwant\n%s", gj, wj)
					}
				})
			}
		})
	}
}

// checkRaw checks that raw is the gofeed entry as a JSON object with the feed's title.
func checkRaw(t *testing.T, raw json.RawMessage, item fimi.Item) {
	t.Helper()
	var m struct {
		GUID  string `json:"guid"`
		Title string `json:"title"`
		Feed  struct {
			Title string `json:"title"`
			Link  string `json:"link"`
		} `json:"feed"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("Raw is not a JSON object: %v\n%s", err, raw)
	}
	if m.GUID != item.NativeID {
		t.Errorf("Raw guid = %q, want %q", m.GUID, item.NativeID)
	}
	if m.Feed.Title != item.Account || m.Feed.Link == "" {
		t.Errorf("Raw feed = %+v, want title %q and a link", m.Feed, item.Account)
	}
}

func TestDecodeBaseURL(t *testing.T) {
	// No channel link: relative item links resolve against the URL the feed came from, and
	// the account falls back to its host.
	doc := `<rss version="2.0"><channel><language>EN-us</language>
<item><title>One</title><link>/a/1.html</link><description>Text &lt;a href="../b/2.html"&gt;two&lt;/a&gt;</description></item>
</channel></rss>`
	tests := []struct {
		name    string
		base    string
		url     string
		account string
		urls    []string
	}{
		{"with base", "https://www.site.example/feeds/all.rss", "https://www.site.example/a/1.html", "www.site.example", []string{"https://www.site.example/b/2.html"}},
		{"without base", "", "/a/1.html", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := decodeAll(t, []byte(doc), ingest.Options{Name: "all.rss", BaseURL: tt.base})
			if len(recs) != 1 {
				t.Fatalf("got %d records", len(recs))
			}
			it := recs[0].Item
			if it.URL != tt.url || it.Account != tt.account || !reflect.DeepEqual(it.URLs, tt.urls) || it.Lang != "en" {
				t.Errorf("URL %q Account %q URLs %q Lang %q, want %q %q %q en", it.URL, it.Account, it.URLs, it.Lang, tt.url, tt.account, tt.urls)
			}
		})
	}
}

func TestDecodeWindows1251(t *testing.T) {
	doc := `<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>Новости</title><link>https://news.example/</link><language>ru</language>
<item><title>Заголовок новости</title><link>https://news.example/1</link><description>Текст на русском языке.</description><pubDate>Tue, 03 Mar 2026 08:15:00 +0300</pubDate></item>
</channel></rss>`
	enc, err := charmap.Windows1251.NewEncoder().String(doc)
	if err != nil {
		t.Fatal(err)
	}
	recs := decodeAll(t, []byte(enc), ingest.Options{Name: "cp1251.rss"})
	if len(recs) != 1 {
		t.Fatalf("got %d records", len(recs))
	}
	it := recs[0].Item
	if it.Title != "Заголовок новости" || it.Text != "Текст на русском языке." || it.Account != "Новости" {
		t.Errorf("Title %q Text %q Account %q", it.Title, it.Text, it.Account)
	}
	if want := utc("2026-03-03T05:15:00Z"); !it.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", it.Published, want)
	}
}

func TestDecodeBadLink(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>T</title><link>https://t.example/</link>
<item><title>bad</title><link>http://[::1/x</link><guid isPermaLink="false">b-1</guid></item>
</channel></rss>`
	recs := decodeAll(t, []byte(doc), ingest.Options{Name: "t.rss"})
	if len(recs) != 1 {
		t.Fatalf("got %d records", len(recs))
	}
	rec := recs[0]
	fe, ok := errors.AsType[*ingest.FieldError](rec.Err)
	if !ok || fe.Field != ingest.FieldURL || fe.Value != "http://[::1/x" {
		t.Fatalf("Err = %v, want a FieldError on url", rec.Err)
	}
	if !strings.HasPrefix(rec.Err.Error(), "entry 1: field url: ") || rec.Line != 1 {
		t.Errorf("Err = %q, Line = %d", rec.Err, rec.Line)
	}
	if !bytes.Equal(rec.Verbatim, rec.Item.Raw) || !bytes.Contains(rec.Verbatim, []byte(`"guid":"b-1"`)) {
		t.Errorf("Verbatim = %s, want the entry's JSON", rec.Verbatim)
	}
}

func TestDecodeMaxBytes(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>T</title><link>https://t.example/</link>
<item><title>small</title><link>https://t.example/1</link></item>
<item><title>big</title><link>https://t.example/2</link><description>` + strings.Repeat("слово ", 500) + `</description></item>
</channel></rss>`
	recs := decodeAll(t, []byte(doc), ingest.Options{Name: "t.rss", MaxBytes: 1000})
	if len(recs) != 2 {
		t.Fatalf("got %d records", len(recs))
	}
	if recs[0].Err != nil {
		t.Errorf("small entry: %v", recs[0].Err)
	}
	if !errors.Is(recs[1].Err, ErrTooLarge) || recs[1].Line != 2 {
		t.Errorf("big entry: Err %v Line %d, want ErrTooLarge on entry 2", recs[1].Err, recs[1].Line)
	}
	if v := recs[1].Verbatim; len(v) < 997 || len(v) > 1000 || !utf8.Valid(v) || recs[1].Item.Raw != nil {
		t.Errorf("big entry kept %d verbatim bytes (valid UTF-8: %v) and %d raw bytes, want about 1000 and none", len(v), utf8.Valid(v), len(recs[1].Item.Raw))
	}
}

func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  io.Reader
		want string // error text
		line int
	}{
		{"truncated", bytes.NewReader(readFixture(t, "broken.rss")), "parse feed in.rss: XML syntax error on line 15: unexpected EOF in CDATA section", 15},
		{"bad markup", strings.NewReader("<rss version=\"2.0\">\n<channel>\n<item><title>a</title>\n<</item>\n</channel>\n</rss>"), "parse feed in.rss: XML syntax error on line 4: expected element name after <", 4},
		{"html", strings.NewReader("<!doctype html><html><body>Not a feed</body></html>"), "parse feed in.rss: failed to detect feed type", 0},
		{"empty", strings.NewReader(""), "parse feed in.rss: failed to detect feed type", 0},
		{"too large", io.MultiReader(strings.NewReader(`<rss version="2.0"><channel><title>`), repeatReader('x')), "parse feed in.rss: document larger than 33554432 bytes", 0},
		{"read error", io.MultiReader(strings.NewReader("<rss>"), errReader{}), "parse feed in.rss: read: disk on fire", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Open(tt.doc, ingest.Options{Name: "in.rss"})
			if err == nil {
				t.Fatalf("Open succeeded (%T), want an error", d)
			}
			if err.Error() != tt.want {
				t.Errorf("error %q, want %q", err, tt.want)
			}
			pe, ok := errors.AsType[*ParseError](err)
			if !ok || pe.Name != "in.rss" || pe.Line != tt.line {
				t.Errorf("error %#v, want a *ParseError for in.rss at line %d", err, tt.line)
			}
		})
	}
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestFormats(t *testing.T) {
	// Either Format decodes either kind of feed: a .xml file may hold Atom.
	for _, f := range []ingest.Format{RSS, Atom} {
		t.Run(f.Name, func(t *testing.T) {
			for _, fixture := range []string{"vesti.rss", "factcheck.atom"} {
				d, err := f.Open(bytes.NewReader(readFixture(t, fixture)), ingest.Options{Name: fixture})
				if err != nil {
					t.Fatalf("%s: %v", fixture, err)
				}
				if _, err := d.Next(); err != nil {
					t.Errorf("%s: %v", fixture, err)
				}
			}
		})
	}
	if !SniffRSS(readFixture(t, "vesti.rss")) || !SniffAtom(readFixture(t, "factcheck.atom")) {
		t.Error("fixtures not sniffed as their formats")
	}
}
