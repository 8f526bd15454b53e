package lexicon

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Limits on the files read, so that a corrupt or hostile file cannot exhaust memory.
const (
	// MaxDictSize is the largest uncompressed .dict body read (FreeDict's largest, deu-eng,
	// is about 100 MB); entries past it are ignored.
	MaxDictSize = 512 << 20
	// maxIndexLine is the longest .index line accepted.
	maxIndexLine = 64 << 10
)

// ErrFormat is wrapped by the errors for malformed dictd files.
var ErrFormat = errors.New("lexicon: malformed dictd file")

// indexEntry is one line of a dictd .index file: a headword and where its entry lies in the
// uncompressed .dict body.
type indexEntry struct {
	head        string
	offset, len int
}

// readIndex reads a dictd .index file: lines of headword, offset and length separated by
// tabs, the numbers in dictd's base 64.
func readIndex(r io.Reader, name string, sizeHint int) ([]indexEntry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxIndexLine)
	out := make([]indexEntry, 0, min(sizeHint/20, 4_000_000)) // index lines average 25–35 bytes
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" {
			continue
		}
		head, rest, ok1 := strings.Cut(text, "\t")
		off, size, ok2 := strings.Cut(rest, "\t")
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s:%d: %w: want 3 tab-separated fields", name, line, ErrFormat)
		}
		o, err1 := decodeB64(off)
		n, err2 := decodeB64(size)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s:%d: %w: bad offset or length", name, line, ErrFormat)
		}
		out = append(out, indexEntry{head: head, offset: o, len: n})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

// decodeB64 decodes a dictd number: base 64 digits A–Z a–z 0–9 + / (values 0–63), most
// significant first.
func decodeB64(s string) (int, error) {
	if s == "" || len(s) > 8 {
		return 0, ErrFormat
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var v int
		switch {
		case c >= 'A' && c <= 'Z':
			v = int(c - 'A')
		case c >= 'a' && c <= 'z':
			v = int(c-'a') + 26
		case c >= '0' && c <= '9':
			v = int(c-'0') + 52
		case c == '+':
			v = 62
		case c == '/':
			v = 63
		default:
			return 0, ErrFormat
		}
		n = n<<6 | v
	}
	return n, nil
}

// encodeB64 is the inverse of decodeB64 (used by tests to write fixtures).
func encodeB64(n int) string {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	if n == 0 {
		return "A"
	}
	var b []byte
	for n > 0 {
		b = append(b, digits[n&63])
		n >>= 6
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// openDict opens the body of a .dict or .dict.dz file for reading from the start. A
// .dict.dz is a dictzip file, which is a gzip file, so it is simply gunzipped; at most
// MaxDictSize bytes are read.
func openDict(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	var r io.Reader = bufio.NewReaderSize(f, 64<<10)
	if strings.HasSuffix(path, ".dz") || strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		r = zr
	}
	return &dictReader{r: bufio.NewReaderSize(io.LimitReader(r, MaxDictSize), 64<<10), f: f}, nil
}

type dictReader struct {
	r *bufio.Reader
	f *os.File
}

func (d *dictReader) Read(p []byte) (int, error) { return d.r.Read(p) }
func (d *dictReader) Close() error               { return d.f.Close() }

// entryReader reads the entries of a dictionary body in increasing offset order, without
// holding the body in memory.
type entryReader struct {
	r       *bufio.Reader
	pos     int
	buf     []byte
	lastOff int
	lastLen int
	last    string
}

// entry returns the text of the entry at off, of n bytes. Entries must be asked for in
// increasing offset order; the same entry may be asked for again (several headwords share
// one entry). ok is false for an entry that lies before one already read or past the end.
func (er *entryReader) entry(off, n int) (text string, ok bool, err error) {
	if off == er.lastOff && n == er.lastLen && er.last != "" {
		return er.last, true, nil
	}
	if off < er.pos || n <= 0 {
		return "", false, nil
	}
	if _, err := er.r.Discard(off - er.pos); err != nil {
		if err == io.EOF {
			return "", false, nil
		}
		return "", false, err
	}
	er.pos = off
	if cap(er.buf) < n {
		er.buf = make([]byte, n)
	}
	buf := er.buf[:n]
	m, err := io.ReadFull(er.r, buf)
	er.pos += m
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	er.lastOff, er.lastLen, er.last = off, n, string(buf)
	return er.last, true, nil
}
