package telegram

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"fimi/internal/ingest"
)

// slack is how far past MaxBytes the JSON decoder may read for one value: room for the
// whitespace and comma in front of it.
const slack = 4 << 10

// Decoder streams the messages of one Telegram Desktop JSON export. It reads the input once,
// holding at most about twice the largest message in memory. It is not safe for concurrent use.
type Decoder struct {
	name     string
	max      int
	username string // from Options.BaseURL, for single-chat exports

	src  *source
	dec  *json.Decoder
	base int64 // offset in src of the JSON decoder's offset 0 (negative after a restart)

	stack    []frameKind
	chat     chat
	isExport bool // a key only exports have was seen
	skipped  int
	raw      json.RawMessage // the current message, reused
	err      error           // sticky: a *ParseError or io.EOF
}

// frameKind is a JSON container the decoder is inside of.
type frameKind uint8

const (
	frameRoot     frameKind = iota // the document: a chat, or an account export
	frameSection                   // the object under "chats" or "left_chats"
	frameList                      // its "list" array of chats
	frameChat                      // one chat of the list
	frameMessages                  // a chat's "messages" array
)

// chat is what the decoder knows about the chat whose messages it is reading.
type chat struct {
	id       string // bare id as exported, decimal
	idErr    error  // the "id" was not an integer
	rawID    json.Number
	name     string
	typ      string
	username string // without '@'
	json     []byte // the "chat" object of Raw
}

// NewDecoder returns a decoder reading an export from r. opt.Name names the input in errors.
// opt.MaxBytes bounds each message (DefaultMaxBytes when 0 or less): a longer message is
// rejected with ErrTooLarge and skipped without being held in memory, and any other single JSON
// value longer than that (a chat name, a string in a section that is skipped) ends the input
// with ErrTooLarge. opt.BaseURL, when it is https://t.me/<username>, gives the username of a
// single-chat export. Other options are not used. NewDecoder does not read; the caller keeps
// ownership of r and the decoder never closes it.
func NewDecoder(r io.Reader, opt ingest.Options) *Decoder {
	d := &Decoder{name: opt.Name, max: opt.MaxBytes, src: newSource(r)}
	if d.max <= 0 {
		d.max = DefaultMaxBytes
	}
	d.username = usernameFromURL(opt.BaseURL)
	d.dec = json.NewDecoder(d.src)
	d.dec.UseNumber()
	return d
}

// Skipped returns how many messages have been skipped so far because they are not of type
// "message": service messages (pins, joins, title changes, calls, ...) and unsupported ones.
// Skipped messages produce no record, not even a rejected one.
func (d *Decoder) Skipped() int { return d.skipped }

// Next returns the next message record, io.EOF after the last one, or a *ParseError when the
// input cannot be read further; errors are sticky. The returned record and its slices belong to
// the caller.
func (d *Decoder) Next() (ingest.Record, error) {
	if d.err != nil {
		return ingest.Record{}, d.err
	}
	rec, err := d.next()
	if err != nil {
		d.err = err
	}
	return rec, err
}

func (d *Decoder) next() (ingest.Record, error) {
	if d.stack == nil {
		tok, err := d.token()
		if err == io.EOF {
			err = d.fail(io.ErrUnexpectedEOF)
		}
		if err != nil {
			return ingest.Record{}, err
		}
		if tok != json.Delim('{') {
			return ingest.Record{}, d.fail(ErrNotExport)
		}
		d.stack = append(d.stack, frameRoot)
	}
	for len(d.stack) > 0 {
		switch top := d.stack[len(d.stack)-1]; top {
		case frameMessages, frameList:
			// More is also false at the end of the input; the next token reports that.
			d.arm()
			if !d.dec.More() {
				if _, err := d.token(); err != nil { // ']'
					return ingest.Record{}, err
				}
				d.stack = d.stack[:len(d.stack)-1]
				continue
			}
			if top == frameMessages {
				rec, ok, err := d.message()
				if err != nil || ok {
					return rec, err
				}
				continue
			}
			tok, err := d.token()
			if err != nil {
				return ingest.Record{}, err
			}
			if tok == json.Delim('{') {
				d.stack = append(d.stack, frameChat)
				d.chat = chat{}
			} else if err := d.skip(tok); err != nil {
				return ingest.Record{}, err
			}
		default:
			tok, err := d.token()
			if err != nil {
				return ingest.Record{}, err
			}
			if tok == json.Delim('}') {
				d.stack = d.stack[:len(d.stack)-1]
				continue
			}
			key, _ := tok.(string)
			if err := d.field(top, key); err != nil {
				return ingest.Record{}, err
			}
		}
	}
	if !d.isExport {
		return ingest.Record{}, d.fail(fmt.Errorf("%w: no \"messages\" or \"chats\"", ErrNotExport))
	}
	if tok, err := d.token(); err != io.EOF {
		if err == nil {
			err = d.fail(fmt.Errorf("%w: unexpected %v after the end", ErrNotExport, tok))
		}
		return ingest.Record{}, err
	}
	return ingest.Record{}, io.EOF
}

