package telegram

import (
	"bytes"
	"errors"
	"io"
	"math"
)

// errLimit is returned by source.Read when the JSON decoder wants more bytes than the current
// value may take. It never leaves the package: Decoder turns it into ErrTooLarge. (Decoder
// checks source.hitLimit rather than the error, which encoding/json may not wrap.)
var errLimit = errors.New("telegram: read limit reached")

// source is the stream under the JSON decoder. It delivers head first (bytes already counted,
// or synthetic ones after an oversized message), then r; it counts the bytes taken from r,
// remembers where newlines were so that offsets can be turned into lines, and refuses to read
// from r at or past limit.
type source struct {
	r        io.Reader
	head     []byte
	pos      int64 // offset of the next byte of r
	limit    int64 // Read fails with errLimit when pos reaches limit
	hitLimit bool  // Read failed with errLimit
	eof      bool  // r reported io.EOF

	// nl holds the offsets of newlines read from r that lie at or after the last offset asked
	// for; lines counts the newlines before them. Offsets are asked for in increasing order,
	// so nl only spans what the JSON decoder has buffered ahead.
	nl    []int64
	nlOff int
	lines int
}

func newSource(r io.Reader) *source {
	return &source{r: &escapeFixer{r: &bomSkipper{r: r}}, limit: math.MaxInt64}
}

func (s *source) Read(p []byte) (int, error) {
	if len(s.head) > 0 {
		n := copy(p, s.head)
		s.head = s.head[n:]
		return n, nil
	}
	if s.pos >= s.limit {
		s.hitLimit = true
		return 0, errLimit
	}
	if room := s.limit - s.pos; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := s.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			break
		}
		s.nl = append(s.nl, s.pos+int64(i+j))
		i += j + 1
	}
	s.pos += int64(n)
	if err == io.EOF {
		s.eof = true
	}
	return n, err
}

// lineAt returns the 1-based line of the byte at offset off and forgets the newlines before it.
// Offsets smaller than one asked for before give the line of that earlier offset.
func (s *source) lineAt(off int64) int {
	for s.nlOff < len(s.nl) && s.nl[s.nlOff] < off {
		s.nlOff++
		s.lines++
	}
	if s.nlOff >= 1024 && s.nlOff*2 >= len(s.nl) {
		n := copy(s.nl, s.nl[s.nlOff:])
		s.nl = s.nl[:n]
		s.nlOff = 0
	}
	return s.lines + 1
}

// skipValue discards one JSON value from the stream, whose next byte has offset pos: first
// whitespace and at most one comma, then the value (an object, array, string or literal).
// It returns the offsets where the value starts and ends, the line where it starts, the value's
// first keep bytes, and what it read past the value, which the caller must put back in front of
// head. The value is assumed
// to be well formed as far as nesting goes; the JSON decoder reports anything else later.
func (s *source) skipValue(pos int64, keep int) (start, end int64, line int, prefix, rest []byte, err error) {
	s.limit = math.MaxInt64
	buf := make([]byte, 32<<10)
	var (
		begun, comma, inStr, esc, literal bool
		depth                             int
	)
	start = -1
	for {
		n, rerr := s.Read(buf)
		chunk := buf[:n]
		for i := 0; i < len(chunk); i++ {
			c := chunk[i]
			if !begun {
				switch {
				case c == ' ' || c == '\t' || c == '\r' || c == '\n':
					pos++
					continue
				case c == ',' && !comma:
					comma = true
					pos++
					continue
				}
				begun, start = true, pos
				switch c {
				case '{', '[':
					depth = 1
				case '"':
					inStr = true
				default:
					literal = true
				}
				line = s.lineAt(start)
				prefix = append(prefix, c)
				pos++
				continue
			}
			done := false
			switch {
			case literal:
				if c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\r' || c == '\n' {
					return start, pos, line, prefix, append([]byte(nil), chunk[i:]...), nil
				}
			case inStr:
				switch {
				case esc:
					esc = false
				case c == '\\':
					esc = true
				case c == '"':
					inStr = false
					done = depth == 0
				}
			case c == '"':
				inStr = true
			case c == '{' || c == '[':
				depth++
			case c == '}' || c == ']':
				depth--
				done = depth == 0
			}
			if len(prefix) < keep {
				prefix = append(prefix, c)
			}
			pos++
			if done {
				return start, pos, line, prefix, append([]byte(nil), chunk[i+1:]...), nil
			}
		}
		if begun {
			s.lineAt(pos)
		}
		if rerr != nil {
			if rerr == io.EOF {
				if literal {
					return start, pos, line, prefix, nil, nil
				}
				rerr = io.ErrUnexpectedEOF
			}
			return start, pos, line, prefix, nil, rerr
		}
	}
}

// escapeFixer rewrites the "\xNN" escapes Telegram Desktop writes for control characters into
// the JSON spelling "\u00NN". Everything else passes through unchanged.
type escapeFixer struct {
	r    io.Reader
	esc  bool   // the last byte passed was a backslash that starts an escape
	pend []byte // rewritten bytes not yet delivered
	err  error  // error to report once pend is delivered
}

func (f *escapeFixer) Read(p []byte) (int, error) {
	if len(f.pend) > 0 {
		n := copy(p, f.pend)
		f.pend = f.pend[n:]
		if len(f.pend) == 0 && f.err != nil {
			return n, f.err
		}
		return n, nil
	}
	if f.err != nil {
		return 0, f.err
	}
	n, err := f.r.Read(p)
	chunk := p[:n]
	if !(f.esc && n > 0 && chunk[0] == 'x') && !bytes.Contains(chunk, []byte(`\x`)) {
		// Fast path: no rewrite; only the escape state at the end of the chunk matters.
		run := len(chunk) - len(bytes.TrimRight(chunk, `\`))
		if run == len(chunk) && f.esc {
			run++
		}
		if n > 0 {
			f.esc = run%2 == 1
		}
		return n, err
	}
	out := make([]byte, 0, n+16)
	for _, c := range chunk {
		switch {
		case f.esc:
			f.esc = false
			if c == 'x' {
				out = append(out, "u00"...)
				continue
			}
		case c == '\\':
			f.esc = true
		}
		out = append(out, c)
	}
	k := copy(p, out)
	if k < len(out) {
		f.pend = out[k:]
		f.err = err
		return k, nil
	}
	return k, err
}

// bomSkipper drops a UTF-8 byte order mark at the start of the stream (left by editors; the
// JSON decoder rejects it).
type bomSkipper struct {
	r       io.Reader
	started bool
	head    []byte
}

func (b *bomSkipper) Read(p []byte) (int, error) {
	if !b.started {
		b.started = true
		head := make([]byte, 3)
		n, err := io.ReadFull(b.r, head)
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return 0, err
		}
		if b.head = head[:n]; bytes.Equal(b.head, []byte("\xef\xbb\xbf")) {
			b.head = nil
		}
	}
	if len(b.head) > 0 {
		n := copy(p, b.head)
		b.head = b.head[n:]
		return n, nil
	}
	return b.r.Read(p)
}
