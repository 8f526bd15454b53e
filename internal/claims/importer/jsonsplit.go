package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// splitter cuts a JSON stream into top-level values without decoding them: the elements of a
// top-level array, or each value of a sequence (one object, JSON Lines, concatenated JSON).
// It tracks only strings and nesting, so one malformed value does not stop the next from being
// found, and it keeps at most keep bytes of a value (counting the rest), so memory stays
// bounded however long a value is. It is not safe for concurrent use.
type splitter struct {
	r       *bufio.Reader
	keep    int
	line    int  // line of the next byte
	inArray bool // inside the top-level array
	count   int  // values returned so far
	err     error
}

// unit is one top-level JSON value as read.
type unit struct {
	data       []byte // the value's bytes, at most keep of them
	size       int    // the value's full length in bytes
	line       int    // line where the value starts
	index      int    // 1-based position among the values of the input
	inArray    bool   // the value is an element of a top-level array
	unfinished bool   // the input ended inside the value
	garbage    bool   // the value does not start like JSON; data is the rest of its line
}

func newSplitter(r io.Reader, keep int) *splitter {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < 64<<10 {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	if head, _ := br.Peek(3); bytes.Equal(head, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return &splitter{r: br, keep: keep, line: 1}
}

// next returns the next value, io.EOF at the end, or a read error.
func (s *splitter) next() (unit, error) {
	if s.err != nil {
		return unit{}, s.err
	}
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return unit{}, s.fail(err)
		}
		switch c {
		case '\n':
			s.line++
			continue
		case ' ', '\t', '\r', ',':
			continue
		case '[':
			if !s.inArray {
				s.inArray = true
				continue
			}
		case ']':
			if s.inArray {
				s.inArray = false
				continue
			}
		}
		s.count++
		u := unit{line: s.line, index: s.count, inArray: s.inArray}
		var rerr error
		switch {
		case c == '{' || c == '[' || c == '"':
			rerr = s.readNested(&u, c)
		case c == '-' || c >= '0' && c <= '9' || c == 't' || c == 'f' || c == 'n':
			rerr = s.readLiteral(&u, c)
		default:
			u.garbage = true
			rerr = s.readLine(&u, c)
		}
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return unit{}, s.fail(rerr)
		}
		return u, nil
	}
}

func (s *splitter) fail(err error) error {
	if errors.Is(err, io.EOF) {
		s.err = io.EOF
	} else {
		s.err = fmt.Errorf("read: %w", err)
	}
	return s.err
}

func (u *unit) add(c byte, keep int) {
	u.size++
	if len(u.data) < keep {
		u.data = append(u.data, c)
	}
}

// readNested reads an object, array or string whose first byte is c. At the end of input it
// marks the unit unfinished and returns io.EOF.
func (s *splitter) readNested(u *unit, c byte) error {
	u.add(c, s.keep)
	depth, inStr, esc := 0, c == '"', false
	if !inStr {
		depth = 1
	}
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				u.unfinished = true
			}
			return err
		}
		u.add(c, s.keep)
		switch {
		case c == '\n':
			s.line++
			esc = false
		case inStr:
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
				if depth == 0 {
					return nil
				}
			}
		case c == '"':
			inStr = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				return nil
			}
		}
	}
}

// readLiteral reads a number, true, false or null.
func (s *splitter) readLiteral(u *unit, c byte) error {
	u.add(c, s.keep)
	for {
		b, err := s.r.Peek(1)
		if err != nil {
			return err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n', ',', ']', '}', '[', '{', '"':
			return nil
		}
		s.r.ReadByte()
		u.add(b[0], s.keep)
	}
}

// readLine reads the rest of the line: a value that is not JSON.
func (s *splitter) readLine(u *unit, c byte) error {
	u.add(c, s.keep)
	for {
		b, err := s.r.ReadByte()
		if err != nil {
			return err
		}
		if b == '\n' {
			s.line++
			return nil
		}
		u.add(b, s.keep)
	}
}

// problem returns why a unit cannot be decoded before looking inside it, or nil.
func (u unit) problem(keep int) error {
	switch {
	case u.garbage:
		return fmt.Errorf("not JSON: starts with %q", shortBytes(u.data, 20))
	case u.unfinished:
		return fmt.Errorf("truncated JSON: the input ends inside the value that starts at line %d", u.line)
	case u.size > keep:
		return tooLarge(u.size, keep)
	}
	return nil
}

// syntaxLine returns the line of a JSON syntax error in data, which starts at line base.
func syntaxLine(data []byte, base int, err error) int {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset > 0 {
		off := min(int(se.Offset)-1, len(data))
		return base + bytes.Count(data[:off], []byte("\n"))
	}
	return base
}

// jsonErr turns a JSON decoding error of a unit into a reject reason with an absolute line.
func jsonErr(data []byte, base int, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("malformed JSON at line %d: %v", syntaxLine(data, base, err), se)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("field %s: want %s, got JSON %s", te.Field, te.Type, te.Value)
	}
	return fmt.Errorf("malformed JSON: %v", err)
}

func shortBytes(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}
