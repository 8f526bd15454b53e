package importer

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
	"fimi/internal/text"
)

// ClaimReview is the format of schema.org ClaimReview, as JSON-LD files and as HTML pages.
//
// JSON input is a single object, an array, a sequence of values (JSON Lines) or an @graph
// document; ClaimReview objects are found wherever they are nested (an @graph, a WebPage's
// mainEntity, a DataFeed's dataFeedElement items), @type matched with or without a "schema:"
// or URL prefix. Responses of the Google Fact Check Tools API (claims[] with text, claimant,
// claimDate and claimReview[] with publisher, url, title, reviewDate, textualRating,
// languageCode) are read too. Each top-level value of the input (each array element) is decoded
// on its own: a malformed, truncated or oversized one is rejected and the others land; a value
// holding no ClaimReview is rejected with what it holds instead. References by @id ("author":
// {"@id": "#org"}) are resolved within the same top-level value.
//
// HTML input is one page: every <script type="application/ld+json"> block is read (HTML
// comment and CDATA wrappers and a trailing ';' removed), blocks without ClaimReview are
// skipped, a malformed block is rejected with its line and the other blocks still land, and a
// page with no ClaimReview at all is rejected. Relative URLs resolve against <base href>,
// <link rel="canonical"> or og:url. A page is read whole, up to MaxDocBytes.
//
// Mapping: Text is claimReviewed (else itemReviewed.text or .name); Title the review's name or
// headline; Disproof its reviewBody (else description); Rating the reviewRating's alternateName
// (else name, else "ratingValue/bestRating"); Verdict NormalizeVerdict of that label, else the
// position of ratingValue between worstRating and bestRating (see scaleVerdict); Publisher the
// author's name (else publisher's); Published datePublished (else dateCreated); Appeared the
// itemReviewed's (else firstAppearance's) datePublished; Related the URLs of itemReviewed's
// appearance and firstAppearance; Languages those of the claim and its appearances, else the
// review's inLanguage; Keywords the review's keywords. HTML entities in text fields are
// decoded. Raw is the ClaimReview object as read (for the Fact Check API, the claim object).
//
// ID: the review's canonical url (else its @id when that is an absolute URL). When a later
// ClaimReview of the same input has that URL but a different claim (pages reviewing several
// claims), it gets the URL plus "#claim-" and 12 hex digits of the SHA-256 of its claim text;
// the first keeps the bare URL. A review without URL gets
// a hash of publisher, claim text and datePublished (fallbackID, as jsonl and csv records
// without id or url).
//
// Rejected: besides the above, a review without claim text or title, with a date that does
// not parse or a url that is not an http(s) URL, or larger than Options.MaxBytes.
var ClaimReview = Format{
	Name:  "claimreview",
	Doc:   "schema.org ClaimReview: JSON-LD (object, array, @graph, JSON Lines, Fact Check API) or HTML pages with ld+json blocks",
	Exts:  []string{".json", ".jsonld", ".json-ld", ".html", ".htm", ".xhtml"},
	Sniff: sniffClaimReview,
	Open:  openClaimReview,
}

// sniffClaimReview accepts HTML pages (by extension or content) and JSON that mentions
// ClaimReview (or the Fact Check API's claimReview) in its first bytes.
func sniffClaimReview(name string, head []byte) bool {
	if isHTMLName(name) {
		return true
	}
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(head) == 0 {
		return false
	}
	switch head[0] {
	case '<':
		return looksHTML(head)
	case '{', '[':
		if fimiLayout(head) {
			return false
		}
		return bytes.Contains(head, []byte("ClaimReview")) || bytes.Contains(head, []byte(`"claimReview"`)) && bytes.Contains(head, []byte("textualRating"))
	}
	return false
}

// fimiLayout reports whether the first line of head is a JSON object in fimi's claim layout
// (id and text or title, no JSON-LD keys): claims exported by fimi keep a ClaimReview in their
// raw member and must not be taken for ClaimReview documents.
func fimiLayout(head []byte) bool {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	var m map[string]json.RawMessage
	if json.Unmarshal(line, &m) != nil {
		return false
	}
	_, id := m["id"]
	_, txt := m["text"]
	_, title := m["title"]
	_, typ := m["@type"]
	_, graph := m["@graph"]
	return id && (txt || title) && !typ && !graph
}

func isHTMLName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	return false
}

