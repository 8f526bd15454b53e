package feed

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
	"fimi/internal/ingest/html/plaintext"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"
)

// decoder returns one record per entry of a parsed feed. It is not safe for concurrent use.
type decoder struct {
	feed     *gofeed.Feed
	rss      *rss.Feed // the original RSS feed, nil for Atom
	base     *url.URL  // resolves relative entry links; nil when there is nothing to resolve against
	account  string
	lang     string
	info     rawFeed
	maxBytes int
	next     int // index of the next entry
}

// rawFeed is the feed-level part of every entry's Item.Raw.
type rawFeed struct {
	Title    string `json:"title,omitempty"`
	Link     string `json:"link,omitempty"`
	FeedLink string `json:"feedLink,omitempty"`
	Language string `json:"language,omitempty"`
	Type     string `json:"type,omitempty"` // "rss" or "atom"
}

// rawEntry is Item.Raw: the gofeed item as gofeed marshals it, plus "feed".
type rawEntry struct {
	*gofeed.Item
	Feed rawFeed `json:"feed"`
}

func newDecoder(f *gofeed.Feed, opt ingest.Options) *decoder {
	d := &decoder{
		feed:     f,
		maxBytes: opt.MaxBytes,
		lang:     langCode(f.Language),
		info: rawFeed{
			Title:    f.Title,
			Link:     f.Link,
			FeedLink: f.FeedLink,
			Language: f.Language,
			Type:     f.FeedType,
		},
	}
	if d.maxBytes <= 0 {
		d.maxBytes = DefaultMaxRecordBytes
	}
	if rf, ok := f.OriginalFeed().(*rss.Feed); ok && len(rf.Items) == len(f.Items) {
		d.rss = rf
	}
	// Entry links resolve against the feed's link, itself resolved against the URL the feed
	// was fetched from.
	if b, err := url.Parse(strings.TrimSpace(opt.BaseURL)); err == nil && b.IsAbs() {
		d.base = b
	}
	if l, err := url.Parse(strings.TrimSpace(f.Link)); err == nil && f.Link != "" {
		if d.base != nil {
			l = d.base.ResolveReference(l)
		}
		if l.IsAbs() {
			d.base = l
		}
	}
	d.account = strings.TrimSpace(f.Title)
	if d.account == "" && d.base != nil {
		d.account = d.base.Hostname()
	}
	return d
}

// Next returns the record of the next entry, or io.EOF after the last one. Entries that
// cannot be decoded (too large, a link that is no URL) come back as records with Err set
// (wrapping a *ingest.FieldError when one field is at fault) and Verbatim holding the entry's
// JSON, cut to the record limit; Next itself never fails. Empty entries are delivered as they
// are: the pipeline rejects them. Line is the 1-based entry number.
func (d *decoder) Next() (ingest.Record, error) {
	if d.next >= len(d.feed.Items) {
		return ingest.Record{}, io.EOF
	}
	i := d.next
	d.next++
	it := d.feed.Items[i]
	rec := ingest.Record{Line: i + 1}

	raw, err := json.Marshal(rawEntry{Item: it, Feed: d.info})
	if err != nil {
		rec.Err = fmt.Errorf("entry %d: encode as JSON: %w", i+1, err)
		return rec, nil
	}
	if len(raw) > d.maxBytes {
		rec.Verbatim = cut(raw, d.maxBytes)
		rec.Err = fmt.Errorf("entry %d: %w: %d bytes as JSON, limit %d", i+1, ErrTooLarge, len(raw), d.maxBytes)
		return rec, nil
	}

	item := fimi.Item{
		Platform:  fimi.PlatformWeb,
		NativeID:  strings.TrimSpace(it.GUID),
		Account:   d.account,
		Author:    authorName(it, d.feed),
		Lang:      d.lang,
		Published: entryTime(it),
		Raw:       raw,
	}

	link := strings.TrimSpace(it.Link)
	if link == "" && d.rss != nil && guidIsPermaLink(d.rss.Items[i]) {
		link = item.NativeID
	}
	var itemURL *url.URL
	if link != "" {
		u, err := url.Parse(link)
		if err != nil {
			rec.Item, rec.Verbatim = item, raw
			rec.Err = fmt.Errorf("entry %d: %w", i+1, &ingest.FieldError{Field: ingest.FieldURL, Value: ingest.Short(link, 200), Err: err})
			return rec, nil
		}
		if d.base != nil {
			u = d.base.ResolveReference(u)
		}
		itemURL = u
		item.URL = u.String()
	}

	// Links inside the content resolve against the entry itself (Atom content arrives with
	// xml:base already applied by gofeed).
	linkBase := itemURL
	if linkBase == nil || !linkBase.IsAbs() {
		linkBase = d.base
	}
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	var links []string
	item.Text, links = plaintext.FromHTML(body, linkBase)
	if strings.ContainsAny(it.Title, "<&") {
		item.Title, _ = plaintext.FromHTML(it.Title, nil)
	} else {
		item.Title = strings.TrimSpace(it.Title)
	}

	seen := map[string]bool{item.URL: true}
	for _, e := range it.Enclosures {
		if u := plaintext.ResolveLink(linkBase, e.URL); u != "" && !seen[u] {
			seen[u] = true
			item.URLs = append(item.URLs, u)
		}
	}
	for _, u := range links {
		if !seen[u] {
			seen[u] = true
			item.URLs = append(item.URLs, u)
		}
	}

	rec.Item = item
	return rec, nil
}

