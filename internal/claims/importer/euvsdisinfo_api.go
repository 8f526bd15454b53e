package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"fimi/internal/ingest"
)

// apiDecoder reads claims.json of the EUvsDisinfo API export (2020): a JSON array of schema.org
// Claim objects with relative @ids ("/claims/36") and no claim text, joined with the lookup
// tables that sit beside it or are given as companions:
//
//	all_news_articles.csv   (required) article @id -> url, outlet, abstract, language
//	all_keywords.csv, all_countries.csv, all_languages.csv, all_organisations.csv
//	derived_article_abstract_to_case.csv   article @id -> EUvsDisinfo case URL and title
//
// Mapping: ID is the claim's @id exactly as in the file ("/claims/36"; relative, so it cannot
// collide with the case URLs of posts.csv). Text is the abstract (a verbatim excerpt of the
// disinformation article, in its own language) of the first appearance that has one, the
// firstAppearance first and then the appearances in order; further distinct abstracts go to
// Summary. Title and URL are the case title and case URL that the derived table gives for the
// first such article, when that table is present. Related are the appearances' article URLs;
// Languages their languages; "outlet:<name>" tags their outlets; Keywords and Countries
// (contentLocations) come from the lookup tables; Published is datePublished. Appearances that
// are media objects have no table and are only kept in Raw. Raw is {"claim": <the element as
// read>, "articles": [<the joined article rows>]}, articles left out if that would pass
// Options.MaxBytes.
//
// About 1 in 12 claims has an article abstract: the export has no claim text
// (all_claim_reviews.csv, which had it, is not part of it). A claim with neither abstract nor
// case title is rejected with ErrNoText rather than stored empty. Elements that repeat an
// earlier element byte for byte (the export repeats 214 of them, a paging artefact) are
// skipped silently; an element repeating an @id with different content is rejected. Other
// rejects: elements that are not JSON objects or are malformed, truncated, larger than
// Options.MaxBytes, not valid UTF-8, without @id, or with an unparseable datePublished.
type apiDecoder struct {
	s       *splitter
	lr      *io.LimitedReader // bounds the input to MaxInputBytes
	opt     Options
	art     map[string]apiArticle
	names   map[string]string // keyword, country and organisation @id -> name
	langs   map[string]string // language @id -> ISO 639-1
	derived map[string]apiCase
	seen    map[string]apiSeen // claim @id -> first element
}

type apiArticle struct {
	url, author, abstract, lang string
	raw                         json.RawMessage
}

type apiCase struct{ url, title string }

type apiSeen struct {
	index int
	sum   [32]byte
}

// apiClaim is one element of claims.json.
type apiClaim struct {
	ID               string   `json:"@id"`
	Type             string   `json:"@type"`
	Appearances      []string `json:"appearances"`
	DatePublished    string   `json:"datePublished"`
	FirstAppearance  string   `json:"firstAppearance"`
	ClaimReview      string   `json:"claimReview"`
	IsPartOf         string   `json:"isPartOf"`
	Keywords         []string `json:"keywords"`
	ContentLocations []string `json:"contentLocations"`
}

