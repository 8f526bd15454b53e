package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
)

// CLEF is the format of CLEF CheckThat! verified claims (verified_claims.docs.tsv of the 2020
// Task 2 and its successors): quoted TSV whose header names vclaim_id (or leaves the first
// cell empty, as the 2020 file does), vclaim and title, optionally date, author, subtitle and
// page_url. Quoted cells may hold line breaks (14 claims of the 2020 file do); stray quotes
// inside unquoted cells are taken literally.
//
// Mapping: ID is vclaim_id exactly as in the file (the task's qrels use these ids); Text the
// vclaim (the normalised claim sentence); Title the title of the fact-check article; URL the
// page_url and Published the date when present. Publisher is left empty (the 2020 claims are
// all Snopes', but the file does not say so). Source is "clef". Raw is the row as a JSON object
// with the id column named vclaim_id.
//
// Rejected: rows with a field count other than the header's, invalid UTF-8, an empty id, no
// vclaim nor title, a bad page_url or date, or longer than Options.MaxBytes.
var CLEF = Format{
	Name:  "clef",
	Doc:   "CLEF CheckThat! verified_claims.docs.tsv (vclaim_id, vclaim, title)",
	Exts:  []string{".tsv"},
	Sniff: sniffCLEF,
	Open:  openCLEF,
}

// sniffCLEF accepts a tab-separated header with a vclaim column whose first cell is empty or
// vclaim_id.
func sniffCLEF(name string, head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	cells := strings.Split(strings.TrimRight(string(line), "\r"), "\t")
	if len(cells) < 2 {
		return false
	}
	first := strings.ToLower(strings.Trim(cells[0], `" `))
	if first != "" && first != "vclaim_id" {
		return false
	}
	for _, c := range cells[1:] {
		if strings.EqualFold(strings.Trim(c, `" `), "vclaim") {
			return true
		}
	}
	return strings.EqualFold(filepath.Base(name), "verified_claims.docs.tsv")
}

type clefDecoder struct {
	t                *table
	opt              Options
	id, claim, title int
	url, date        int
}

func openCLEF(r io.Reader, opt Options) (Decoder, error) {
	t := newTable(r, opt.Name, opt.maxBytes(), '\t', true)
	if err := t.readHeader(); err != nil {
		return nil, err
	}
	d := &clefDecoder{t: t, opt: opt, id: -1, claim: -1, title: -1, url: -1, date: -1}
	if len(t.header) > 0 && t.header[0] == "" {
		t.header[0] = "vclaim_id"
		t.setHeader(t.header)
	}
	for _, c := range []struct {
		name string
		dst  *int
	}{{"vclaim_id", &d.id}, {"vclaim", &d.claim}, {"title", &d.title}, {"page_url", &d.url}, {"date", &d.date}} {
		if i, ok := t.col(c.name); ok {
			*c.dst = i
		}
	}
	if d.id < 0 || d.claim < 0 {
		return nil, fmt.Errorf("%s: header %q lacks vclaim_id (or an empty first cell) and vclaim", opt.Name, strings.Join(t.header, "\t"))
	}
	return d, nil
}

// Next implements Decoder.
func (d *clefDecoder) Next() (Record, error) {
	r, err := d.t.next()
	if err != nil {
		return Record{}, err
	}
	rec := Record{Line: r.line, Verbatim: r.verbatim}
	if r.err == nil {
		r.err = d.t.checkWidth(r)
	}
	if r.err == nil {
		rec.Claim, r.err = d.decode(r.fields)
	}
	if rec.Err = r.err; rec.Err == nil {
		rec.Verbatim = nil
	}
	return rec, nil
}

func (d *clefDecoder) decode(f []string) (c fimi.Claim, err error) {
	get := func(i int) string {
		if i < 0 {
			return ""
		}
		return f[i]
	}
	c.Source = SourceCLEF
	c.ID = strings.TrimSpace(get(d.id))
	if c.ID == "" {
		return c, &ingest.FieldError{Field: "vclaim_id", Err: errors.New("empty id")}
	}
	c.Text, c.Title, c.URL = get(d.claim), get(d.title), get(d.url)
	if c.Published, err = dateField("date", get(d.date)); err != nil {
		return c, err
	}
	c.Raw = rowJSON(d.t.header, f)
	return c, finish(&c, policy{})
}