// field reads the value of key in an object of kind top.
func (d *Decoder) field(top frameKind, key string) error {
	chatLike := top == frameRoot || top == frameChat
	switch {
	case chatLike && key == "messages":
		tok, err := d.token()
		if err != nil {
			return err
		}
		if tok != json.Delim('[') {
			return d.fail(fmt.Errorf("%w: \"messages\" is not an array", ErrNotExport))
		}
		d.beginChat(top == frameRoot)
		d.stack = append(d.stack, frameMessages)
		return nil
	case chatLike && (key == "name" || key == "type" || key == "username"):
		s, err := d.scalar()
		if err != nil {
			return err
		}
		switch key {
		case "name":
			d.chat.name = s
		case "type":
			d.chat.typ = s
		default:
			d.chat.username = strings.TrimPrefix(s, "@")
		}
		return nil
	case chatLike && key == "id":
		tok, err := d.token()
		if err != nil {
			return err
		}
		d.chat.id, d.chat.rawID, d.chat.idErr = "", "", nil
		switch v := tok.(type) {
		case json.Number:
			if _, err := strconv.ParseInt(string(v), 10, 64); err != nil {
				d.chat.idErr = &ingest.FieldError{Field: "chat.id", Value: ingest.Short(string(v), 40), Err: errors.New("not an integer")}
			} else {
				d.chat.id, d.chat.rawID = string(v), v
			}
		case string:
			if _, err := strconv.ParseInt(v, 10, 64); err != nil {
				d.chat.idErr = &ingest.FieldError{Field: "chat.id", Value: ingest.Short(v, 40), Err: errors.New("not an integer")}
			} else {
				d.chat.id, d.chat.rawID = v, json.Number(v)
			}
		default:
			d.chat.idErr = &ingest.FieldError{Field: "chat.id", Err: errors.New("not an integer")}
			return d.skip(tok)
		}
		return nil
	case top == frameRoot && (key == "chats" || key == "left_chats"),
		top == frameSection && key == "list":
		tok, err := d.token()
		if err != nil {
			return err
		}
		want, kind := json.Delim('{'), frameSection
		if top == frameSection {
			want, kind = json.Delim('['), frameList
		}
		if tok != want {
			return d.skip(tok)
		}
		d.isExport = true
		d.stack = append(d.stack, kind)
		return nil
	}
	tok, err := d.token()
	if err != nil {
		return err
	}
	return d.skip(tok)
}

// beginChat is called at the start of a chat's messages.
func (d *Decoder) beginChat(single bool) {
	d.isExport = true
	c := &d.chat
	if c.username == "" && single {
		c.username = d.username
	}
	obj := struct {
		ID       json.Number `json:"id,omitempty"`
		Name     string      `json:"name,omitempty"`
		Type     string      `json:"type,omitempty"`
		Username string      `json:"username,omitempty"`
	}{c.rawID, c.name, c.typ, c.username}
	c.json, _ = json.Marshal(obj) // cannot fail: strings and a validated number
}

// message decodes the next element of a messages array. ok is false for a skipped message.
func (d *Decoder) message() (rec ingest.Record, ok bool, err error) {
	d.arm()
	if err := d.dec.Decode(&d.raw); err != nil {
		if d.src.hitLimit {
			rec, err := d.skipOversized()
			return rec, err == nil, err
		}
		return rec, false, d.fail(err)
	}
	end := d.offset()
	line := d.src.lineAt(end - int64(len(d.raw)))
	if len(d.raw) > d.max {
		return d.tooLarge(d.raw[:d.max], line), true, nil
	}
	rec, ok = d.record(d.raw, line)
	if !ok {
		d.skipped++
	}
	return rec, ok, nil
}

// tooLarge returns the rejected record of a message larger than d.max; head is its beginning.
func (d *Decoder) tooLarge(head []byte, line int) ingest.Record {
	return ingest.Record{
		Item:     newItem(),
		Verbatim: bytes.Clone(head),
		Line:     line,
		Err:      fmt.Errorf("message: %w: more than %d bytes", ErrTooLarge, d.max),
	}
}

