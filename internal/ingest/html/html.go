// Package html decodes one HTML article page into one ingest record: main text, title,
// author, publication time, language, canonical URL, site name and the links in the main text.
//
// The main text comes from github.com/markusmobius/go-trafilatura; when it finds less than
// FallbackRunes characters, codeberg.org/readeck/go-readability/v2 is tried and the longer
// text wins. Metadata is read from the page itself first (link rel=canonical, OpenGraph and
// article meta tags, JSON-LD, <time datetime>, <html lang>) and from the extractors second.
// The fetch time (Options.Fetched) is never taken as a publication time: a page without a
// date has a zero Published and keeps the fetch time in Raw. Values are delivered raw; the
// ingest pipeline normalises text, canonicalises URLs and detects missing languages.
//
// A page with fewer than MinTextRunes characters of main text is a record rejected with
// ErrNoText. Limits: a document larger than Options.MaxBytes (DefaultMaxBytes when not
// positive) is rejected without being parsed; Raw keeps at most MaxRawHTML bytes of the page.
// A decoder is not safe for concurrent use; separate decoders may run concurrently.
package html

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"fimi/internal/fimi"
	"fimi/internal/ingest"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// Limits and thresholds.
const (
	DefaultMaxBytes = 16 << 20 // largest page accepted when Options.MaxBytes is not positive
	MaxRawHTML      = 2 << 20  // bytes of the page kept in Item.Raw (and Verbatim of rejects)
	FallbackRunes   = 250      // below this many characters of main text, readability is tried too
	MinTextRunes    = 80       // below this many non-space characters, a page has no main text
)

// HTML is the HTML page format: name "html", extensions .html and .htm, sniffed by a leading
// <!doctype html> or <html> (after a byte order mark, white space, comments or an XML
// declaration).
var HTML = ingest.Format{
	Name:  "html",
	Exts:  []string{".html", ".htm"},
	Sniff: Sniff,
	Open:  Open,
}

// Errors of pages, wrapped in records' Err.
var (
	// ErrNoText: the page has no extractable main text (a login page, a listing, an error page).
	ErrNoText = errors.New("no main text found")
	// ErrTooLarge: the page is larger than the record limit.
	ErrTooLarge = errors.New("page too large")
)

// Sniff reports whether head, the first bytes of an input, starts an HTML document.
func Sniff(head []byte) bool {
	b := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for {
		b = bytes.TrimLeft(b, " \t\r\n\f")
		switch {
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b[4:], []byte("-->"))
			if i < 0 {
				return false
			}
			b = b[4+i+3:]
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return false
			}
			b = b[i+2:]
		default:
			return hasPrefixFold(b, "<!doctype html") ||
				(hasPrefixFold(b, "<html") && len(b) > 5 && strings.IndexByte(" \t\r\n\f>", b[5]) >= 0)
		}
	}
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// Open returns a decoder that reads one page from r on its first Next. It never fails.
func Open(r io.Reader, opt ingest.Options) (ingest.Decoder, error) {
	return &decoder{r: r, opt: opt}, nil
}

// decoder yields one record for its page. It is not safe for concurrent use.
type decoder struct {
	r    io.Reader
	opt  ingest.Options
	done bool
}

// rawPage is Item.Raw of a page.
type rawPage struct {
	URL       string    `json:"url,omitempty"`    // Options.BaseURL, else the canonical URL
	Fetched   time.Time `json:"fetched,omitzero"` // Options.Fetched
	HTML      string    `json:"html"`             // the page as UTF-8, at most MaxRawHTML bytes
	Truncated bool      `json:"html_truncated,omitempty"`
	Extractor string    `json:"extractor,omitempty"` // "trafilatura" or "readability"
}

