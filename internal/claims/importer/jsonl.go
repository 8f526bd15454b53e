package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"fimi/internal/fimi"
)

// JSONL is the generic JSON format: JSON Lines, one claim object per line, in the layout of
// Fields (fimi.Claim's JSON names, as `fimi gen` writes claims.jsonl and as claims are exported)
// or mapped onto it with Options.Map, where a column may be a dotted path through nested objects
// and arrays ("review.rating.label"). An input whose first byte is '[' is read as a JSON array
// of such objects instead. Raw is the object as read.
//
// Rejected: lines or elements that are not JSON objects, malformed, truncated, longer than
// Options.MaxBytes (kept truncated) or not valid UTF-8, and records that fail the generic
// validation (see claimFromFields). Blank lines are skipped.
var JSONL = Format{
	Name:  "jsonl",
	Doc:   "claims as JSON Lines (or a JSON array) with fimi.Claim's field names, or mapped with --map",
	Exts:  []string{".jsonl", ".ndjson", ".jsonlines", ".json"},
	Sniff: sniffJSONL,
	Open:  openJSONL,
}

// sniffJSONL accepts input whose first non-blank byte opens a JSON object or array.
func sniffJSONL(name string, head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(head) > 0 && (head[0] == '{' || head[0] == '[' && bytes.Contains(head, []byte("{")))
}

func openJSONL(r io.Reader, opt Options) (Decoder, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	if head, _ := br.Peek(3); bytes.Equal(head, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	d := &jsonlDecoder{r: br, opt: opt, max: opt.maxBytes()}
	for {
		b, err := br.Peek(1)
		if err != nil || !isSpace(b[0]) {
			if err == nil && b[0] == '[' {
				d.s = newSplitter(br, d.max)
			}
			break
		}
		if b[0] == '\n' {
			d.line++
		}
		br.ReadByte()
	}
	return d, nil
}

// jsonlDecoder reads JSON Lines, or a JSON array through a splitter.
type jsonlDecoder struct {
	r    *bufio.Reader
	s    *splitter // non-nil for a JSON array
	opt  Options
	line int // lines consumed (line mode), or blank lines before the array
	max  int
}

// Next implements Decoder.
func (d *jsonlDecoder) Next() (Record, error) {
	if d.s != nil {
		u, err := d.s.next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return Record{}, io.EOF
			}
			return Record{}, fmt.Errorf("%s: %w", d.opt.Name, err)
		}
		u.line += d.line
		rec := Record{Line: u.line, Verbatim: u.data}
		if rec.Err = u.problem(d.max); rec.Err == nil {
			rec.Claim, rec.Err = d.decode(u.data, u.line)
		}
		if rec.Err != nil {
			rec.Err = fmt.Errorf("element %d: %w", u.index, rec.Err)
		} else {
			rec.Verbatim = nil
		}
		return rec, nil
	}
	for {
		line, size, err := readLine(d.r, d.max)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return Record{}, io.EOF
			}
			return Record{}, fmt.Errorf("read %s: %w", d.opt.Name, err)
		}
		d.line++
		trimmed := bytes.TrimSpace(line)
		if len(trimmed) == 0 && size == len(line) {
			continue
		}
		rec := Record{Line: d.line, Verbatim: line}
		switch {
		case size > d.max:
			rec.Err = tooLarge(size, d.max)
		default:
			rec.Claim, rec.Err = d.decode(trimmed, d.line)
		}
		if rec.Err == nil {
			rec.Verbatim = nil
		}
		return rec, nil
	}
}

// decode turns one JSON object into a claim.
func (d *jsonlDecoder) decode(b []byte, line int) (c fimi.Claim, err error) {
	if !utf8.Valid(b) {
		return c, fmt.Errorf("invalid UTF-8 at byte %d", invalidAt(b))
	}
	v, err := tree(b, line)
	if err != nil {
		return c, err
	}
	o, ok := v.(*jobj)
	if !ok {
		return c, fmt.Errorf("want a JSON object, got %s", kindOf(v))
	}
	c, err = claimFromFields(func(col string) (value, bool) { return lookup(o, col) }, d.opt, SourceJSONL)
	if err == nil {
		c.Raw = json.RawMessage(append([]byte(nil), b...))
	}
	return c, err
}

// readLine returns the next line without its line ending (a copy the caller owns), cut to max
// bytes, and its full length. At the end it returns io.EOF.
func readLine(r *bufio.Reader, max int) ([]byte, int, error) {
	var buf []byte
	size := 0
	for {
		chunk, err := r.ReadSlice('\n')
		size += len(chunk)
		if room := max - len(buf); room > 0 {
			buf = append(buf, chunk[:min(len(chunk), room)]...)
		}
		switch {
		case err == nil:
			n := len(bytes.TrimRight(chunk, "\r\n"))
			return bytes.TrimRight(buf, "\r\n"), size - (len(chunk) - n), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if size == 0 {
				return nil, 0, io.EOF
			}
			return bytes.TrimRight(buf, "\r\n"), size, nil
		default:
			return nil, 0, err
		}
	}
}

func kindOf(v any) string {
	switch v.(type) {
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "a value"
}

// lookup finds a column in an object: the key itself, else a dotted path through objects and
// arrays (a path through an array yields a list).
func lookup(o *jobj, name string) (value, bool) {
	if v, ok := o.m[name]; ok {
		return toValue(v)
	}
	if !strings.Contains(name, ".") {
		return value{}, false
	}
	cur := []any{o}
	viaArray := false
	for _, p := range strings.Split(name, ".") {
		var next []any
		for _, c := range cur {
			switch x := c.(type) {
			case *jobj:
				if v, ok := x.m[p]; ok && v != nil {
					next = append(next, v)
				}
			case []any:
				viaArray = true
				for _, e := range x {
					if eo, ok := e.(*jobj); ok {
						if v, ok := eo.m[p]; ok && v != nil {
							next = append(next, v)
						}
					}
				}
			}
		}
		cur = next
	}
	switch {
	case len(cur) == 0:
		return value{}, false
	case len(cur) == 1 && !viaArray:
		return toValue(cur[0])
	}
	return toValue(cur)
}

// toValue converts a decoded JSON value. Objects in lists give their url, name or text member.
func toValue(v any) (value, bool) {
	switch x := v.(type) {
	case nil:
		return value{}, false
	case string:
		return value{s: x}, true
	case json.Number:
		return value{s: x.String(), isNum: true}, true
	case bool:
		return value{s: scalar(x)}, true
	case *jobj:
		return value{s: string(x.raw)}, true
	case []any:
		var l []string
		var add func(e any)
		add = func(e any) {
			switch y := e.(type) {
			case string:
				l = append(l, y)
			case json.Number:
				l = append(l, y.String())
			case *jobj:
				for _, k := range []string{"url", "@id", "name", "text"} {
					if s := y.str(k); s != "" {
						l = append(l, s)
						break
					}
				}
			case []any:
				for _, z := range y {
					add(z)
				}
			}
		}
		for _, e := range x {
			add(e)
		}
		return value{list: l, isList: true}, true
	}
	return value{}, false
}
