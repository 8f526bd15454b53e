package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
	"fimi/internal/text"
)

// maxIDBytes is the longest claim id accepted.
const maxIDBytes = 2048

// policy says how finish treats values a format cannot vouch for.
type policy struct {
	// strict rejects a record with an unrecognised language or an invalid related URL; when
	// false such values are dropped (they stay in Raw). Generic formats are strict, dataset
	// formats with known noise (EUvsDisinfo "languages" holding country names) are not.
	strict bool
}

// finish validates and normalises a decoded claim in place: ids and strings trimmed and checked
// for UTF-8, text or title required, verdict normalised (derived from Rating when empty),
// languages reduced to ISO 639-1, lists trimmed and deduplicated, URLs canonical.
func finish(c *fimi.Claim, p policy) error {
	c.ID = strings.TrimSpace(c.ID)
	switch {
	case c.ID == "":
		return &ingest.FieldError{Field: "id", Err: errors.New("empty id")}
	case len(c.ID) > maxIDBytes:
		return &ingest.FieldError{Field: "id", Value: text.Shorten(c.ID, 60), Err: fmt.Errorf("longer than %d bytes", maxIDBytes)}
	case strings.IndexFunc(c.ID, unicode.IsControl) >= 0:
		return &ingest.FieldError{Field: "id", Value: text.Shorten(c.ID, 60), Err: errors.New("control character in id")}
	}
	for _, f := range []struct {
		name string
		s    *string
	}{
		{"id", &c.ID}, {"text", &c.Text}, {"title", &c.Title}, {"summary", &c.Summary}, {"disproof", &c.Disproof},
		{"verdict", &c.Verdict}, {"rating", &c.Rating}, {"publisher", &c.Publisher}, {"url", &c.URL}, {"source", &c.Source},
	} {
		if !utf8.ValidString(*f.s) {
			return &ingest.FieldError{Field: f.name, Err: errors.New("invalid UTF-8")}
		}
		*f.s = strings.TrimSpace(*f.s)
	}
	if c.Text == "" && c.Title == "" {
		return ErrNoText
	}
	if c.Verdict != "" {
		if v := NormalizeVerdict(c.Verdict); v != "" {
			c.Verdict = v
		} else {
			c.Verdict = strings.ToLower(c.Verdict)
		}
	} else if c.Rating != "" {
		c.Verdict = NormalizeVerdict(c.Rating)
	}
	var err error
	if c.Languages, err = normLangs(c.Languages, p.strict); err != nil {
		return err
	}
	for _, l := range []struct {
		name string
		l    *[]string
	}{{"keywords", &c.Keywords}, {"countries", &c.Countries}, {"tags", &c.Tags}} {
		if *l.l, err = cleanList(l.name, *l.l); err != nil {
			return err
		}
	}
	if c.URL != "" {
		u, err := text.CanonicalURL(c.URL)
		if err != nil {
			return &ingest.FieldError{Field: "url", Value: text.Shorten(c.URL, 80), Err: text.ErrNotURL}
		}
		c.URL = u
	}
	if c.Related, err = normURLs("related", c.Related, p.strict); err != nil {
		return err
	}
	return nil
}

// normLangs maps language names and codes to ISO 639-1 (see LangCode), dropping duplicates.
// Unrecognised values are an error when strict, else dropped.
func normLangs(in []string, strict bool) ([]string, error) {
	var out []string
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !utf8.ValidString(s) {
			return nil, &ingest.FieldError{Field: "languages", Err: errors.New("invalid UTF-8")}
		}
		c := LangCode(s)
		if c == "" {
			if strict {
				return nil, &ingest.FieldError{Field: "languages", Value: text.Shorten(s, 40), Err: errors.New("unrecognised language (want ISO 639-1 such as en, or an English name)")}
			}
			continue
		}
		out = appendUnique(out, c)
	}
	return out, nil
}

// cleanList trims values, drops empty ones and duplicates (ignoring case), and checks UTF-8.
func cleanList(field string, in []string) ([]string, error) {
	var out []string
	for _, s := range in {
		if !utf8.ValidString(s) {
			return nil, &ingest.FieldError{Field: field, Err: errors.New("invalid UTF-8")}
		}
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		dup := false
		for _, x := range out {
			if strings.EqualFold(x, s) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out, nil
}

// normURLs makes URLs canonical and drops duplicates. Invalid ones are an error when strict,
// else dropped.
func normURLs(field string, in []string, strict bool) ([]string, error) {
	var out []string
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		u, err := text.CanonicalURL(s)
		if err != nil {
			if strict {
				return nil, &ingest.FieldError{Field: field, Value: text.Shorten(s, 80), Err: text.ErrNotURL}
			}
			continue
		}
		out = appendUnique(out, u)
	}
	return out, nil
}

func appendUnique(l []string, s string) []string {
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}

// HashID returns the id given to claims whose source has no id of its own: "claim:" and the
// first 32 hex digits of the SHA-256 of parts joined by U+001F. Equal parts give equal ids on
// every import.
func HashID(parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0x1f})
		}
		h.Write([]byte(p))
	}
	return "claim:" + hex.EncodeToString(h.Sum(nil))[:32]
}

// extraTimeLayouts are layouts seen in claim databases that ingest.ParseTime does not take.
var extraTimeLayouts = []string{
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02 15:04:05-0700",
	"2006-01-02T15:04:05 -0700",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2006/01/02",
	"2006-01",
}

// parseTime parses a date as ingest.ParseTime does, plus a few layouts of claim databases
// (numeric zones without a colon, "May 5, 2020", a year and month). Four digits are a year
// (January 1st), not Unix seconds. The result is UTC.
func parseTime(s string) (time.Time, error) {
	if y := strings.TrimSpace(s); len(y) == 4 && strings.Trim(y, "0123456789") == "" {
		return time.Parse("2006", y)
	}
	t, err := ingest.ParseTime(s)
	if err == nil {
		return t, nil
	}
	s = strings.TrimSpace(s)
	for _, l := range extraTimeLayouts {
		if t, err2 := time.Parse(l, s); err2 == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, err
}

// dateField parses a date for a named field, wrapping the error in an *ingest.FieldError.
func dateField(field, s string) (time.Time, error) {
	t, err := parseTime(s)
	if err != nil {
		return t, &ingest.FieldError{Field: field, Value: text.Shorten(s, 60), Err: err}
	}
	return t, nil
}

// tooLarge returns the reject reason for a record of n bytes over the limit.
func tooLarge(n, max int) error {
	return fmt.Errorf("%w: %d bytes, more than %d (record kept truncated)", ErrTooLarge, n, max)
}

// cut returns b cut to at most n bytes (sharing memory).
func cut(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}
