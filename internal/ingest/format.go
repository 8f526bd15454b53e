// Package ingest turns source records into normalised items in a store. Formats live in
// subpackages (jsonl, csv, feed, html, telegram) and register through package ingest/all;
// this package holds the shared record types and the pipeline that normalises, deduplicates
// and stores, keeping every rejected record verbatim with its reason.
package ingest

import (
	"fmt"
	"io"
	"time"

	"fimi/internal/fimi"
)

// Record is one decoded source record. A decoder fills Item as far as its format allows
// (Raw holds the record as JSON); the pipeline normalises it and computes ids. When the record
// cannot be decoded, Err says why and the record is rejected with Verbatim (or Item.Raw) kept.
type Record struct {
	Item     fimi.Item
	Verbatim []byte // the record's bytes exactly as read; nil when Item.Raw is already verbatim
	Line     int    // 1-based line (or record number) where the record starts; 0 if not applicable
	Err      error  // non-nil: the record is rejected; wrap a *FieldError to name the field
	// NoText says the layout carries no text (share logs such as CooRTweet's): an item with a
	// native id is then kept even without text, links or shared item.
	NoText bool
}

// Decoder reads records from one input. Next returns io.EOF after the last record; any other
// error is fatal for that input (records already returned stay valid). Decoders are not safe for
// concurrent use. Records returned by Next are owned by the caller.
type Decoder interface {
	Next() (Record, error)
}

// Options configure a decoder for one input.
type Options struct {
	Name        string            // file path or URL, used in messages
	Map         map[string]string // fimi field name -> source column or JSON key (JSONL, CSV)
	Platform    string            // platform for records that do not name one
	BaseURL     string            // URL the input was fetched from, if any (resolves relative links)
	Fetched     time.Time         // when the input was fetched (HTML pages without a date)
	ContentType string            // HTTP Content-Type of a fetched input (its charset), if any
	MaxBytes    int               // largest record the decoder must accept; larger ones are rejected
}

// Format describes a registered input format.
type Format struct {
	Name  string   // "jsonl", "csv", "rss", "atom", "html", "telegram"
	Exts  []string // file name extensions, lower-case with the dot (".jsonl")
	Sniff func(head []byte) bool
	Open  func(r io.Reader, opt Options) (Decoder, error)
}

// FieldError reports a bad value in one field of a record.
type FieldError struct {
	Field string // fimi field name or source column
	Value string // offending value, shortened
	Err   error
}

func (e *FieldError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("field %s: %v", e.Field, e.Err)
	}
	return fmt.Sprintf("field %s: %q: %v", e.Field, e.Value, e.Err)
}

func (e *FieldError) Unwrap() error { return e.Err }

// Short returns s cut to at most n bytes on a rune boundary, with "…" appended when cut.
func Short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n] + "…"
}
