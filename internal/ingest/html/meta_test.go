package html

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

func TestPublished(t *testing.T) {
	now := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		head string
		body string
		want string // RFC 3339, "" for none
	}{
		{"article meta beats JSON-LD", `<meta property="article:published_time" content="2026-02-01T10:00:00+03:00"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-01-01T00:00:00Z"}</script>`, ``, "2026-02-01T07:00:00Z"},
		{"meta key case", `<meta NAME="PubDate" content="2026-02-02 08:00:00">`, ``, "2026-02-02T08:00:00Z"},
		{"JSON-LD article beats other types", `<script type="application/ld+json">[{"@type":"WebPage","datePublished":"2020-01-01"},{"@type":"ReportageNewsArticle","datePublished":"2026-02-03T09:15:00.000+01:00"}]</script>`, ``, "2026-02-03T08:15:00Z"},
		{"JSON-LD of other type", `<script type="application/ld+json">{"@type":"WebPage","datePublished":"2026-02-04"}</script>`, ``, "2026-02-04T00:00:00Z"},
		{"itemprop", ``, `<span itemprop="datePublished" content="2026-02-05T12:00:00Z">5 Feb</span>`, "2026-02-05T12:00:00Z"},
		{"time pubdate", ``, `<time datetime="2026-01-01T00:00:00Z">x</time><time pubdate datetime="2026-02-06T06:00:00+00:00">y</time>`, "2026-02-06T06:00:00Z"},
		{"time in article", ``, `<aside><time datetime="2025-12-31">a</time></aside><article><time datetime="2026-02-07T07:07:00+02:00">b</time></article>`, "2026-02-07T05:07:00Z"},
		{"only time on page", ``, `<div><time datetime="2026-02-08T08:00">b</time></div>`, "2026-02-08T08:00:00Z"},
		{"several times outside an article", ``, `<li><time datetime="2026-02-09">a</time></li><li><time datetime="2026-02-10">b</time></li>`, ""},
		{"future date skipped", `<meta property="article:published_time" content="2027-01-01T00:00:00Z"><meta name="date" content="2026-02-11">`, ``, "2026-02-11T00:00:00Z"},
		{"ancient date skipped", `<meta property="article:published_time" content="0001-01-01T00:00:00Z">`, ``, ""},
		{"unparsable", `<meta property="article:published_time" content="yesterday">`, ``, ""},
		{"no date", ``, `<p>text</p>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><head>" + tt.head + "</head><body>" + tt.body + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			got := readMeta(doc).published(now)
			if tt.want == "" {
				if !got.IsZero() {
					t.Errorf("published = %v, want none", got)
				}
				return
			}
			want, _ := time.Parse(time.RFC3339, tt.want)
			if !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("published = %v, want %v", got, want)
			}
		})
	}
}

func TestMetaFields(t *testing.T) {
	tests := []struct {
		name                             string
		doc                              string
		canonical, ogURL, lang, siteName string
	}{
		{"rel list", `<html xml:lang="cs"><head><link rel="alternate canonical" href="/a"><meta property="og:url" content="https://x.example/a"><meta name="application-name" content="App"></head></html>`, "/a", "https://x.example/a", "cs", "App"},
		{"content-language", `<html><head><meta http-equiv="Content-Language" content="uk"><meta property="og:site_name" content="OG"><meta name="application-name" content="App"></head></html>`, "", "", "uk", "OG"},
		{"og:locale", `<html><head><meta property="og:locale" content="ru_RU"></head></html>`, "", "", "ru_RU", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _ := goquery.NewDocumentFromReader(strings.NewReader(tt.doc))
			m := readMeta(doc)
			if m.canonical != tt.canonical || m.ogURL != tt.ogURL || m.lang != tt.lang || m.siteName != tt.siteName {
				t.Errorf("meta = %+v", m)
			}
		})
	}
}

func TestLangCode(t *testing.T) {
	tests := map[string]string{"en-GB": "en", "RU": "ru", "ru_RU": "ru", "pl, en": "pl", "": "", "rus": "", "x-default": "", "zh-Hant-TW": "zh"}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := langCode(in); got != want {
				t.Errorf("langCode(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestTextCleanup(t *testing.T) {
	long1 := "A first paragraph that is long enough to count as a repeat."
	long2 := "A second paragraph that is also long enough to be compared."
	tests := []struct {
		name, in, title, want string
	}{
		{"glued repeat", long1 + "\n" + long2 + "\n\n" + strings.ReplaceAll(long1+long2, " ", " "), "", long1 + "\n" + long2},
		{"exact repeat", long1 + "\n\n" + long2 + "\n\n" + long1, "", long1 + "\n\n" + long2},
		{"short repeats kept", "Photo: AP\n\n" + long1 + "\n\nPhoto: AP", "", "Photo: AP\n\n" + long1 + "\n\nPhoto: AP"},
		{"title first", "The  Title\n\n" + long1, "The Title", long1},
		{"title later kept", long1 + "\n\nThe Title", "The Title", long1 + "\n\nThe Title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dropLeadingTitle(dropRepeats(tt.in), tt.title); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
