package telegram

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fimi/internal/ingest"
)

// readFixture returns the bytes of testdata/name.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// decodeAll reads every record until io.EOF or a fatal error, which it returns.
func decodeAll(t testing.TB, data []byte, opt ingest.Options) ([]ingest.Record, *Decoder, error) {
	t.Helper()
	d := NewDecoder(bytes.NewReader(data), opt)
	var recs []ingest.Record
	for {
		rec, err := d.Next()
		if err == io.EOF {
			return recs, d, nil
		}
		if err != nil {
			return recs, d, err
		}
		recs = append(recs, rec)
	}
}

// messageLine is where a message starts in an export laid out as Telegram Desktop does.
type messageLine struct{ id, line int }

// messageLines returns the messages of data in order, each with the line of the "{" that opens
// it: "{" alone on a line, then "id": N indented as in a messages array.
func messageLines(data []byte) []messageLine {
	var out []messageLine
	lines := strings.Split(string(data), "\n")
	for i := 1; i < len(lines); i++ {
		var id int
		if strings.TrimSpace(lines[i-1]) == "{" && strings.HasPrefix(lines[i], "   ") {
			if _, err := fmt.Sscanf(strings.TrimSpace(lines[i]), `"id": %d,`, &id); err == nil {
				out = append(out, messageLine{id, i}) // i is the 1-based line of lines[i-1]
			}
		}
	}
	return out
}

// msgLine returns the line where the first message with the given id starts in data.
func msgLine(t testing.TB, data []byte, id int) int {
	t.Helper()
	for _, m := range messageLines(data) {
		if m.id == id {
			return m.line
		}
	}
	t.Fatalf("message %d not found", id)
	return 0
}

// nativeID returns the message id at the end of a NativeID.
func nativeID(rec ingest.Record) string {
	_, id, _ := strings.Cut(rec.Item.NativeID, "/")
	return id
}

// rawParts splits an item's Raw into its parts.
type rawParts struct {
	Chat    map[string]any  `json:"chat"`
	Forward map[string]any  `json:"forward"`
	Media   map[string]any  `json:"media"`
	Message json.RawMessage `json:"message"`
}

func splitRaw(t testing.TB, raw json.RawMessage) rawParts {
	t.Helper()
	var p rawParts
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatalf("Raw is not JSON: %v\n%s", err, raw)
	}
	return p
}

// fieldOf returns the field named by a record's *ingest.FieldError, or "".
func fieldOf(err error) string {
	var fe *ingest.FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	return ""
}

// synthChannel is the channel of writeExport.
const synthChannel = "1000000001"

// writeExport writes a single-chat export of a public channel laid out as Telegram Desktop does,
// with n messages whose text is text(i) (ids 1..n), each with a hashtag and a link entity.
func writeExport(w io.Writer, n int, text func(i int) string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, "{\n \"name\": \"Синтетический канал\",\n \"type\": \"public_channel\",\n \"id\": %s,\n \"messages\": [", synthChannel)
	for i := 1; i <= n; i++ {
		if i > 1 {
			bw.WriteByte(',')
		}
		writeMessage(bw, i, text(i))
	}
	bw.WriteString("\n ]\n}\n")
	return bw.Flush()
}

func writeMessage(w io.Writer, id int, text string) {
	tj, _ := json.Marshal(text)
	fmt.Fprintf(w, `
  {
   "id": %d,
   "type": "message",
   "date": "2023-03-14T09:12:44",
   "date_unixtime": "%d",
   "from": "Синтетический канал",
   "from_id": "channel%s",
   "views": %d,
   "text": [
    %s,
    {
     "type": "hashtag",
     "text": "#Тест"
    },
    " ",
    {
     "type": "link",
     "text": "https://example.org/a/%d"
    }
   ],
   "text_entities": [
    {
     "type": "plain",
     "text": %s
    },
    {
     "type": "hashtag",
     "text": "#Тест"
    },
    {
     "type": "plain",
     "text": " "
    },
    {
     "type": "link",
     "text": "https://example.org/a/%d"
    }
   ]
  }`, id, 1678774364+id, synthChannel, id*10, tj, id, tj, id)
}

// synthText is an ordinary post text for message i.
func synthText(i int) string {
	return fmt.Sprintf("Сообщение %d: западные кураторы снова готовят провокацию, сообщают источники. ", i)
}
