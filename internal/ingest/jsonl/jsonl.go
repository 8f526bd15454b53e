// Package jsonl decodes JSON Lines posts in fimi's default layout (see ingest.Fields) or in a
// foreign layout mapped onto it with ingest.Options.Map, where a column may be a dotted path
// into nested objects and through arrays ("entities.urls.expanded_url").
package jsonl

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
	"fimi/internal/ingest"
)

// DefaultMaxBytes is the longest line accepted when Options.MaxBytes is zero.
const DefaultMaxBytes = 16 << 20

// Format is the JSON Lines format.
var Format = ingest.Format{
	Name:  "jsonl",
	Exts:  []string{".jsonl", ".ndjson", ".jsonlines"},
	Sniff: Sniff,
	Open: func(r io.Reader, opt ingest.Options) (ingest.Decoder, error) {
		return NewDecoder(r, opt), nil
	},
}

// Sniff reports whether head looks like JSON Lines: its first non-blank line is a complete JSON
// object (or head, at least 4 KiB long, ends inside a first object that starts with '{').
func Sniff(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for len(head) > 0 {
		line := head
		i := bytes.IndexByte(head, '\n')
		if i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if line[0] != '{' {
			return false
		}
		// Without a newline the line may have been cut by the sniff window.
		return json.Valid(line) || i < 0 && len(line) >= 4096
	}
	return false
}

// Decoder reads JSON Lines. It is not safe for concurrent use.
type Decoder struct {
	r    *bufio.Reader
	opt  ingest.Options
	line int
	max  int
}

// NewDecoder returns a decoder over r. Lines longer than opt.MaxBytes are rejected with their
// first MaxBytes bytes kept.
func NewDecoder(r io.Reader, opt ingest.Options) *Decoder {
	max := opt.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	return &Decoder{r: bufio.NewReaderSize(r, 256<<10), opt: opt, max: max}
}

// Next implements ingest.Decoder.
func (d *Decoder) Next() (ingest.Record, error) {
	for {
		line, truncated, err := d.readLine()
		if err != nil {
			return ingest.Record{}, err
		}
		d.line++
		if d.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		trimmed := bytes.TrimSpace(line)
		if len(trimmed) == 0 && !truncated {
			continue
		}
		rec := ingest.Record{Line: d.line}
		if truncated {
			rec.Verbatim = line
			rec.Err = fmt.Errorf("line longer than %d bytes (record kept truncated)", d.max)
			return rec, nil
		}
		if !utf8.Valid(trimmed) {
			rec.Verbatim = line
			rec.Err = fmt.Errorf("invalid UTF-8 at byte %d", invalidAt(trimmed))
			return rec, nil
		}
		rec.Item, rec.Err = d.decode(trimmed)
		if rec.Err != nil {
			rec.Verbatim = line
			return rec, nil
		}
		rec.Item.Raw = json.RawMessage(trimmed)
		return rec, nil
	}
}

// readLine returns the next line without its newline, a copy the caller owns. A line longer
// than the cap is cut there and the rest skipped. At the end it returns io.EOF.
func (d *Decoder) readLine() ([]byte, bool, error) {
	var buf []byte
	truncated := false
	for {
		chunk, err := d.r.ReadSlice('\n')
		if !truncated {
			room := d.max - len(buf)
			if len(chunk) > room {
				buf = append(buf, chunk[:room]...)
				truncated = true
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case err == nil:
			return bytes.TrimRight(buf, "\r\n"), truncated, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(buf) == 0 {
				return nil, false, io.EOF
			}
			return bytes.TrimRight(buf, "\r\n"), truncated, nil
		default:
			return nil, false, fmt.Errorf("read %s: %w", d.opt.Name, err)
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

func (d *Decoder) decode(line []byte) (it fimi.Item, err error) {
	if len(d.opt.Map) == 0 {
		return d.decodeDefault(line)
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return it, fmt.Errorf("malformed JSON: %v", err)
	}
	if dec.More() {
		return it, errors.New("malformed JSON: trailing data after the object")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return it, fmt.Errorf("want a JSON object, got %s", kind(v))
	}
	return ingest.ItemFromFields(func(name string) (ingest.Value, bool) { return lookup(obj, name) }, d.opt)
}

func kind(v any) string {
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

// lookup finds name in obj: the key itself, else a dotted path through objects and arrays.
func lookup(obj map[string]any, name string) (ingest.Value, bool) {
	if v, ok := obj[name]; ok {
		return toValue(v)
	}
	if !strings.Contains(name, ".") {
		return ingest.Value{}, false
	}
	vals := walk([]any{obj}, strings.Split(name, "."))
	switch len(vals) {
	case 0:
		return ingest.Value{}, false
	case 1:
		if _, isArr := vals[0].([]any); !isArr && !viaArray(obj, name) {
			return toValue(vals[0])
		}
	}
	return toValue(flatten(vals))
}

// viaArray reports whether a dotted path passes through an array (so its result is a list).
func viaArray(obj map[string]any, name string) bool {
	cur := any(obj)
	for _, p := range strings.Split(name, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return true
		}
		cur = m[p]
	}
	return false
}

func walk(cur []any, path []string) []any {
	if len(path) == 0 {
		return cur
	}
	var next []any
	for _, c := range cur {
		switch x := c.(type) {
		case map[string]any:
			if v, ok := x[path[0]]; ok && v != nil {
				next = append(next, v)
			}
		case []any:
			next = append(next, walk(x, path)...)
		}
	}
	if len(next) == 0 {
		return nil
	}
	if len(path) == 1 {
		return next
	}
	return walk(next, path[1:])
}

func flatten(vals []any) []any {
	var out []any
	for _, v := range vals {
		if a, ok := v.([]any); ok {
			out = append(out, flatten(a)...)
		} else {
			out = append(out, v)
		}
	}
	return out
}

func toValue(v any) (ingest.Value, bool) {
	switch x := v.(type) {
	case nil:
		return ingest.Value{}, false
	case string:
		return ingest.Value{S: x}, true
	case json.Number:
		f, _ := x.Float64()
		return ingest.Value{S: x.String(), Num: f, IsNum: true}, true
	case bool:
		if x {
			return ingest.Value{S: "true"}, true
		}
		return ingest.Value{S: "false"}, true
	case []any:
		l := make([]string, 0, len(x))
		for _, e := range x {
			switch y := e.(type) {
			case string:
				l = append(l, y)
			case json.Number:
				l = append(l, y.String())
			case map[string]any:
				// Objects in a list: take a URL-like or text-like member.
				for _, k := range []string{"expanded_url", "url", "href", "text", "tag", "name"} {
					if s, ok := y[k].(string); ok {
						l = append(l, s)
						break
					}
				}
			}
		}
		return ingest.Value{L: l, List: true}, true
	case []string:
		return ingest.Value{L: x, List: true}, true
	case map[string]any:
		b, _ := json.Marshal(x)
		return ingest.Value{S: string(b)}, true
	}
	return ingest.Value{}, false
}