// Next returns the page's record the first time and io.EOF afterwards. Pages that are too
// large, have no main text or make an extractor panic come back as records with Err set and
// Verbatim holding the page as read (at most MaxRawHTML bytes); reading errors are fatal.
func (d *decoder) Next() (ingest.Record, error) {
	if d.done {
		return ingest.Record{}, io.EOF
	}
	d.done = true
	limit := d.opt.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(d.r, int64(limit)+1))
	if err != nil {
		return ingest.Record{}, fmt.Errorf("read html %s: %w", d.opt.Name, err)
	}
	tooLarge := len(data) > limit
	verbatim, _ := truncate(data, MaxRawHTML) // for rejects: the bytes as read
	data = toUTF8(data, d.opt.ContentType)
	raw := rawPage{URL: strings.TrimSpace(d.opt.BaseURL), Fetched: d.opt.Fetched}
	raw.HTML, raw.Truncated = truncate(data, MaxRawHTML)
	rec := ingest.Record{Line: 1}
	if tooLarge {
		raw.Truncated = true
		rec.Item = fimi.Item{Platform: fimi.PlatformWeb, URL: raw.URL, Raw: mustJSON(raw)}
		rec.Verbatim = []byte(verbatim)
		rec.Err = fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
		return rec, nil
	}

	doc, err := xhtml.Parse(bytes.NewReader(data))
	if err != nil { // only on reader errors
		return ingest.Record{}, fmt.Errorf("parse html %s: %w", d.opt.Name, err)
	}
	now := d.opt.Fetched
	if now.IsZero() {
		now = time.Now()
	}
	page, err := safeExtract(doc, d.opt.BaseURL, now)
	if err != nil {
		rec.Item = fimi.Item{Platform: fimi.PlatformWeb, URL: raw.URL, Raw: mustJSON(raw)}
		rec.Verbatim = []byte(verbatim)
		rec.Err = err
		return rec, nil
	}
	raw.Extractor = page.extractor
	if raw.URL == "" {
		raw.URL = page.url
	}
	rec.Item = fimi.Item{
		Platform:  fimi.PlatformWeb,
		Account:   page.siteName,
		Author:    page.author,
		URL:       page.url,
		Title:     page.title,
		Text:      page.text,
		Lang:      page.lang,
		Published: page.published,
		URLs:      page.links,
		Raw:       mustJSON(raw),
	}
	if nonSpaceRunes(page.text) < MinTextRunes {
		rec.Verbatim = []byte(verbatim)
		rec.Err = &ingest.FieldError{Field: ingest.FieldText, Err: ErrNoText}
	}
	return rec, nil
}

// safeExtract runs extractPage and turns a panic in the third-party extractors, which parse
// hostile pages, into an error for this page alone.
func safeExtract(doc *xhtml.Node, baseURL string, now time.Time) (p page, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract article: panic: %v", r)
		}
	}()
	return extractPage(doc, baseURL, now), nil
}

// toUTF8 returns data as UTF-8: valid UTF-8 is kept (a byte order mark dropped); anything
// else is decoded from the charset of the HTTP Content-Type, else the one the page declares,
// else windows-1252.
func toUTF8(data []byte, contentType string) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return data
	}
	enc, _, _ := charset.DetermineEncoding(data, contentType)
	if out, err := enc.NewDecoder().Bytes(data); err == nil {
		return out
	}
	return data
}

// truncate returns at most n bytes of b as a string, cut on a rune boundary, and whether it cut.
func truncate(b []byte, n int) (string, bool) {
	if len(b) <= n {
		return string(b), false
	}
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n]), true
}

// mustJSON marshals v, which is always possible for rawPage.
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("html: marshal %T: %v", v, err))
	}
	return b
}

func nonSpaceRunes(s string) int {
	n := 0
	for _, r := range s {
		if !strings.ContainsRune(" \t\r\n\f\u00a0", r) {
			n++
		}
	}
	return n
}

// parseURL parses s as an absolute http(s) URL, resolved against base when relative.
func parseURL(base *url.URL, s string) *url.URL {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}
