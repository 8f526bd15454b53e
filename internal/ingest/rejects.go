package ingest

import (
	"bufio"
	"encoding/json"
	"errors"
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

// RejectWriter appends reject lines to a file, opened on first use. It is not safe for
// concurrent use. A zero path counts rejects without writing them.
type RejectWriter struct {
	path string
	f    *os.File
	w    *bufio.Writer
	n    int64
}

// NewRejectWriter returns a writer appending to path.
func NewRejectWriter(path string) *RejectWriter { return &RejectWriter{path: path} }

// Count returns the number of rejects written.
func (rw *RejectWriter) Count() int64 { return rw.n }

// Path returns the rejects file, or "" when nothing was written to it.
func (rw *RejectWriter) Path() string {
	if rw.n == 0 {
		return ""
	}
	return rw.path
}

// Reject writes one rejected record. The reason is err's message; a *FieldError names the field.
func (rw *RejectWriter) Reject(input, format string, line int, err error, data []byte) error {
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
	l := RejectLine{Time: time.Now().UTC(), Input: input, Line: line, Format: format, Reason: err.Error()}
	var fe *FieldError
	if errors.As(err, &fe) {
		l.Field = fe.Field
	}
	if utf8.Valid(data) {
		s := string(data)
		l.Record = &s
	} else {
		l.RecordBase64 = data
	}
	b, jerr := json.Marshal(l)
	if jerr != nil {
		return jerr
	}
	b = append(b, '\n')
	if _, err := rw.w.Write(b); err != nil {
		return fmt.Errorf("rejects file: %w", err)
	}
	return nil
}

// Close flushes and closes the file.
func (rw *RejectWriter) Close() error {
	if rw.f == nil {
		return nil
	}
	if err := rw.w.Flush(); err != nil {
		rw.f.Close()
		return fmt.Errorf("rejects file: %w", err)
	}
	return rw.f.Close()
}
