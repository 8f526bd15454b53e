package html

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

	"fimi/internal/ingest"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

var fetched = time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)

// decodePage decodes doc and checks that the decoder yields exactly one record.
func decodePage(t *testing.T, doc []byte, opt ingest.Options) ingest.Record {
	t.Helper()
	d, err := HTML.Open(bytes.NewReader(doc), opt)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	rec, err := d.Next()
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	if _, err := d.Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("second Next = %v, want io.EOF", err)
	}
	return rec
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

// rawOf decodes Item.Raw of a page.
func rawOf(t *testing.T, raw json.RawMessage) rawPage {
	t.Helper()
	var r rawPage
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("Raw is not JSON: %v", err)
	}
	return r
}

func TestArticles(t *testing.T) {
	tests := []struct {
		fixture   string
		baseURL   string
		url       string
		title     string
		author    string
		account   string
		lang      string
		published time.Time
		urls      []string
		paras     []string // each must be in the text, in this order
		notInText []string // boilerplate
	}{
		{
			fixture:   "en_news.html",
			baseURL:   "https://www.balticcourier.example/world/2026/02/27/fake-ministry-letters?utm_source=twitter",
			url:       "https://www.balticcourier.example/world/2026/02/27/fake-ministry-letters", // rel=canonical beats og:url
			title:     "Fake ministry letters spread across Baltic social media",
			author:    "Laura Jankauskaite",
			account:   "The Baltic Courier",
			lang:      "en",
			published: utc("2026-02-27T08:30:00Z"), // JSON-LD and <time>, 09:30+01:00
			urls:      []string{"https://dfrlab.example.org/reports/baltic-letters"},
			paras: []string{
				"Forged letters bearing the letterhead of the Lithuanian defence ministry circulated widely on Telegram and X this week",
				"Researchers at the Digital Forensic Research Lab traced the earliest copies",
				"“The letters reuse a template from a genuine 2023 circular",
				"a technique investigators have associated with the campaign known as Doppelganger.",
				"Officials urged citizens to verify information through official channels",
			},
			notInText: []string{
				"We use cookies", "Accept all", "Manage preferences", // cookie banner
				"Subscribe today", "Business", "Opinion", // menu
				"Related stories", "Estonia warns of election bots", // related links
				"Comments (3)", "Typical hybrid warfare", "Who checks these letters", "Write a comment", // comments
				"All rights reserved", "Registered office", "Privacy policy", // footer
				"dataLayer", // scripts
			},
		},
		{
			fixture:   "ru_outlet.html",
			url:       "https://vesti-segodnya.example/politika/2026/03/01/gryaznaya-bomba.html", // og:url
			title:     "Киев готовит провокацию с «грязной бомбой», заявили в Минобороны",
			author:    "Андрей Волков",
			account:   "Вести Сегодня",
			lang:      "ru",
			published: utc("2026-03-01T15:45:00Z"), // article:published_time 18:45+03:00
			urls:      []string{"https://t.me/vesti_segodnya/4498"},
			paras: []string{
				"Министерство обороны России располагает информацией о том, что киевский режим готовит провокацию",
				"По его словам, целью провокации является обвинение России",
				"Подробности в нашем телеграм-канале.",
				"Ранее официальный представитель МИД России назвала поставки западного оружия «прямым вовлечением»",
				"Позиция Москвы остаётся неизменной, подчеркнули в Кремле.",
			},
			notInText: []string{
				"Спецоперация", "USD 88,10", "Главная", // menu, currency widget, breadcrumbs
				"Поделиться", "ВКонтакте", // share buttons
				"Читайте также", "Европа замерзает", // related links
				"Самое читаемое", "В Москве выпал первый снег", // sidebar
				"Все права защищены", "При цитировании", // footer
			},
		},
		{
			fixture:   "pl_article.html",
			baseURL:   "https://pomorska.example/kraj/2026/02/20/falszywe-konto-msw",
			url:       "https://pomorska.example/kraj/2026/02/20/falszywe-konto-msw", // no canonical: the base URL
			title:     "Fałszywe konto ministerstwa rozsyłało apele o ewakuację",
			author:    "Katarzyna Nowak",
			account:   "pomorska.example", // no site name: the host
			lang:      "pl",
			published: utc("2026-02-20T06:15:00Z"), // only <time datetime>, 07:15+01:00
			urls:      []string{"https://www.cert.example.pl/raporty/2026-02"},
			paras: []string{
				"W weekend w mediach społecznościowych pojawiło się konto podszywające się pod Ministerstwo Spraw Wewnętrznych.",
				"Eksperci z zespołu CERT wskazują na skoordynowane działanie.",
				"Ministerstwo zdementowało komunikaty",
				"W styczniu podobne fałszywe komunikaty dotyczyły rzekomej mobilizacji rezerwistów.",
			},
			notInText: []string{
				"Fałszywe konto ministerstwa rozsyłało", // the title is not repeated
				"Strona główna", "Pogoda",               // menu
				"plików cookie", "Polityka prywatności", // cookie notice
				"Tekst:", "20 lutego 2026", // byline and date line
				"Tagi", "dezinformacja", // tags
				"Reklama", "Kontakt", // footer
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			doc := readFixture(t, tt.fixture)
			rec := decodePage(t, doc, ingest.Options{Name: tt.fixture, BaseURL: tt.baseURL, Fetched: fetched})
			if rec.Err != nil {
				t.Fatalf("Err = %v", rec.Err)
			}
			it := rec.Item
			checks := []struct{ field, got, want string }{
				{"Platform", it.Platform, "web"},
				{"NativeID", it.NativeID, ""},
				{"URL", it.URL, tt.url},
				{"Title", it.Title, tt.title},
				{"Author", it.Author, tt.author},
				{"Account", it.Account, tt.account},
				{"Lang", it.Lang, tt.lang},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
			if !it.Published.Equal(tt.published) || it.Published.Location() != time.UTC {
				t.Errorf("Published = %v, want %v", it.Published, tt.published)
			}
			if !reflect.DeepEqual(it.URLs, tt.urls) {
				t.Errorf("URLs = %q, want %q", it.URLs, tt.urls)
			}
			rest := it.Text
			for _, p := range tt.paras {
				i := strings.Index(rest, p)
				if i < 0 {
					t.Errorf("text lacks (or misorders) %q\ntext: %s", p, it.Text)
					continue
				}
				rest = rest[i+len(p):]
			}
			if got, want := strings.Count(it.Text, "\n\n")+1, len(tt.paras); got < want {
				t.Errorf("text has %d paragraphs, want at least %d", got, want)
			}
			for _, s := range tt.notInText {
				if strings.Contains(it.Text, s) {
					t.Errorf("text contains boilerplate %q", s)
				}
			}
			raw := rawOf(t, it.Raw)
			wantRawURL := tt.baseURL
			if wantRawURL == "" {
				wantRawURL = tt.url
			}
			if raw.URL != wantRawURL || !raw.Fetched.Equal(fetched) || raw.HTML != string(doc) || raw.Truncated || raw.Extractor != "trafilatura" {
				t.Errorf("Raw url %q fetched %v html %d bytes truncated %v extractor %q", raw.URL, raw.Fetched, len(raw.HTML), raw.Truncated, raw.Extractor)
			}
		})
	}
}

func TestNoArticle(t *testing.T) {
	doc := readFixture(t, "no_article.html")
	rec := decodePage(t, doc, ingest.Options{Name: "login.html", BaseURL: "https://news.example/login", Fetched: fetched})
	if !errors.Is(rec.Err, ErrNoText) {
		t.Fatalf("Err = %v, want ErrNoText", rec.Err)
	}
	if rec.Err.Error() != "field text: no main text found" {
		t.Errorf("Err = %q", rec.Err)
	}
	if fe, ok := errors.AsType[*ingest.FieldError](rec.Err); !ok || fe.Field != ingest.FieldText {
		t.Errorf("Err %v is not a FieldError on text", rec.Err)
	}
	if !bytes.Equal(rec.Verbatim, doc) {
		t.Errorf("Verbatim is not the page")
	}
	if rec.Item.URL != "https://news.example/login" || rawOf(t, rec.Item.Raw).HTML != string(doc) {
		t.Errorf("URL %q, Raw %s", rec.Item.URL, rec.Item.Raw)
	}
}

const lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. "

func TestPageDetails(t *testing.T) {
	tests := []struct {
		name      string
		doc       string
		opt       ingest.Options
		check     func(t *testing.T, rec ingest.Record)
		extractor string
	}{
		{
			name: "no date: fetch time only in Raw",
			doc:  `<html><head><title>Undated</title></head><body><article><h1>Undated</h1><p>` + strings.Repeat(lorem, 3) + `</p></article></body></html>`,
			opt:  ingest.Options{Name: "u.html", BaseURL: "https://u.example/a", Fetched: fetched},
			check: func(t *testing.T, rec ingest.Record) {
				if !rec.Item.Published.IsZero() {
					t.Errorf("Published = %v, want zero", rec.Item.Published)
				}
				if rec.Item.Lang != "" {
					t.Errorf("Lang = %q, want none (the pipeline detects it)", rec.Item.Lang)
				}
				if got := rawOf(t, rec.Item.Raw).Fetched; !got.Equal(fetched) {
					t.Errorf("Raw fetched = %v", got)
				}
			},
			extractor: "trafilatura",
		},
		{
			name: "base href and relative links",
			doc: `<html lang="de-AT"><head><base href="https://cdn.example/de/"><link rel="Canonical" href="/de/artikel-1"></head><body><article><p>` + lorem +
				`<a href="quelle.html">Quelle</a> und <a href="https://other.example/x">hier</a>. ` + lorem + lorem + `</p><p><a href="#top">nach oben</a> <a href="mailto:x@y">Mail</a></p></article></body></html>`,
			opt: ingest.Options{Name: "a.html", BaseURL: "https://www.example.at/de/artikel-1?utm_medium=x"},
			check: func(t *testing.T, rec ingest.Record) {
				if rec.Item.URL != "https://www.example.at/de/artikel-1" {
					t.Errorf("URL = %q", rec.Item.URL)
				}
				if want := []string{"https://cdn.example/de/quelle.html", "https://other.example/x"}; !reflect.DeepEqual(rec.Item.URLs, want) {
					t.Errorf("URLs = %q, want %q", rec.Item.URLs, want)
				}
				if rec.Item.Lang != "de" {
					t.Errorf("Lang = %q", rec.Item.Lang)
				}
			},
			extractor: "trafilatura",
		},
		{
			name: "readability fallback",
			doc:  `<html><body><aside><p>` + strings.Repeat(lorem, 4) + `</p></aside></body></html>`, // trafilatura finds nothing
			opt:  ingest.Options{Name: "t.html"},
			check: func(t *testing.T, rec ingest.Record) {
				if strings.Count(rec.Item.Text, "Lorem ipsum") != 4 {
					t.Errorf("Text = %q", rec.Item.Text)
				}
				if rec.Item.URL != "" || rec.Item.Account != "" {
					t.Errorf("URL %q, Account %q: want none without any URL", rec.Item.URL, rec.Item.Account)
				}
			},
			extractor: "readability",
		},
		{
			name: "lines separated by br are not repeated",
			doc: `<html><body><div class="post"><div class="text">First sentence about the ministry and the letters that were forged last week.<br>` +
				`Second sentence explaining that researchers traced the copies to anonymous channels.<br>` +
				`Third sentence quoting an analyst who tracked similar forgeries since 2022 in the Baltics.<br>` +
				`Fourth sentence with the official response urging citizens to verify information.</div></div></body></html>`,
			opt: ingest.Options{Name: "br.html"},
			check: func(t *testing.T, rec ingest.Record) {
				for _, s := range []string{"First sentence", "Second sentence", "Third sentence", "Fourth sentence"} {
					if n := strings.Count(rec.Item.Text, s); n != 1 {
						t.Errorf("%q occurs %d times in %q", s, n, rec.Item.Text)
					}
				}
			},
			extractor: "trafilatura",
		},
		{
			name: "windows-1251",
			doc:  cp1251(t, strings.Replace(string(readFixture(t, "ru_outlet.html")), `<meta charset="utf-8">`, `<meta charset="windows-1251">`, 1)),
			opt:  ingest.Options{Name: "cp1251.html"},
			check: func(t *testing.T, rec ingest.Record) {
				if rec.Item.Title != "Киев готовит провокацию с «грязной бомбой», заявили в Минобороны" || !strings.Contains(rec.Item.Text, "подчеркнули в Кремле") {
					t.Errorf("Title %q, Text %q", rec.Item.Title, rec.Item.Text)
				}
				if h := rawOf(t, rec.Item.Raw).HTML; !strings.Contains(h, "Вести Сегодня") {
					t.Errorf("Raw html is not UTF-8: %.200q", h)
				}
			},
			extractor: "trafilatura",
		},
		{
			name: "JSON-LD graph and implausible meta date",
			doc: `<html><head><meta property="article:published_time" content="2031-01-01T00:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},{"@type":["NewsArticle"],"datePublished":"2026-01-15T10:00:00+02:00","publisher":{"@type":"Organization","name":"Graph News"},"inLanguage":"uk-UA"}]}</script>
<script type="application/ld+json">{not json</script></head><body><article><p>` + strings.Repeat(lorem, 3) + `</p></article></body></html>`,
			opt: ingest.Options{Name: "g.html", Fetched: fetched},
			check: func(t *testing.T, rec ingest.Record) {
				if want := utc("2026-01-15T08:00:00Z"); !rec.Item.Published.Equal(want) {
					t.Errorf("Published = %v, want %v", rec.Item.Published, want)
				}
				if rec.Item.Account != "Graph News" || rec.Item.Lang != "uk" {
					t.Errorf("Account %q Lang %q", rec.Item.Account, rec.Item.Lang)
				}
			},
			extractor: "trafilatura",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := decodePage(t, []byte(tt.doc), tt.opt)
			if rec.Err != nil {
				t.Fatalf("Err = %v", rec.Err)
			}
			if got := rawOf(t, rec.Item.Raw).Extractor; got != tt.extractor {
				t.Errorf("extractor = %q, want %q", got, tt.extractor)
			}
			tt.check(t, rec)
		})
	}
}

