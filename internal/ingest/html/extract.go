package html

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"fimi/internal/ingest/html/plaintext"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-trafilatura"
	xhtml "golang.org/x/net/html"
)

// page is what is extracted from one document.
type page struct {
	url       string // canonical URL, else the base URL
	title     string
	author    string
	siteName  string
	lang      string // ISO 639-1
	published time.Time
	text      string
	links     []string
	extractor string
}

// extractPage extracts the article in doc. baseURL is where the page came from ("" when
// unknown); now bounds plausible publication times. doc is not modified.
func extractPage(doc *xhtml.Node, baseURL string, now time.Time) page {
	gq := goquery.NewDocumentFromNode(doc)
	m := readMeta(gq)

	base := parseURL(nil, baseURL)
	var p page
	canonical := parseURL(base, m.canonical)
	if canonical == nil {
		canonical = parseURL(base, m.ogURL)
	}
	switch {
	case canonical != nil:
		p.url = canonical.String()
	case base != nil:
		p.url = base.String()
	}
	// Links in the page resolve against <base href>, else the URL the page came from, else
	// the canonical URL.
	linkBase := base
	if linkBase == nil {
		linkBase = canonical
	}
	if b := parseURL(linkBase, m.base); b != nil {
		linkBase = b
	}

	topts := trafilatura.Options{
		OriginalURL:     linkBase,
		ExcludeComments: true,
		IncludeLinks:    true,
		HtmlDateMode:    trafilatura.Fast,
	}
	var tm trafilatura.Metadata
	if res, err := trafilatura.ExtractDocument(doc, topts); err == nil && res != nil {
		tm = res.Metadata
		if res.ContentNode != nil {
			p.text, p.links = plaintext.FromNode(res.ContentNode, linkBase)
			p.text = dropRepeats(p.text)
			p.extractor = "trafilatura"
		}
	}

	// Readability is tried when trafilatura found little text (its text then wins when it
	// is longer) or no title.
	var art readability.Article
	short := utf8.RuneCountInString(p.text) < FallbackRunes
	if short || tm.Title == "" {
		rp := readability.NewParser()
		if a, err := rp.ParseDocument(doc, linkBase); err == nil {
			art = a
			if short && a.Node != nil {
				if text, links := plaintext.FromNode(a.Node, linkBase); utf8.RuneCountInString(text) > utf8.RuneCountInString(p.text) {
					p.text, p.links, p.extractor = text, links, "readability"
				}
			}
		}
	}

	p.title = firstNonEmpty(tm.Title, art.Title(), m.ogTitle, m.title)
	p.author = firstNonEmpty(tm.Author, art.Byline(), m.author)
	p.siteName = firstNonEmpty(m.siteName, tm.Sitename, art.SiteName())
	if p.siteName == "" && p.url != "" {
		if u, err := url.Parse(p.url); err == nil {
			p.siteName = u.Hostname()
		}
	}
	p.lang = firstNonEmpty(langCode(m.lang), langCode(art.Language()))

	p.published = m.published(now)
	if p.published.IsZero() && plausible(tm.Date, now) {
		p.published = tm.Date.UTC()
	}

	p.text = dropLeadingTitle(p.text, p.title)
	return p
}

// Bounds of dropRepeats: the shortest paragraph it drops, and the longest text it examines
// (the check is quadratic).
const (
	minRepeatRunes = 40
	maxRepeatBytes = 256 << 10
)

// dropRepeats removes paragraphs of at least minRepeatRunes characters whose text (white space
// ignored) already occurs in the paragraphs before them. Trafilatura emits text separated by
// <br> inside a <div> twice, the second time glued together (adbar/trafilatura#768), which
// would distort duplicate detection; articles seldom repeat a long paragraph verbatim, and
// when they do (pull quotes) the repeat adds nothing.
func dropRepeats(text string) string {
	if len(text) > maxRepeatBytes {
		return text
	}
	var kept []string
	var before strings.Builder // kept paragraphs without white space
	for _, para := range strings.Split(text, "\n\n") {
		key := strings.Join(strings.Fields(para), "")
		if utf8.RuneCountInString(key) >= minRepeatRunes && strings.Contains(before.String(), key) {
			continue
		}
		kept = append(kept, para)
		before.WriteString(key)
	}
	return strings.Join(kept, "\n\n")
}

// dropLeadingTitle removes the first paragraph of text when it repeats the title.
func dropLeadingTitle(text, title string) string {
	if title == "" {
		return text
	}
	first, rest, _ := strings.Cut(text, "\n\n")
	if strings.EqualFold(strings.Join(strings.Fields(first), " "), strings.Join(strings.Fields(title), " ")) {
		return rest
	}
	return text
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
