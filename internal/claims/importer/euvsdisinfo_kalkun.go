package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"fimi/internal/ingest"
	"fimi/internal/text"
)

// openKalkun reads the kalkun full_dataset.csv whole and returns its claims.
//
// The file has one row per (case, outlet) appearance: the same case recurs over several rows
// with the same title (and usually the same summary and disproof) for different outlets,
// languages and dates, and 299 rows of the 2017 scrape are exact repeats. Rows are therefore
// grouped by title, compared after text.Fold (case, punctuation and spacing ignored): one claim
// per distinct title.
//
// Mapping of a group: ID is HashID("euvsdisinfo", folded title), stable across imports and row
// order; Text and Title are the title of the earliest row (by date, then file order); Published
// and Appeared the earliest date; Summary and Disproof the distinct summaries and disproofs in
// that order, joined by blank lines; Related the source URLs of every row; Languages, Countries
// (origin, ','-separated), Keywords (','-separated) and "outlet:<name>" tags the union over the
// rows. Line is the line of the group's first row in the file. Raw is {"rows":[...]}, each row
// a JSON object in header order, cut when it would pass Options.MaxBytes ("truncated":true).
// The file has no case URL, so URL is empty.
//
// Rejected, row by row (the rest of the group still lands): a field count other than the
// header's, malformed quoting, invalid UTF-8, a row longer than Options.MaxBytes, an empty
// title, a missing or unparseable date.
func openKalkun(r io.Reader, opt Options) (Decoder, error) {
	lr := &io.LimitedReader{R: r, N: MaxInputBytes + 1}
	t := newTable(lr, opt.Name, opt.maxBytes(), ';', false)
	if err := t.readHeader(); err != nil {
		return nil, err
	}
	cols := map[string]int{}
	for _, c := range kalkunHeader {
		i, ok := t.col(c)
		if !ok {
			return nil, fmt.Errorf("%s: no column %q in header", opt.Name, c)
		}
		cols[c] = i
	}
	type kRow struct {
		fields []string
		line   int
		date   time.Time
	}
	type group struct {
		key  string
		rows []kRow
	}
	var (
		recs   []Record
		groups = map[string]*group{}
		order  []*group
	)
	for {
		r, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if r.err == nil {
			r.err = t.checkWidth(r)
		}
		if r.err == nil {
			title := strings.TrimSpace(r.fields[cols["title"]])
			var d time.Time
			switch ds := strings.TrimSpace(r.fields[cols["date"]]); {
			case title == "":
				r.err = &ingest.FieldError{Field: "title", Err: ErrNoText}
			case ds == "":
				r.err = &ingest.FieldError{Field: "date", Err: errors.New("empty date")}
			default:
				d, r.err = dateField("date", ds)
			}
			if r.err == nil {
				key := text.Fold(title)
				if key == "" {
					key = strings.ToLower(title)
				}
				g := groups[key]
				if g == nil {
					g = &group{key: key}
					groups[key] = g
					order = append(order, g)
				}
				g.rows = append(g.rows, kRow{fields: r.fields, line: r.line, date: d})
				continue
			}
		}
		recs = append(recs, Record{Line: r.line, Verbatim: r.verbatim, Err: r.err})
	}
	if lr.N <= 0 {
		return nil, fmt.Errorf("%s: larger than %d bytes: %w", opt.Name, MaxInputBytes, ErrTooLarge)
	}
	for _, g := range order {
		rows := g.rows
		line := rows[0].line
		byDate := append([]kRow(nil), rows...)
		sort.SliceStable(byDate, func(i, j int) bool { return byDate[i].date.Before(byDate[j].date) })
		get := func(r kRow, c string) string { return strings.TrimSpace(r.fields[cols[c]]) }
		c := euClaim()
		c.ID = HashID(SourceEUvsDisinfo, g.key)
		first := byDate[0]
		c.Text, c.Title = get(first, "title"), get(first, "title")
		c.Published, c.Appeared = first.date, first.date
		var sums, disps []string
		for _, r := range byDate {
			sums = appendUnique(sums, get(r, "summary"))
			disps = appendUnique(disps, get(r, "disproof"))
			c.Related = append(c.Related, get(r, "source"))
			c.Languages = append(c.Languages, get(r, "language"))
			c.Countries = append(c.Countries, splitOn(get(r, "origin"), ",")...)
			c.Keywords = append(c.Keywords, splitOn(get(r, "keywords"), ",")...)
			if o := get(r, "outlet"); o != "" {
				c.Tags = append(c.Tags, "outlet:"+o)
			}
		}
		c.Summary = joinNonEmpty(sums)
		c.Disproof = joinNonEmpty(disps)
		c.Raw = kalkunRaw(t.header, func(yield func([]string) bool) {
			for _, r := range rows {
				if !yield(r.fields) {
					return
				}
			}
		}, opt.maxBytes())
		rec := Record{Line: line}
		if err := finish(&c, policy{}); err != nil {
			rec.Err = err
			rec.Verbatim = cut(c.Raw, opt.maxBytes())
		}
		rec.Claim = c
		recs = append(recs, rec)
	}
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].Line < recs[j].Line })
	return &sliceDecoder{recs: recs}, nil
}

// kalkunRaw encodes the rows of a group as {"rows":[...]}, stopping before the size would pass
// max and then adding "truncated":true.
func kalkunRaw(header []string, rows func(func([]string) bool), max int) json.RawMessage {
	var out rawObject
	var list []json.RawMessage
	size, truncated := 16, false
	rows(func(f []string) bool {
		r := rowJSON(header, f)
		if size+len(r)+1 > max && len(list) > 0 {
			truncated = true
			return false
		}
		size += len(r) + 1
		list = append(list, r)
		return true
	})
	out.add("rows", list)
	if truncated {
		out.add("truncated", true)
	}
	return out.bytes()
}

// joinNonEmpty joins the non-empty values with blank lines.
func joinNonEmpty(vs []string) string {
	var keep []string
	for _, v := range vs {
		if v != "" {
			keep = append(keep, v)
		}
	}
	return strings.Join(keep, "\n\n")
}