func looksHTML(head []byte) bool {
	l := bytes.ToLower(head[:min(len(head), 1024)])
	for _, p := range []string{"<!doctype html", "<html", "<head", "<meta", "<script", "<body", "<!--"} {
		if bytes.Contains(l, []byte(p)) {
			return true
		}
	}
	return false
}

func openClaimReview(r io.Reader, opt Options) (Decoder, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	head, _ := br.Peek(sniffBytes)
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if isHTMLName(opt.Name) || len(trimmed) > 0 && trimmed[0] == '<' {
		return openClaimReviewHTML(br, opt)
	}
	return &crDecoder{s: newSplitter(br, MaxDocBytes), opt: opt, seen: map[string]string{}}, nil
}

// crDecoder reads ClaimReview JSON, one top-level value at a time.
type crDecoder struct {
	s       *splitter
	opt     Options
	pending []Record
	seen    map[string]string // review URL -> claim text (see disambiguate)
}

// Next implements Decoder.
func (d *crDecoder) Next() (Record, error) {
	for len(d.pending) == 0 {
		u, err := d.s.next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return Record{}, io.EOF
			}
			return Record{}, fmt.Errorf("%s: %w", d.opt.Name, err)
		}
		what := "value"
		if u.inArray {
			what = "element"
		}
		d.pending = crUnit(u, d.opt, "", false, 0, fmt.Sprintf("%s %d", what, u.index), d.seen)
	}
	r := d.pending[0]
	d.pending = d.pending[1:]
	return r, nil
}

// crUnit decodes one JSON value holding ClaimReviews. lineBase shifts the unit's lines (for
// script blocks inside a page); base resolves relative URLs; where names the value in reasons
// for rejecting it whole; seen carries the review URLs of the input (see disambiguate). In
// lenient mode (HTML) a value without ClaimReview yields nothing instead of a reject. Records
// own their memory: Raw and Verbatim are copies, not slices of the value.
func crUnit(u unit, opt Options, base string, lenient bool, lineBase int, where string, seen map[string]string) []Record {
	u.line += lineBase
	reject := func(err error) []Record {
		return []Record{{Line: u.line, Verbatim: cut(u.data, opt.maxBytes()), Err: fmt.Errorf("%s: %w", where, err)}}
	}
	if err := u.problem(MaxDocBytes); err != nil {
		if u.unfinished && lenient {
			// A script block ended inside the value: a syntax error says more than "truncated".
			if _, terr := tree(u.data, u.line); terr != nil && !strings.HasPrefix(terr.Error(), "truncated") {
				err = terr
			}
		}
		return reject(err)
	}
	if !utf8.Valid(u.data) {
		return reject(fmt.Errorf("invalid UTF-8 at byte %d", invalidAt(u.data)))
	}
	root, err := tree(u.data, u.line)
	if err != nil {
		return reject(err)
	}
	ids := map[string]*jobj{}
	var found []crFound
	collectReviews(root, ids, &found, false)
	sort.SliceStable(found, func(i, j int) bool { return found[i].o.off < found[j].o.off })
	if len(found) == 0 {
		if lenient {
			return nil
		}
		what := "no JSON object"
		if o, ok := root.(*jobj); ok {
			what = "no @type"
			if ts := o.types(); len(ts) > 0 {
				what = "@type " + strings.Join(ts, ", ")
			}
		}
		return reject(fmt.Errorf("no ClaimReview in this value (%s)", what))
	}
	recs := make([]Record, 0, len(found))
	for _, f := range found {
		rec := Record{Line: f.o.line}
		raw := f.raw().raw
		if len(raw) > opt.maxBytes() {
			rec.Verbatim, rec.Err = bytes.Clone(raw[:opt.maxBytes()]), tooLarge(len(raw), opt.maxBytes())
		} else {
			rec.Claim, rec.Err = f.claim(ids, base)
			if rec.Err != nil {
				rec.Verbatim = bytes.Clone(raw)
			}
		}
		recs = append(recs, rec)
	}
	disambiguate(recs, seen)
	return recs
}

// crFound is a ClaimReview found in a document: a schema.org object, or one review of a Fact
// Check API claim (api set).
type crFound struct {
	o   *jobj // the ClaimReview, or the API's review object
	api *jobj // the API's claim object holding o, if any
}

func (f crFound) raw() *jobj {
	if f.api != nil {
		return f.api
	}
	return f.o
}

