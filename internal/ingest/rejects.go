package ingest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"
	"unicode/utf8"
)

// RejectLine is one line of a rejects file: the record exactly as read (as text, or in base64
// when it is not valid UTF-8) with where it came from and why it was rejected.
type RejectLine struct {
	Time         time.Time `json:"time"`
	Input        string    `json:"input"`
	Line         int       `json:"line,omitempty"`
	Format       string    `json:"format,omitempty"`
	Field        string    `json:"field,omitempty"`
	Reason       string    `json:"reason"`
	Record       *string   `json:"record,omitempty"`
	RecordBase64 []byte    `json:"record_base64,omitempty"`
}

// rejectWriter appends reject lines to a file opened on first use.
type rejectWriter struct {
	path string
	f    *os.File
	w    *bufio.Writer
	n    int64
}

func (rw *rejectWriter) write(input, format string, r reject) error {
	rw.n++
	if rw.path == "" {
		return nil
	}
	if rw.f == nil {
		f, err := os.OpenFile(rw.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return fmt.Errorf("rejects file: %w", err)
		}
		rw.f, rw.w = f, bufio.NewWriter(f)
	}
	l := RejectLine{Time: time.Now().UTC(), Input: input, Line: r.line, Format: format, Field: r.field, Reason: r.reason}
	if utf8.Valid(r.data) {
		s := string(r.data)
		l.Record = &s
	} else {
		l.RecordBase64 = r.data
	}
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if _, err := rw.w.Write(b); err != nil {
		return fmt.Errorf("rejects file: %w", err)
	}
	return nil
}

func (rw *rejectWriter) close() error {
	if rw.f == nil {
		return nil
	}
	if err := rw.w.Flush(); err != nil {
		rw.f.Close()
		return fmt.Errorf("rejects file: %w", err)
	}
	return rw.f.Close()
}