// guidIsPermaLink reports whether an RSS item's guid is its URL: isPermaLink is absent or
// "true", and the guid is an absolute http(s) URL.
func guidIsPermaLink(it *rss.Item) bool {
	if it.GUID == nil || strings.EqualFold(strings.TrimSpace(it.GUID.IsPermalink), "false") {
		return false
	}
	u, err := url.Parse(strings.TrimSpace(it.GUID.Value))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// authorName joins the names of the entry's authors (the e-mail address when a name is
// missing). Atom entries without authors inherit the feed's, as RFC 4287 says.
func authorName(it *gofeed.Item, f *gofeed.Feed) string {
	persons := it.Authors
	if len(persons) == 0 && it.Author != nil {
		persons = []*gofeed.Person{it.Author}
	}
	if len(persons) == 0 && f.FeedType == "atom" {
		persons = f.Authors
	}
	var names []string
	for _, p := range persons {
		if p == nil {
			continue
		}
		if n := strings.TrimSpace(p.Name); n != "" {
			names = append(names, n)
		} else if e := strings.TrimSpace(p.Email); e != "" {
			names = append(names, e)
		}
	}
	return strings.Join(names, ", ")
}

// zoneOffsets are time zone abbreviations of the region that gofeed's date parser does not
// know: it reads them as UTC. Keys must not collide with zones it does know (EET, CET, ...).
var zoneOffsets = map[string]time.Duration{
	"MSK":  3 * time.Hour,
	"MSD":  4 * time.Hour,
	"SAMT": 4 * time.Hour,
	"YEKT": 5 * time.Hour,
	"OMST": 6 * time.Hour,
	"KRAT": 7 * time.Hour,
	"IRKT": 8 * time.Hour,
	"YAKT": 9 * time.Hour,
	"VLAT": 10 * time.Hour,
	"MAGT": 11 * time.Hour,
	"PETT": 12 * time.Hour,
}

// entryTime returns when the entry was published, else updated, in UTC; zero when neither
// parses. Dates ending in a zone abbreviation from zoneOffsets (with no numeric offset before
// it) are corrected.
func entryTime(it *gofeed.Item) time.Time {
	t, s := it.PublishedParsed, it.Published
	if t == nil {
		t, s = it.UpdatedParsed, it.Updated
	}
	if t == nil {
		return time.Time{}
	}
	tt := t.UTC()
	if f := strings.Fields(s); len(f) >= 2 {
		off, ok := zoneOffsets[strings.ToUpper(f[len(f)-1])]
		prev := f[len(f)-2]
		numeric := strings.HasPrefix(prev, "+") || (strings.HasPrefix(prev, "-") && len(prev) > 1)
		if ok && !numeric {
			tt = tt.Add(-off)
		}
	}
	return tt
}

// langCode returns the ISO 639-1 code of a language tag ("en-us" → "en", "ru_RU" → "ru"),
// or "" when the tag does not start with a two-letter code.
func langCode(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}

// cut returns at most n bytes of b, cut on a UTF-8 rune boundary.
func cut(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return b[:n]
}