// collectReviews walks a decoded value, indexing objects by @id and collecting ClaimReviews
// (not looking for reviews inside reviews).
func collectReviews(v any, ids map[string]*jobj, out *[]crFound, inReview bool) {
	switch x := v.(type) {
	case *jobj:
		if id, ok := x.m["@id"].(string); ok && len(x.m) > 1 {
			if _, dup := ids[id]; !dup {
				ids[id] = x
			}
		}
		if !inReview {
			switch {
			case x.is("ClaimReview"):
				*out = append(*out, crFound{o: x})
				inReview = true
			case isAPIClaim(x):
				for _, r := range x.list("claimReview") {
					if ro, ok := r.(*jobj); ok {
						*out = append(*out, crFound{o: ro, api: x})
					}
				}
				inReview = true
			}
		}
		for _, e := range x.m {
			collectReviews(e, ids, out, inReview)
		}
	case []any:
		for _, e := range x {
			collectReviews(e, ids, out, inReview)
		}
	}
}

// isAPIClaim reports whether o is a claim of the Google Fact Check Tools API.
func isAPIClaim(o *jobj) bool {
	if _, ok := o.m["@type"]; ok {
		return false
	}
	if _, ok := o.m["text"].(string); !ok {
		return false
	}
	r := o.obj("claimReview")
	return r != nil && (r.str("textualRating") != "" || r.obj("publisher") != nil || r.str("url") != "")
}

// resolve follows an @id reference (an object holding only @id, or a string naming a known
// @id) to the object it names, else returns the (first) object itself.
func resolve(v any, ids map[string]*jobj) *jobj {
	switch x := v.(type) {
	case string:
		return ids[x]
	case []any:
		for _, e := range x {
			if o := resolve(e, ids); o != nil {
				return o
			}
		}
		return nil
	case *jobj:
		if id, ok := x.m["@id"].(string); ok && len(x.m) == 1 {
			if o := ids[id]; o != nil {
				return o
			}
		}
		return x
	}
	return nil
}

// nameOf returns the name of an author or publisher: a string that is not an @id reference,
// or an object's name (else alternateName, legalName, url).
func nameOf(v any, ids map[string]*jobj) string {
	switch x := v.(type) {
	case string:
		if o := ids[x]; o != nil {
			return nameOf(o, ids)
		}
		return x
	case []any:
		for _, e := range x {
			if n := nameOf(e, ids); n != "" {
				return n
			}
		}
	case *jobj:
		o := resolve(x, ids)
		for _, k := range []string{"name", "alternateName", "legalName", "url"} {
			if s := strings.TrimSpace(o.str(k)); s != "" {
				return s
			}
		}
	}
	return ""
}

// urlOf returns the URL of an appearance: a string, or an object's url (else @id).
func urlOf(v any, ids map[string]*jobj) string {
	switch x := v.(type) {
	case string:
		if o := ids[x]; o != nil {
			return urlOf(o, ids)
		}
		return x
	case *jobj:
		o := resolve(x, ids)
		if s := o.str("url"); s != "" {
			return s
		}
		return o.str("@id")
	}
	return ""
}

// langsOf returns inLanguage values: strings, or Language objects' alternateName or name.
func langsOf(o *jobj) []string {
	var out []string
	for _, v := range o.list("inLanguage") {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case *jobj:
			if s := x.str("alternateName"); s != "" {
				out = append(out, s)
			} else if s := x.str("name"); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// keywordsOf returns keywords: an array, or a string separated by commas.
func keywordsOf(o *jobj) []string {
	var out []string
	for _, v := range o.list("keywords") {
		if s, ok := v.(string); ok {
			out = append(out, splitOn(s, ",")...)
		} else if x, ok := v.(*jobj); ok && x.str("name") != "" {
			out = append(out, x.str("name"))
		}
	}
	return out
}

// unescape decodes HTML entities that publishers leave in JSON-LD strings.
func unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(html.UnescapeString(s))
}

// resolveURL resolves a relative URL against base; absolute URLs and unusable values are
// returned as they are.
func resolveURL(s, base string) string {
	s = strings.TrimSpace(s)
	if s == "" || base == "" || strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return s
	}
	b, err := url.Parse(base)
	if err != nil {
		return s
	}
	r, err := url.Parse(s)
	if err != nil {
		return s
	}
	return b.ResolveReference(r).String()
}

