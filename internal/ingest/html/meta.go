package html

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// meta is what a page says about itself in its markup, raw.
type meta struct {
	canonical string // <link rel=canonical href>
	ogURL     string // og:url
	base      string // <base href>
	lang      string // <html lang>, content-language, og:locale, JSON-LD inLanguage
	siteName  string // og:site_name, application-name, JSON-LD publisher name
	ogTitle   string
	title     string // <title>
	author    string // <meta name=author>
	dates     []string
}

// dateMetaKeys are meta names and properties that carry the publication time, best first.
var dateMetaKeys = []string{
	"article:published_time", "og:published_time", "og:article:published_time",
	"datepublished", "pubdate", "publishdate", "publish-date", "publication_date",
	"sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date",
	"date",
}

// readMeta reads the page's metadata. Keys of meta tags are compared case-insensitively.
func readMeta(doc *goquery.Document) meta {
	var m meta
	m.canonical = linkRel(doc, "canonical")
	m.base, _ = doc.Find("base[href]").First().Attr("href")
	m.title = doc.Find("title").First().Text()

	metas := map[string]string{}
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		content, ok := s.Attr("content")
		if !ok || strings.TrimSpace(content) == "" {
			return
		}
		for _, attr := range []string{"property", "name", "itemprop", "http-equiv"} {
			if k, ok := s.Attr(attr); ok {
				k = strings.ToLower(strings.TrimSpace(k))
				if _, seen := metas[k]; !seen {
					metas[k] = strings.TrimSpace(content)
				}
			}
		}
	})
	m.ogURL = metas["og:url"]
	m.ogTitle = metas["og:title"]
	m.author = metas["author"]
	m.siteName = firstNonEmpty(metas["og:site_name"], metas["application-name"])

	ld := readJSONLD(doc)
	if m.siteName == "" {
		m.siteName = ld.publisher
	}

	lang, _ := doc.Find("html").First().Attr("lang")
	if lang == "" {
		lang, _ = doc.Find("html").First().Attr("xml:lang")
	}
	m.lang = firstNonEmpty(lang, metas["content-language"], metas["language"], metas["dc.language"], metas["og:locale"], ld.lang)

	for _, k := range dateMetaKeys {
		if v := metas[k]; v != "" {
			m.dates = append(m.dates, v)
		}
	}
	m.dates = append(m.dates, ld.published...)
	doc.Find(`[itemprop="datePublished"]`).Each(func(_ int, s *goquery.Selection) {
		m.dates = append(m.dates, firstNonEmpty(s.AttrOr("datetime", ""), s.AttrOr("content", ""), s.Text()))
	})
	doc.Find("time[pubdate][datetime]").Each(func(_ int, s *goquery.Selection) {
		m.dates = append(m.dates, s.AttrOr("datetime", ""))
	})
	// A <time datetime> in the article, or the only one on the page, is the publication
	// time; several outside an article are more likely lists of other stories.
	if t := doc.Find("article time[datetime]"); t.Length() > 0 {
		m.dates = append(m.dates, t.First().AttrOr("datetime", ""))
	} else if t := doc.Find("time[datetime]"); t.Length() == 1 {
		m.dates = append(m.dates, t.AttrOr("datetime", ""))
	}
	return m
}

// published returns the first plausible publication time among the candidates, in UTC.
func (m meta) published(now time.Time) time.Time {
	for _, s := range m.dates {
		if t, ok := parseTime(s); ok && plausible(t, now) {
			return t.UTC()
		}
	}
	return time.Time{}
}

// linkRel returns the href of the first <link> whose rel list contains rel.
func linkRel(doc *goquery.Document, rel string) string {
	var href string
	doc.Find("link[rel][href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		for _, r := range strings.Fields(strings.ToLower(s.AttrOr("rel", ""))) {
			if r == rel {
				href = s.AttrOr("href", "")
				return false
			}
		}
		return true
	})
	return href
}

// jsonLD is what is taken from a page's JSON-LD.
type jsonLD struct {
	published []string // datePublished of article-like objects first, then of any object
	publisher string
	lang      string
}

// readJSONLD reads the <script type="application/ld+json"> blocks; blocks that are not valid
// JSON are skipped.
func readJSONLD(doc *goquery.Document) jsonLD {
	var ld jsonLD
	var other []string
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if !strings.EqualFold(strings.TrimSpace(s.AttrOr("type", "")), "application/ld+json") {
			return
		}
		var v any
		if err := json.Unmarshal([]byte(s.Text()), &v); err != nil {
			return
		}
		walkJSONLD(v, 0, func(obj map[string]any) {
			date, _ := obj["datePublished"].(string)
			if date != "" {
				if isArticleType(obj["@type"]) {
					ld.published = append(ld.published, date)
				} else {
					other = append(other, date)
				}
			}
			if ld.publisher == "" && isArticleType(obj["@type"]) {
				if pub, ok := obj["publisher"].(map[string]any); ok {
					ld.publisher, _ = pub["name"].(string)
				}
			}
			if ld.lang == "" {
				ld.lang, _ = obj["inLanguage"].(string)
			}
		})
	})
	ld.published = append(ld.published, other...)
	return ld
}

// walkJSONLD calls fn for every object in v: top-level objects, array elements and @graph
// members, to a small depth.
func walkJSONLD(v any, depth int, fn func(map[string]any)) {
	if depth > 4 {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			walkJSONLD(e, depth+1, fn)
		}
	case map[string]any:
		fn(v)
		if g, ok := v["@graph"]; ok {
			walkJSONLD(g, depth+1, fn)
		}
	}
}

// isArticleType reports whether a JSON-LD @type (a string or a list) names an article.
func isArticleType(t any) bool {
	switch t := t.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting"
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// timeLayouts are the layouts of dates in meta tags, JSON-LD and <time datetime>. Times
// without a zone are taken as UTC.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"20060102T150405Z0700",
	"20060102",
}

func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// plausible rejects zero times, times before the web and times more than two days after now.
func plausible(t, now time.Time) bool {
	return !t.IsZero() && t.Year() >= 1995 && t.Before(now.Add(48*time.Hour))
}

// langCode returns the ISO 639-1 code of a language tag ("en-GB" → "en", "ru_RU" → "ru"), or
// "" when the tag does not start with a two-letter code.
func langCode(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_,; "); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}
