// Package csv decodes CSV and TSV posts with a header row, in fimi's default layout (see
// ingest.Fields) or a foreign layout mapped onto it with ingest.Options.Map. The delimiter (',',
// ';' or tab) is detected from the header; a UTF-8 byte order mark is dropped; quoted fields may
// span lines. Cells holding exactly "NA" (R's missing value, as in CooRTweet exports) are absent.
package csv

import (
	"bufio"
	"bytes"
	stdcsv "encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"fimi/internal/ingest"
)

// DefaultMaxBytes is the largest record accepted when Options.MaxBytes is zero.
const DefaultMaxBytes = 16 << 20

// Format is the CSV/TSV format.
var Format = ingest.Format{
	Name:  "csv",
	Exts:  []string{".csv", ".tsv", ".tab"},
	Sniff: Sniff,
	Open: func(r io.Reader, opt ingest.Options) (ingest.Decoder, error) {
		return NewDecoder(r, opt)
	},
}

// Sniff reports whether head looks like a delimited file with a header: a first line with at
// least one delimiter that is not markup or JSON.
func Sniff(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] == '{' || line[0] == '[' || line[0] == '<' {
		return false
	}
	d := detectDelimiter(line)
	return bytes.IndexByte(line, byte(d)) >= 0
}

// detectDelimiter picks the delimiter that occurs most outside quotes in a header line.
func detectDelimiter(line []byte) rune {
	counts := map[byte]int{}
	inQuote := false
	for _, c := range line {
		switch {
		case c == '"':
			inQuote = !inQuote
		case !inQuote && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best, n := byte(','), 0
	for _, c := range []byte{',', '\t', ';'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return rune(best)
}

// Decoder reads delimited records. It is not safe for concurrent use.
type Decoder struct {
	cr     *stdcsv.Reader
	tap    *tap
	opt    ingest.Options
	header []string
	index  map[string]int // exact and lower-cased header names -> column
	prev   int64          // input offset after the previous record
	noText bool           // the header has no text or title column
	fails  int
}

// tap keeps the bytes the csv reader has consumed since the last record, so that each record
// can be kept verbatim.
type tap struct {
	r     io.Reader
	buf   []byte
	start int64 // input offset of buf[0]
	max   int
}

func (t *tap) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// take returns a copy of input bytes [from, to) and forgets everything before to.
func (t *tap) take(from, to int64) []byte {
	lo, hi := int(from-t.start), int(to-t.start)
	lo, hi = max(lo, 0), min(hi, len(t.buf))
	var out []byte
	if lo < hi {
		out = append(out, t.buf[lo:min(hi, lo+t.max)]...)
	}
	if hi > 0 {
		n := copy(t.buf, t.buf[hi:])
		t.buf = t.buf[:n]
		t.start += int64(hi)
	}
	return out
}

// NewDecoder reads the header row and returns a decoder for the records after it.
func NewDecoder(r io.Reader, opt ingest.Options) (*Decoder, error) {
	maxb := opt.MaxBytes
	if maxb <= 0 {
		maxb = DefaultMaxBytes
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(64 << 10)
	bom := bytes.HasPrefix(head, []byte("\xef\xbb\xbf"))
	if bom {
		br.Discard(3)
		head = head[3:]
	}
	first, _, _ := bytes.Cut(head, []byte("\n"))
	t := &tap{r: br, max: maxb} // offsets count from after a dropped BOM, as InputOffset does
	cr := stdcsv.NewReader(t)
	cr.Comma = detectDelimiter(first)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	d := &Decoder{cr: cr, tap: t, opt: opt, prev: t.start}
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("csv %s: empty input, no header row", opt.Name)
		}
		return nil, fmt.Errorf("csv %s: header: %w", opt.Name, err)
	}
	d.advance()
	d.header = header
	d.index = map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		d.header[i] = h
		if _, dup := d.index[h]; !dup {
			d.index[h] = i
		}
		if _, dup := d.index[strings.ToLower(h)]; !dup {
			d.index[strings.ToLower(h)] = i
		}
	}
	_, hasText := d.col(mapped(opt.Map, ingest.FieldText))
	_, hasTitle := d.col(mapped(opt.Map, ingest.FieldTitle))
	d.noText = !hasText && !hasTitle
	for f, col := range opt.Map {
		if _, ok := d.col(col); !ok {
			return nil, fmt.Errorf("csv %s: --map %s=%s: no column %q in header (%s)", opt.Name, f, col, col, strings.Join(header, ", "))
		}
	}
	return d, nil
}

func mapped(m map[string]string, field string) string {
	if c, ok := m[field]; ok {
		return c
	}
	return field
}

func (d *Decoder) col(name string) (int, bool) {
	if i, ok := d.index[name]; ok {
		return i, true
	}
	i, ok := d.index[strings.ToLower(name)]
	return i, ok
}

// Header returns the header row.
func (d *Decoder) Header() []string { return d.header }

// advance returns the verbatim bytes of the record just read.
func (d *Decoder) advance() []byte {
	end := d.tap.start + int64(len(d.tap.buf))
	if off := d.cr.InputOffset(); off >= 0 {
		end = off
	}
	raw := d.tap.take(d.prev, end)
	d.prev = end
	return bytes.TrimRight(raw, "\r\n")
}

// Next implements ingest.Decoder.
func (d *Decoder) Next() (ingest.Record, error) {
	fields, err := d.cr.Read()
	line, _ := d.cr.FieldPos(0)
	if errors.Is(err, io.EOF) {
		return ingest.Record{}, io.EOF
	}
	verbatim := d.advance()
	rec := ingest.Record{Line: line, Verbatim: verbatim}
	var pe *stdcsv.ParseError
	if err != nil {
		if !errors.As(err, &pe) {
			return ingest.Record{}, fmt.Errorf("read %s: %w", d.opt.Name, err)
		}
		d.fails++
		rec.Line = pe.StartLine
		rec.Err = fmt.Errorf("malformed CSV at line %d, column %d: %v", pe.Line, pe.Column, pe.Err)
		return rec, nil
	}
	if len(fields) != len(d.header) {
		rec.Err = fmt.Errorf("has %d fields, header has %d", len(fields), len(d.header))
		return rec, nil
	}
	for i, f := range fields {
		if !utf8.ValidString(f) {
			rec.Err = &ingest.FieldError{Field: d.header[i], Err: errors.New("invalid UTF-8")}
			return rec, nil
		}
	}
	get := func(name string) (ingest.Value, bool) {
		i, ok := d.col(name)
		if !ok {
			return ingest.Value{}, false
		}
		v := fields[i]
		if v == "" || v == "NA" {
			return ingest.Value{}, false
		}
		return ingest.Value{S: v}, true
	}
	rec.Item, rec.Err = ingest.ItemFromFields(get, d.opt)
	if rec.Err != nil {
		return rec, nil
	}
	rec.Item.Raw = rowJSON(d.header, fields)
	rec.NoText = d.noText
	return rec, nil
}

// rowJSON encodes a row as a JSON object in header order.
func rowJSON(header, fields []string) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, h := range header {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(h)
		v, _ := json.Marshal(fields[i])
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes()
}