// skipOversized recovers from a message that did not fit in the read limit: it discards the
// message from the stream and starts a new JSON decoder on what follows, primed with a
// synthetic prefix that puts it back inside the current messages array.
func (d *Decoder) skipOversized() (ingest.Record, error) {
	buffered, _ := io.ReadAll(d.dec.Buffered())
	d.src.head = append(buffered, d.src.head...)
	_, resume, line, head, rest, err := d.src.skipValue(d.offset(), d.max)
	if err != nil {
		return ingest.Record{}, d.failAt(err, d.src.lineAt(d.src.pos))
	}

	var prefix []byte
	for _, f := range d.stack {
		switch f {
		case frameRoot, frameSection, frameChat:
			prefix = append(prefix, `{"":`...)
		case frameList:
			prefix = append(prefix, '[')
		case frameMessages:
			prefix = append(prefix, "[null"...)
		}
	}
	d.src.head = append(append(prefix, rest...), d.src.head...)
	d.src.limit = resume + int64(d.max) + slack
	d.base = resume - int64(len(prefix))
	d.dec = json.NewDecoder(d.src)
	d.dec.UseNumber()
	for d.dec.InputOffset() < int64(len(prefix)) {
		if _, err := d.dec.Token(); err != nil {
			return ingest.Record{}, d.fail(err)
		}
	}
	return d.tooLarge(head, line), nil
}

// offset returns the stream offset the JSON decoder has consumed up to.
func (d *Decoder) offset() int64 { return d.base + d.dec.InputOffset() }

// arm lets the JSON decoder read one more value of at most d.max bytes.
func (d *Decoder) arm() {
	off := d.offset()
	d.src.lineAt(off)
	d.src.limit = off + int64(d.max) + slack
	d.src.hitLimit = false
}

func (d *Decoder) token() (json.Token, error) {
	d.arm()
	tok, err := d.dec.Token()
	if err != nil {
		if err == io.EOF && len(d.stack) > 0 {
			err = io.ErrUnexpectedEOF
		}
		if err == io.EOF {
			return nil, err
		}
		return nil, d.fail(err)
	}
	return tok, nil
}

// scalar reads a value as a string: strings as they are, numbers and booleans spelled out,
// null and containers (skipped) as "".
func (d *Decoder) scalar() (string, error) {
	tok, err := d.token()
	if err != nil {
		return "", err
	}
	switch v := tok.(type) {
	case string:
		return v, nil
	case json.Number:
		return string(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	case json.Delim:
		return "", d.skip(tok)
	}
	return "", nil
}

// skip discards the rest of a value whose first token is tok.
func (d *Decoder) skip(tok json.Token) error { return skipTokens(tok, d.token) }

// fail wraps err in a *ParseError with the line where the JSON decoder stopped. Errors that
// are already *ParseError pass through.
func (d *Decoder) fail(err error) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		return err
	}
	if d.src.hitLimit {
		return d.failAt(fmt.Errorf("%w: a value is longer than %d bytes", ErrTooLarge, d.max), d.src.lineAt(d.offset()))
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return d.failAt(io.ErrUnexpectedEOF, d.src.lineAt(d.src.pos))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, truncated := d.syntaxLine()
		if truncated {
			return d.failAt(io.ErrUnexpectedEOF, d.src.lineAt(d.src.pos))
		}
		return d.failAt(err, line)
	}
	return d.failAt(err, d.src.lineAt(d.offset()))
}

func (d *Decoder) failAt(err error, line int) error {
	return &ParseError{File: d.name, Line: line, Err: err}
}

// syntaxLine finds the line of a syntax error from what the JSON decoder has buffered (the
// offsets in its *json.SyntaxError are not reliable in streaming mode; json.Unmarshal's are),
// and whether the "syntax error" is the input ending inside a value.
func (d *Decoder) syntaxLine() (line int, truncated bool) {
	off := d.offset()
	b, _ := io.ReadAll(d.dec.Buffered())
	i := 0
	for i < len(b) && strings.IndexByte(" \t\r\n,:", b[i]) >= 0 {
		i++
	}
	rest := b[i:]
	atEnd := d.src.eof && len(d.src.head) == 0
	if len(rest) == 0 {
		return d.src.lineAt(off + int64(i)), atEnd
	}
	var raw json.RawMessage
	var se *json.SyntaxError
	if err := json.Unmarshal(rest, &raw); errors.As(err, &se) && se.Offset > 0 {
		if atEnd && se.Offset >= int64(len(rest)) {
			return 0, true
		}
		return d.src.lineAt(off + int64(i) + se.Offset - 1), false
	}
	return d.src.lineAt(off + int64(i)), false
}

// usernameFromURL returns <name> for https://t.me/<name> (or telegram.me, t.me/s/<name>),
// else "".
func usernameFromURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	switch strings.TrimPrefix(strings.ToLower(u.Host), "www.") {
	case "t.me", "telegram.me":
	default:
		return ""
	}
	p := strings.Trim(u.Path, "/")
	p = strings.TrimPrefix(p, "s/")
	if p == "" || strings.Contains(p, "/") || strings.HasPrefix(p, "+") || strings.HasPrefix(p, "joinchat") {
		return ""
	}
	for i := 0; i < len(p); i++ {
		if !isHandleByte(p[i]) {
			return ""
		}
	}
	return p
}

func isHandleByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
