package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"fimi/internal/ingest"
)

// errScanLimit is returned by tap.Read when one record grows past MaxDocBytes.
var errScanLimit = errors.New("scan limit reached")

// table reads delimited records (CSV, TSV, ';'-separated) with encoding/csv, keeping each
// record's bytes as read and the line where it starts. A UTF-8 byte order mark is dropped.
// It is not safe for concurrent use.
type table struct {
	cr     *csv.Reader
	tap    *tap
	name   string
	keep   int   // bytes of a record kept verbatim
	prev   int64 // input offset after the previous record
	header []string
	index  map[string]int // exact and lower-cased header names -> column
}

// row is one delimited record. err is a record-level problem (malformed quoting, invalid
// UTF-8): the record is rejected and reading goes on.
type row struct {
	fields   []string
	verbatim []byte // at most table.keep bytes
	size     int    // the record's full length in bytes, without its line ending
	line     int
	err      error
}

// tap keeps the bytes the csv reader has consumed since the last record, so that each record
// can be kept verbatim; it refuses to hold more than limit bytes.
type tap struct {
	r     io.Reader
	buf   []byte
	start int64 // input offset of buf[0]
	limit int
}

func (t *tap) Read(p []byte) (int, error) {
	if len(t.buf) > t.limit {
		return 0, errScanLimit
	}
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// take returns a copy of the record in input bytes [from, to) without its line ending, cut to
// at most max bytes, and the record's length without the line ending; it forgets everything
// before to.
func (t *tap) take(from, to int64, max int) ([]byte, int) {
	lo, hi := max0(int(from-t.start)), min(int(to-t.start), len(t.buf))
	e := hi
	for e > lo && (t.buf[e-1] == '\n' || t.buf[e-1] == '\r') {
		e--
	}
	var out []byte
	if lo < e && max > 0 {
		out = append(out, t.buf[lo:min(e, lo+max)]...)
	}
	if hi > 0 {
		n := copy(t.buf, t.buf[hi:])
		t.buf = t.buf[:n]
		t.start += int64(hi)
	}
	return out, max0(e - lo)
}

func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}

// newTable returns a table over r, keeping up to keep bytes of each record (none, and no
// size check, when keep is 0). comma 0 detects the delimiter (',', tab or ';', whichever
// occurs most outside quotes on the first line). lazy sets encoding/csv's LazyQuotes.
func newTable(r io.Reader, name string, keep int, comma rune, lazy bool) *table {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(3); bytes.Equal(head, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	if comma == 0 {
		head, _ := br.Peek(64 << 10)
		first, _, _ := bytes.Cut(head, []byte("\n"))
		comma = detectDelimiter(first)
	}
	t := &tap{r: br, limit: MaxDocBytes}
	cr := csv.NewReader(t)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = lazy
	return &table{cr: cr, tap: t, name: name, keep: keep}
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

// readHeader reads the first record as the header (cells trimmed) and indexes it.
func (t *table) readHeader() error {
	r, err := t.next()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%s: empty input, no header row", t.name)
		}
		return err
	}
	if r.err != nil {
		return fmt.Errorf("%s: header: %w", t.name, r.err)
	}
	t.setHeader(r.fields)
	return nil
}

func (t *table) setHeader(h []string) {
	t.header = h
	t.index = map[string]int{}
	for i, c := range h {
		c = strings.TrimSpace(c)
		h[i] = c
		if _, dup := t.index[c]; !dup {
			t.index[c] = i
		}
		if _, dup := t.index[strings.ToLower(c)]; !dup {
			t.index[strings.ToLower(c)] = i
		}
	}
}

// col returns the column of a header name, matched exactly, else ignoring case.
func (t *table) col(name string) (int, bool) {
	if i, ok := t.index[name]; ok {
		return i, true
	}
	i, ok := t.index[strings.ToLower(name)]
	return i, ok
}

// next reads one record. It returns io.EOF at the end and fatal errors (I/O, a record longer
// than MaxDocBytes) as errors; malformed records come back with row.err set.
func (t *table) next() (row, error) {
	fields, err := t.cr.Read()
	if errors.Is(err, io.EOF) {
		return row{}, io.EOF
	}
	if errors.Is(err, errScanLimit) {
		line := 0
		if t.header != nil {
			line, _ = t.cr.FieldPos(0)
		}
		return row{}, fmt.Errorf("%s: a record after line %d is longer than %d bytes (unterminated quote?): %w", t.name, line, MaxDocBytes, ErrTooLarge)
	}
	var r row
	r.verbatim, r.size = t.advance()
	var pe *csv.ParseError
	if err != nil {
		if !errors.As(err, &pe) {
			return row{}, fmt.Errorf("read %s: %w", t.name, err)
		}
		r.line = pe.StartLine
		r.err = fmt.Errorf("malformed record at line %d, column %d: %v", pe.Line, pe.Column, pe.Err)
		return r, nil
	}
	r.line, _ = t.cr.FieldPos(0)
	r.fields = fields
	if r.err = t.tooLarge(r); r.err != nil {
		return r, nil
	}
	for i, f := range fields {
		if !utf8.ValidString(f) {
			name := fmt.Sprintf("column %d", i+1)
			if i < len(t.header) && t.header[i] != "" {
				name = t.header[i]
			}
			r.err = &ingest.FieldError{Field: name, Err: errors.New("invalid UTF-8")}
			return r, nil
		}
	}
	return r, nil
}

// advance returns the verbatim bytes of the record just read, without its line ending and cut
// to t.keep bytes, and its full length.
func (t *table) advance() ([]byte, int) {
	end := t.tap.start + int64(len(t.tap.buf))
	if off := t.cr.InputOffset(); off >= 0 {
		end = off
	}
	raw, size := t.tap.take(t.prev, end, t.keep)
	t.prev = end
	return raw, size
}

// tooLarge returns the reject reason for a record longer than the table keeps, or nil.
func (t *table) tooLarge(r row) error {
	if t.keep > 0 && r.size > t.keep {
		return tooLarge(r.size, t.keep)
	}
	return nil
}

// checkWidth returns the reject reason for a record whose field count differs from the header's.
func (t *table) checkWidth(r row) error {
	if len(r.fields) != len(t.header) {
		return fmt.Errorf("has %d fields, header has %d", len(r.fields), len(t.header))
	}
	return nil
}

// rowJSON encodes a record as a JSON object in header order.
func rowJSON(header, fields []string) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, h := range header {
		if i >= len(fields) {
			break
		}
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
