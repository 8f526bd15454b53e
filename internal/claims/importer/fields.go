package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
	"fimi/internal/text"
)

// Fields lists the field names of the generic jsonl and csv layouts: fimi.Claim's JSON names.
// Lists (languages, keywords, countries, related, tags) are JSON arrays, or strings split as
// splitCell and splitURLs describe. Dates are RFC 3339 (or what ingest.ParseTime takes).
var Fields = []string{"id", "text", "title", "summary", "disproof", "verdict", "rating", "languages", "keywords",
	"countries", "published", "appeared", "publisher", "url", "related", "tags", "source"}

// ErrUnknownField is returned (wrapped) by ParseMap for a mapping onto a field not in Fields.
var ErrUnknownField = errors.New("unknown claim field")

// ParseMap parses "field=column" pairs (as given to --map) into Options.Map. field is one of
// Fields; column is a header name (csv) or a key or dotted path into nested objects (jsonl).
func ParseMap(pairs []string) (map[string]string, error) {
	m := map[string]string{}
	for _, p := range pairs {
		f, col, ok := strings.Cut(p, "=")
		f, col = strings.TrimSpace(f), strings.TrimSpace(col)
		if !ok || f == "" || col == "" {
			return nil, fmt.Errorf("--map %q: want field=column", p)
		}
		known := false
		for _, x := range Fields {
			known = known || x == f
		}
		if !known {
			return nil, fmt.Errorf("--map %q: %w %q (fields: %s)", p, ErrUnknownField, f, strings.Join(Fields, ", "))
		}
		m[f] = col
	}
	return m, nil
}

// value is one field value as read: a string (a number's literal text), or a list.
type value struct {
	s      string
	list   []string
	isList bool
	isNum  bool
}

// getter returns the value of a source column or JSON key, and whether it is present.
type getter func(col string) (value, bool)

// claimFromFields builds a claim from a record in the generic layout (Fields, or columns mapped
// onto them with opt.Map), validated and normalised strictly: an unrecognised language, a URL
// that is not http(s) or a date that does not parse rejects the record. A record without id
// gets its canonical url, else fallbackID. source is the Source when the record names none.
func claimFromFields(get getter, opt Options, source string) (fimi.Claim, error) {
	var c fimi.Claim
	field := func(f string) (value, bool) {
		col := f
		if m, ok := opt.Map[f]; ok {
			col = m
		}
		return get(col)
	}
	var err error
	str := func(f string, dst *string) {
		if err != nil {
			return
		}
		v, ok := field(f)
		switch {
		case !ok:
		case v.isList:
			err = &ingest.FieldError{Field: f, Err: errors.New("want a string, got a list")}
		default:
			*dst = v.s
		}
	}
	list := func(f string, dst *[]string, split func(string) []string) {
		if err != nil {
			return
		}
		v, ok := field(f)
		switch {
		case !ok:
		case v.isList:
			*dst = v.list
		case v.isNum:
			err = &ingest.FieldError{Field: f, Err: errors.New("want a list or string, got a number")}
		default:
			*dst = split(v.s)
		}
	}
	date := func(f string, dst *time.Time) {
		if err != nil {
			return
		}
		var s string
		str(f, &s)
		if err == nil && strings.TrimSpace(s) != "" {
			*dst, err = dateField(f, s)
		}
	}
	str("id", &c.ID)
	str("text", &c.Text)
	str("title", &c.Title)
	str("summary", &c.Summary)
	str("disproof", &c.Disproof)
	str("verdict", &c.Verdict)
	str("rating", &c.Rating)
	str("publisher", &c.Publisher)
	str("url", &c.URL)
	str("source", &c.Source)
	list("languages", &c.Languages, splitCell)
	list("keywords", &c.Keywords, splitCell)
	list("countries", &c.Countries, splitCell)
	list("tags", &c.Tags, splitCell)
	list("related", &c.Related, splitURLs)
	date("published", &c.Published)
	date("appeared", &c.Appeared)
	if err != nil {
		return c, err
	}
	if c.Source == "" {
		c.Source = source
	}
	if strings.TrimSpace(c.ID) == "" {
		if u, uerr := text.CanonicalURL(c.URL); uerr == nil && c.URL != "" {
			c.ID = u
		} else {
			c.ID = fallbackID(c.Publisher, c.Text, c.Title, c.Published)
		}
	}
	return c, finish(&c, policy{strict: true})
}

// fallbackID is the id of a claim whose source gives neither id nor URL: HashID of the
// publisher, the claim text (else title) and the publication time in RFC 3339 (or "").
func fallbackID(publisher, txt, title string, published time.Time) string {
	t := strings.TrimSpace(txt)
	if t == "" {
		t = strings.TrimSpace(title)
	}
	p := ""
	if !published.IsZero() {
		p = published.UTC().Format(time.RFC3339)
	}
	return HashID(strings.TrimSpace(publisher), t, p)
}

// splitCell splits a multi-valued cell: a JSON list literal (["a", "b"]), else values
// separated by '|', ';' or ','; values are trimmed (of spaces and quotes), empty ones dropped.
// Unlike ingest.SplitList it never splits on spaces, so "Alexei Navalny" stays one keyword.
func splitCell(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		var l []string
		if json.Unmarshal([]byte(s), &l) == nil {
			return l
		}
		s = s[1 : len(s)-1]
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == ';' || r == ',' })
	var out []string
	for _, p := range parts {
		if p = strings.Trim(strings.TrimSpace(p), `"'`); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitURLs splits a cell of URLs: a JSON list literal, else on whitespace and '|', and on ','
// or ';' only where the next value starts with http, so that commas inside URLs survive.
func splitURLs(s string) []string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		var l []string
		if json.Unmarshal([]byte(s), &l) == nil {
			return l
		}
	}
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		for f != "" {
			cutAt := -1
			for _, sep := range []string{",http", ";http"} {
				if i := strings.Index(f[1:], sep); i >= 0 && (cutAt < 0 || i+1 < cutAt) {
					cutAt = i + 1
				}
			}
			part := f
			if cutAt >= 0 {
				part, f = f[:cutAt], f[cutAt+1:]
			} else {
				f = ""
			}
			if part = strings.Trim(part, `"',;`); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}
