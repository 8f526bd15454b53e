package importer

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// CSV is the generic delimited format: a header row naming Fields (fimi.Claim's JSON names,
// matched ignoring case), or foreign columns mapped onto them with Options.Map. The delimiter
// (',', tab or ';') is detected from the header, a UTF-8 byte order mark is dropped, quoted
// fields may span lines (RFC 4180 quoting, strictly). Empty cells and cells holding exactly
// "NA" are absent. Raw is the row as a JSON object in header order.
//
// Open fails when a mapped column is not in the header or when neither text nor title has a
// column. Rejected: rows with a field count other than the header's, malformed quoting, invalid
// UTF-8, longer than Options.MaxBytes, or failing the generic validation (see claimFromFields).
// Files without a header (LIAR) need their own format.
var CSV = Format{
	Name:  "csv",
	Doc:   "claims as CSV/TSV with a header of fimi.Claim's field names, or mapped with --map",
	Exts:  []string{".csv", ".tsv", ".tab"},
	Sniff: sniffCSV,
	Open:  openCSV,
}

// sniffCSV accepts a first line with a delimiter that is not markup or JSON.
func sniffCSV(name string, head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] == '{' || line[0] == '[' || line[0] == '<' {
		return false
	}
	return bytes.IndexByte(line, byte(detectDelimiter(line))) >= 0
}

// csvDecoder reads generic delimited claims.
type csvDecoder struct {
	t   *table
	opt Options
}

func openCSV(r io.Reader, opt Options) (Decoder, error) {
	t := newTable(r, opt.Name, opt.maxBytes(), 0, false)
	if err := t.readHeader(); err != nil {
		return nil, err
	}
	for f, col := range opt.Map {
		if _, ok := t.col(col); !ok {
			return nil, fmt.Errorf("%s: --map %s=%s: no column %q in header (%s)", opt.Name, f, col, col, strings.Join(t.header, ", "))
		}
	}
	has := func(f string) bool {
		col := f
		if m, ok := opt.Map[f]; ok {
			col = m
		}
		_, ok := t.col(col)
		return ok
	}
	if !has("text") && !has("title") {
		return nil, fmt.Errorf("%s: no text or title column in header (%s); map one with --map text=COLUMN", opt.Name, strings.Join(t.header, ", "))
	}
	return &csvDecoder{t: t, opt: opt}, nil
}

// Next implements Decoder.
func (d *csvDecoder) Next() (Record, error) {
	r, err := d.t.next()
	if err != nil {
		return Record{}, err
	}
	rec := Record{Line: r.line, Verbatim: r.verbatim}
	if r.err == nil {
		r.err = d.t.checkWidth(r)
	}
	if r.err != nil {
		rec.Err = r.err
		return rec, nil
	}
	get := func(col string) (value, bool) {
		i, ok := d.t.col(col)
		if !ok {
			return value{}, false
		}
		v := r.fields[i]
		if strings.TrimSpace(v) == "" || v == "NA" {
			return value{}, false
		}
		return value{s: v}, true
	}
	rec.Claim, rec.Err = claimFromFields(get, d.opt, SourceCSV)
	if rec.Err == nil {
		rec.Claim.Raw = rowJSON(d.t.header, r.fields)
		rec.Verbatim = nil
	}
	return rec, nil
}
