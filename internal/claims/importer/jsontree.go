package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// jobj is a decoded JSON object that remembers where it came from: its bytes in the document
// and the line where it starts. Values are string, json.Number, bool, nil, []any and *jobj.
type jobj struct {
	m    map[string]any
	raw  []byte // the object's bytes in the document (shared, not a copy)
	off  int    // offset of the object in the document
	line int
}

// tree decodes one JSON value from data, which starts at line base, into nested jobj values.
// Syntax errors come back with their absolute line; a value cut short reports io.ErrUnexpectedEOF.
func tree(data []byte, base int) (any, error) {
	nl := newlineIndex(data)
	lineAt := func(off int64) int {
		return base + sort.Search(len(nl), func(i int) bool { return nl[i] >= int(off) })
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var value func(tok json.Token) (any, error)
	value = func(tok json.Token) (any, error) {
		d, ok := tok.(json.Delim)
		if !ok {
			return tok, nil
		}
		switch d {
		case '{':
			start := dec.InputOffset() - 1
			o := &jobj{m: map[string]any{}, off: int(start), line: lineAt(start)}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				vt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := value(vt)
				if err != nil {
					return nil, err
				}
				o.m[k] = v
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			o.raw = data[start:dec.InputOffset()]
			return o, nil
		case '[':
			var a []any
			for dec.More() {
				t, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := value(t)
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			if a == nil {
				a = []any{}
			}
			return a, nil
		}
		return nil, fmt.Errorf("unexpected %v", d)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, treeErr(err, data, dec, lineAt)
	}
	v, err := value(tok)
	if err != nil {
		return nil, treeErr(err, data, dec, lineAt)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("malformed JSON at line %d: data after the value", lineAt(dec.InputOffset()))
	}
	return v, nil
}

// treeErr adds the line to a decoding error.
func treeErr(err error, data []byte, dec *json.Decoder, lineAt func(int64) int) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("truncated JSON: the value ends early at line %d", lineAt(int64(len(data))))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("malformed JSON at line %d: %v", lineAt(max(se.Offset-1, 0)), se)
	}
	return fmt.Errorf("malformed JSON at line %d: %v", lineAt(dec.InputOffset()), err)
}

func newlineIndex(b []byte) []int {
	var nl []int
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return nl
		}
		nl = append(nl, i+j)
		i += j + 1
	}
}

// get returns a member, nil when absent or when o is nil.
func (o *jobj) get(key string) any {
	if o == nil {
		return nil
	}
	return o.m[key]
}

// str returns a string member, or the text of a number or boolean; "" when absent.
func (o *jobj) str(key string) string {
	if o == nil {
		return ""
	}
	return scalar(o.m[key])
}

func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return ""
}

// obj returns a member that is an object (the first object of an array).
func (o *jobj) obj(key string) *jobj {
	if o == nil {
		return nil
	}
	return firstObj(o.m[key])
}

func firstObj(v any) *jobj {
	switch x := v.(type) {
	case *jobj:
		return x
	case []any:
		for _, e := range x {
			if o, ok := e.(*jobj); ok {
				return o
			}
		}
	}
	return nil
}

// list returns a member as a list: an array's elements, or a single value.
func (o *jobj) list(key string) []any {
	if o == nil {
		return nil
	}
	switch x := o.m[key].(type) {
	case nil:
		return nil
	case []any:
		return x
	default:
		return []any{x}
	}
}

// types returns the @type values of an object with any "schema:" or URL prefix removed.
func (o *jobj) types() []string {
	var out []string
	for _, t := range o.list("@type") {
		s, ok := t.(string)
		if !ok {
			continue
		}
		if i := strings.LastIndexAny(s, "/:#"); i >= 0 {
			s = s[i+1:]
		}
		out = append(out, s)
	}
	return out
}

// is reports whether the object has the given schema.org @type.
func (o *jobj) is(typ string) bool {
	if o == nil {
		return false
	}
	for _, t := range o.types() {
		if strings.EqualFold(t, typ) {
			return true
		}
	}
	return false
}