func cp1251(t *testing.T, s string) string {
	t.Helper()
	out, err := encoding.ReplaceUnsupported(charmap.Windows1251.NewEncoder()).String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLimits(t *testing.T) {
	t.Run("too large", func(t *testing.T) {
		doc := readFixture(t, "en_news.html")
		rec := decodePage(t, doc, ingest.Options{Name: "big.html", BaseURL: "https://b.example/", MaxBytes: 1000})
		if !errors.Is(rec.Err, ErrTooLarge) || rec.Err.Error() != "page too large: more than 1000 bytes" {
			t.Fatalf("Err = %v, want ErrTooLarge", rec.Err)
		}
		if len(rec.Verbatim) == 0 || len(rec.Verbatim) > 1001 || !bytes.HasPrefix(doc, rec.Verbatim) {
			t.Errorf("Verbatim has %d bytes, want the first 1001 at most", len(rec.Verbatim))
		}
		if raw := rawOf(t, rec.Item.Raw); !raw.Truncated || raw.URL != "https://b.example/" {
			t.Errorf("Raw = %+v", raw)
		}
	})
	t.Run("raw cap", func(t *testing.T) {
		doc := []byte(`<html lang="ru"><body><article><p>` + strings.Repeat("Длинный текст статьи. ", MaxRawHTML/20) + `</p></article></body></html>`)
		rec := decodePage(t, doc, ingest.Options{Name: "long.html"})
		if rec.Err != nil {
			t.Fatal(rec.Err)
		}
		raw := rawOf(t, rec.Item.Raw)
		if !raw.Truncated || len(raw.HTML) > MaxRawHTML || len(raw.HTML) < MaxRawHTML-4 || !strings.HasPrefix(string(doc), raw.HTML) {
			t.Errorf("Raw html %d bytes, truncated %v; want cut at %d on a rune boundary", len(raw.HTML), raw.Truncated, MaxRawHTML)
		}
	})
	t.Run("read error", func(t *testing.T) {
		d, _ := Open(io.MultiReader(strings.NewReader("<html>"), errReader{}), ingest.Options{Name: "broken.html"})
		if _, err := d.Next(); err == nil || err.Error() != "read html broken.html: connection reset" {
			t.Errorf("Next = %v, want a fatal read error", err)
		}
	})
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestSniff(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{"<!DOCTYPE html>\n<html>", true},
		{"<!doctype HTML><html lang=en>", true},
		{"\xef\xbb\xbf  <!-- saved from url=(0014)about:internet -->\n<html>", true},
		{"<html lang=\"ru\">", true},
		{"<HTML>", true},
		{`<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">`, true},
		{`<?xml version="1.0"?><!DOCTYPE html>`, true},
		{"<htmlx>", false},
		{`<rss version="2.0">`, false},
		{`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">`, false},
		{`{"text": "<html>"}`, false},
		{"<!-- unfinished", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.head, func(t *testing.T) {
			if got := Sniff([]byte(tt.head)); got != tt.want {
				t.Errorf("Sniff(%q) = %v, want %v", tt.head, got, tt.want)
			}
		})
	}
	for _, f := range []string{"en_news.html", "ru_outlet.html", "pl_article.html", "no_article.html"} {
		if !Sniff(readFixture(t, f)) {
			t.Errorf("fixture %s not sniffed as HTML", f)
		}
	}
}
