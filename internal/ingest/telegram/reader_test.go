package telegram

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"fimi/internal/ingest"
)

func TestEscapeFixer(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"plain"`, `"plain"`},
		{`"a\x0Bb"`, `"a\u000Bb"`},
		{`"a\\x41"`, `"a\\x41"`},     // an escaped backslash, then x
		{`"a\\\x41"`, `"a\\\u0041"`}, // an escaped backslash, then \x
		{`"\x01\x1F" "\n\x02"`, `"\u0001\u001F" "\n\u0002"`},
		{`"tail\\`, `"tail\\`},
	}
	readers := map[string]func(io.Reader) io.Reader{
		"whole":    func(r io.Reader) io.Reader { return r },
		"one byte": iotest.OneByteReader,
		"half":     iotest.HalfReader,
	}
	for _, tt := range tests {
		for name, wrap := range readers {
			f := &escapeFixer{r: wrap(strings.NewReader(tt.in))}
			var got []byte
			buf := make([]byte, 3) // smaller than a rewrite, to exercise pend
			for {
				n, err := f.Read(buf)
				got = append(got, buf[:n]...)
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if string(got) != tt.want {
				t.Errorf("%s %s: got %s, want %s", name, tt.in, got, tt.want)
			}
		}
	}
}

// TestDecodeOversized checks that messages over MaxBytes are rejected with ErrTooLarge and that
// decoding carries on after them, with right line numbers, in both layouts.
func TestDecodeOversized(t *testing.T) {
	const max = 2048
	text := func(i int) string {
		switch i {
		case 3:
			return strings.Repeat("Очень длинный текст. ", 5000) // ~190 KB: past the read limit
		case 5:
			return strings.Repeat("ы", 1200) // 2.4 KB per copy: over MaxBytes, within the limit
		case 8:
			return strings.Repeat("x", 100000) // the last message of the chat
		}
		return synthText(i)
	}
	var chat bytes.Buffer
	if err := writeExport(&chat, 8, text); err != nil {
		t.Fatal(err)
	}
	// The account layout nests the same chat twice, with sections around it.
	account := "{\n \"about\": \"Here is the data you requested.\",\n \"contacts\": {\"about\": \"\", \"list\": []},\n \"chats\": {\n  \"about\": \"\",\n  \"list\": [\n" +
		chat.String() + ",\n" + chat.String() + "\n  ]\n },\n \"left_chats\": {\"about\": \"\", \"list\": [\n" + chat.String() + "]}\n}\n"
	layouts := map[string]struct {
		data  []byte
		chats int
	}{
		"single chat": {chat.Bytes(), 1},
		"account":     {[]byte(account), 3},
	}
	for name, l := range layouts {
		t.Run(name, func(t *testing.T) {
			recs, _, err := decodeAll(t, l.data, ingest.Options{MaxBytes: max})
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 8*l.chats {
				t.Fatalf("%d records, want %d", len(recs), 8*l.chats)
			}
			lines := messageLines(l.data)
			if len(lines) != len(recs) {
				t.Fatalf("%d messages in the input", len(lines))
			}
			for i, rec := range recs {
				id := i%8 + 1
				if rec.Line != lines[i].line || lines[i].id != id {
					t.Errorf("record %d (message %d): Line = %d, want %d", i, id, rec.Line, lines[i].line)
				}
				big := id == 3 || id == 5 || id == 8
				if big != errors.Is(rec.Err, ErrTooLarge) {
					t.Errorf("message %d: Err = %v", id, rec.Err)
				}
				if big {
					if len(rec.Verbatim) != max || !bytes.HasPrefix(rec.Verbatim, []byte(fmt.Sprintf("{\n   \"id\": %d,", id))) {
						t.Errorf("message %d: Verbatim (%d bytes) is not the start of the message", id, len(rec.Verbatim))
					}
					continue
				}
				if nativeID(rec) != fmt.Sprint(id) || rec.Item.Text != synthText(id)+"#Тест https://example.org/a/"+fmt.Sprint(id) {
					t.Errorf("record %d: %q %q", i, rec.Item.NativeID, rec.Item.Text)
				}
			}
		})
	}
}

func TestDecodeOversizedHeader(t *testing.T) {
	in := "{\n \"about\": \"" + strings.Repeat("a", 20000) + "\",\n \"chats\": {}\n}"
	_, _, err := decodeAll(t, []byte(in), ingest.Options{MaxBytes: 1000})
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, ErrTooLarge) || pe.Line != 2 {
		t.Fatalf("err = %v, want ErrTooLarge on line 2", err)
	}
}

func TestDecodeOversizedTruncated(t *testing.T) {
	var b bytes.Buffer
	writeExport(&b, 3, func(i int) string { return strings.Repeat("z", 20000) })
	data := b.Bytes()[:80000]
	recs, _, err := decodeAll(t, data, ingest.Options{MaxBytes: 1000})
	if !errors.Is(err, io.ErrUnexpectedEOF) || len(recs) != 1 {
		t.Fatalf("%d records, err %v; want 1 and io.ErrUnexpectedEOF", len(recs), err)
	}
	var pe *ParseError
	if errors.As(err, &pe); pe.Line != bytes.Count(data, []byte("\n"))+1 {
		t.Errorf("Line = %d", pe.Line)
	}
}