// claim maps a found review to a claim. See ClaimReview for the mapping.
func (f crFound) claim(ids map[string]*jobj, base string) (fimi.Claim, error) {
	c := fimi.Claim{Source: SourceClaimReview}
	var pub, appeared string
	if f.api != nil {
		r, a := f.o, f.api
		c.Text = unescape(a.str("text"))
		c.Title = unescape(r.str("title"))
		c.Rating = unescape(r.str("textualRating"))
		c.Publisher = nameOf(r.m["publisher"], ids)
		if c.Publisher == "" {
			c.Publisher = r.obj("publisher").str("site")
		}
		c.URL = r.str("url")
		c.Languages = []string{r.str("languageCode")}
		pub, appeared = r.str("reviewDate"), a.str("claimDate")
	} else {
		o := f.o
		item := resolve(o.m["itemReviewed"], ids)
		c.Text = unescape(o.str("claimReviewed"))
		if c.Text == "" {
			c.Text = unescape(item.str("text"))
		}
		if c.Text == "" {
			c.Text = unescape(item.str("name"))
		}
		c.Title = unescape(o.str("name"))
		if c.Title == "" {
			c.Title = unescape(o.str("headline"))
		}
		c.Disproof = unescape(o.str("reviewBody"))
		if c.Disproof == "" {
			c.Disproof = unescape(o.str("description"))
		}
		rating := resolve(o.m["reviewRating"], ids)
		label := unescape(rating.str("alternateName"))
		if label == "" {
			label = unescape(rating.str("name"))
		}
		c.Rating = label
		c.Verdict = NormalizeVerdict(label)
		if v := rating.str("ratingValue"); v != "" {
			if c.Verdict == "" {
				c.Verdict = scaleVerdict(v, rating.str("bestRating"), rating.str("worstRating"))
			}
			if c.Rating == "" {
				c.Rating = v
				if b := rating.str("bestRating"); b != "" {
					c.Rating += "/" + b
				}
			}
		}
		c.Publisher = unescape(nameOf(o.m["author"], ids))
		if c.Publisher == "" {
			c.Publisher = unescape(nameOf(o.m["publisher"], ids))
		}
		pub = o.str("datePublished")
		if pub == "" {
			pub = o.str("dateCreated")
		}
		c.URL = o.str("url")
		if c.URL == "" {
			if id := o.str("@id"); strings.HasPrefix(id, "http://") || strings.HasPrefix(id, "https://") {
				c.URL = id
			}
		}
		first := resolve(item.get("firstAppearance"), ids)
		appeared = item.str("datePublished")
		if appeared == "" {
			appeared = first.str("datePublished")
		}
		c.Languages = langsOf(item)
		for _, a := range item.list("appearance") {
			if u := urlOf(a, ids); u != "" {
				c.Related = append(c.Related, resolveURL(u, base))
			}
			c.Languages = append(c.Languages, langsOf(resolve(a, ids))...)
		}
		if u := urlOf(item.get("firstAppearance"), ids); u != "" {
			c.Related = append(c.Related, resolveURL(u, base))
		}
		c.Languages = append(c.Languages, langsOf(first)...)
		if len(c.Languages) == 0 {
			c.Languages = langsOf(o)
		}
		c.Keywords = keywordsOf(o)
	}
	c.URL = resolveURL(c.URL, base)
	var err error
	if c.Published, err = dateField("datePublished", pub); err != nil {
		return c, err
	}
	if c.Appeared, err = dateField("itemReviewed.datePublished", appeared); err != nil {
		return c, err
	}
	c.Raw = json.RawMessage(bytes.Clone(f.raw().raw))
	if c.URL != "" {
		u, err := text.CanonicalURL(c.URL)
		if err != nil {
			return c, &ingest.FieldError{Field: "url", Value: text.Shorten(c.URL, 80), Err: text.ErrNotURL}
		}
		c.ID = u
	} else {
		c.ID = fallbackID(c.Publisher, c.Text, c.Title, c.Published)
	}
	err = finish(&c, policy{})
	return c, err
}

// disambiguate gives distinct ids to good records that share a review URL with an earlier
// record of the same input but state a different claim: the URL plus "#claim-" and 12 hex digits
// of the claim text's SHA-256. The first review of a URL keeps the URL, so its id survives a page
// gaining more reviews; identical claims under one URL keep the URL (they upsert into one
// claim). seen maps ids given so far to their claim text.
func disambiguate(recs []Record, seen map[string]string) {
	for i := range recs {
		c := &recs[i].Claim
		if recs[i].Err != nil || !strings.HasPrefix(c.ID, "http") {
			continue
		}
		prev, ok := seen[c.ID]
		switch {
		case !ok:
			seen[c.ID] = c.Text
		case prev != c.Text:
			sum := sha256.Sum256([]byte(c.Text))
			c.ID += "#claim-" + hex.EncodeToString(sum[:6])
		}
	}
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}