func openAPI(r io.Reader, opt Options) (Decoder, error) {
	d := &apiDecoder{opt: opt, art: map[string]apiArticle{}, names: map[string]string{}, langs: map[string]string{},
		derived: map[string]apiCase{}, seen: map[string]apiSeen{}}
	arts := findCompanions(opt, "all_news_articles*.csv")
	if len(arts) == 0 {
		return nil, fmt.Errorf("%s: EUvsDisinfo API claims.json carries no claim text: all_news_articles.csv must sit beside it or be among the inputs", opt.Name)
	}
	na := func(s string) string {
		if s = strings.TrimSpace(s); s == "NA" {
			return ""
		}
		return s
	}
	for _, p := range arts {
		err := readCompanion(p, []string{"", "@id", "@type"}, func(t *table, f []string) error {
			get := func(c string) string {
				if i, ok := t.col(c); ok {
					return na(f[i])
				}
				return ""
			}
			d.art[get("@id")] = apiArticle{url: get("url"), author: get("author"), abstract: get("abstract"),
				lang: get("inLanguage"), raw: rowJSON(t.header, f)}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, p := range findCompanions(opt, "all_keywords*.csv", "all_countries*.csv", "all_organisations*.csv", "all_organizations*.csv") {
		err := readCompanion(p, []string{"", "@id", "@type"}, func(t *table, f []string) error {
			if i, ok := t.col("name"); ok {
				d.names[na(f[1])] = na(f[i])
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, p := range findCompanions(opt, "all_languages*.csv") {
		err := readCompanion(p, []string{"", "@id", "@type"}, func(t *table, f []string) error {
			code := ""
			for _, c := range []string{"name", "alternateName"} {
				if i, ok := t.col(c); ok && code == "" {
					code = LangCode(na(f[i]))
				}
			}
			d.langs[na(f[1])] = code
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, p := range findCompanions(opt, "derived_article_abstract_to_case*.csv") {
		err := readCompanion(p, derivedHeader, func(t *table, f []string) error {
			id := strings.TrimSpace(f[0])
			cu, _ := t.col("case_url")
			ct, ok := t.col("case_title")
			if _, dup := d.derived[id]; !dup && ok {
				d.derived[id] = apiCase{url: strings.TrimSpace(f[cu]), title: strings.TrimSpace(f[ct])}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	d.lr = &io.LimitedReader{R: r, N: MaxInputBytes + 1}
	d.s = newSplitter(d.lr, opt.maxBytes())
	return d, nil
}

// Next implements Decoder.
func (d *apiDecoder) Next() (Record, error) {
	for {
		u, err := d.s.next()
		if d.lr.N <= 0 {
			return Record{}, fmt.Errorf("%s: larger than %d bytes: %w", d.opt.Name, MaxInputBytes, ErrTooLarge)
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return Record{}, io.EOF
			}
			return Record{}, fmt.Errorf("%s: %w", d.opt.Name, err)
		}
		rec := Record{Line: u.line, Verbatim: u.data}
		if rec.Err = u.problem(d.opt.maxBytes()); rec.Err != nil {
			rec.Err = fmt.Errorf("element %d: %w", u.index, rec.Err)
			return rec, nil
		}
		skip, err := d.decode(&rec, u)
		if skip {
			continue
		}
		if err != nil {
			rec.Err = fmt.Errorf("element %d: %w", u.index, err)
			return rec, nil
		}
		rec.Verbatim = nil
		return rec, nil
	}
}

func (d *apiDecoder) decode(rec *Record, u unit) (skip bool, err error) {
	if !utf8.Valid(u.data) {
		return false, errors.New("invalid UTF-8")
	}
	if u.data[0] != '{' {
		return false, fmt.Errorf("want a JSON object, got %q", shortBytes(u.data, 20))
	}
	var a apiClaim
	dec := json.NewDecoder(bytes.NewReader(u.data))
	if err := dec.Decode(&a); err != nil {
		return false, jsonErr(u.data, u.line, err)
	}
	if strings.TrimSpace(a.ID) == "" {
		return false, &ingest.FieldError{Field: "@id", Err: errors.New("missing")}
	}
	sum := sha256.Sum256(u.data)
	if s, ok := d.seen[a.ID]; ok {
		if s.sum == sum {
			return true, nil
		}
		return false, &ingest.FieldError{Field: "@id", Value: a.ID, Err: fmt.Errorf("repeats element %d with different content", s.index)}
	}
	d.seen[a.ID] = apiSeen{index: u.index, sum: sum}
	c := euClaim()
	c.ID = a.ID
	if c.Published, err = dateField("datePublished", a.DatePublished); err != nil {
		return false, err
	}
	ids := []string{}
	if a.FirstAppearance != "" {
		ids = append(ids, a.FirstAppearance)
	}
	for _, id := range a.Appearances {
		ids = appendUnique(ids, id)
	}
	var abstracts []string
	var arts []json.RawMessage
	artBytes := 0
	for _, id := range ids {
		ar, ok := d.art[id]
		if !ok {
			continue
		}
		arts = append(arts, ar.raw)
		artBytes += len(ar.raw) + 1
		if ar.abstract != "" {
			abstracts = appendUnique(abstracts, ar.abstract)
			if cs, ok := d.derived[id]; ok && c.Title == "" {
				c.Title, c.URL = cs.title, cs.url
			}
		}
		if ar.url != "" {
			c.Related = append(c.Related, ar.url)
		}
		if l := d.langs[ar.lang]; l != "" {
			c.Languages = append(c.Languages, l)
		}
		if o := d.names[ar.author]; o != "" {
			c.Tags = appendUnique(c.Tags, "outlet:"+o)
		}
	}
	if len(abstracts) > 0 {
		c.Text = abstracts[0]
		c.Summary = joinNonEmpty(abstracts[1:])
	}
	if c.Text == "" && c.Title == "" {
		return false, fmt.Errorf("%w (the API export has no claim text; none of the claim's %d appearances has an abstract in all_news_articles.csv or a case title in derived_article_abstract_to_case.csv)", ErrNoText, len(ids))
	}
	for _, k := range a.Keywords {
		if n := d.names[k]; n != "" {
			c.Keywords = append(c.Keywords, n)
		}
	}
	for _, k := range a.ContentLocations {
		if n := d.names[k]; n != "" {
			c.Countries = append(c.Countries, n)
		}
	}
	var raw rawObject
	raw.add("claim", json.RawMessage(u.data))
	if len(arts) > 0 && len(u.data)+artBytes+32 <= d.opt.maxBytes() {
		raw.add("articles", arts)
	}
	c.Raw = raw.bytes()
	if err := finish(&c, policy{}); err != nil {
		return false, err
	}
	rec.Claim = c
	return false, nil
}
