// Package feed decodes RSS (0.9x, 1.0 and 2.0) and Atom feeds into ingest records, one per
// entry, using github.com/mmcdole/gofeed.
//
// A feed document is read whole (at most MaxDocumentBytes) and parsed when the decoder is
// opened; a malformed document is a *ParseError naming the input and, where known, the line.
// Each entry then becomes a record for platform "web" with the entry link (resolved against
// the feed link or Options.BaseURL), title, plain text of content:encoded, Atom content or
// description, author, publication time in UTC, guid or id, language of the feed, enclosure
// and content links, and the feed title as account. Values are delivered raw: the ingest
// pipeline normalises text, canonicalises URLs and detects missing languages.
//
// Both RSS and Atom accept either kind of feed (the parser detects the kind from the root
// element); the two Format values differ only in name, extensions and sniffing. A decoder
// holds the parsed feed in memory and is not safe for concurrent use; separate decoders may
// run concurrently.
package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"fimi/internal/ingest"

	"github.com/mmcdole/gofeed"
	xpp "github.com/mmcdole/goxpp/v2"
)

// Limits. A feed larger than MaxDocumentBytes is a fatal error for that input. An entry whose
// JSON form (Item.Raw) is larger than Options.MaxBytes, or DefaultMaxRecordBytes when that is
// not positive, is rejected.
const (
	MaxDocumentBytes      = 32 << 20 // 32 MiB
	DefaultMaxRecordBytes = 4 << 20  // 4 MiB
)

// RSS is the RSS format: name "rss", extensions .rss and .xml, sniffed by an <rss> or
// <rdf:RDF> root element.
var RSS = ingest.Format{
	Name:  "rss",
	Exts:  []string{".rss", ".xml"},
	Sniff: SniffRSS,
	Open:  Open,
}

// Atom is the Atom format: name "atom", extension .atom, sniffed by a <feed> root element in
// the Atom namespace.
var Atom = ingest.Format{
	Name:  "atom",
	Exts:  []string{".atom"},
	Sniff: SniffAtom,
	Open:  Open,
}

// Errors of single entries, wrapped in records' Err.
var (
	// ErrTooLarge: the entry is larger than the record limit.
	ErrTooLarge = errors.New("entry too large")
)

// ParseError reports a feed document that cannot be read or parsed.
type ParseError struct {
	Name string // Options.Name of the input
	Line int    // 1-based line of the error, 0 when unknown
	Err  error
}

// Error names the input, the line when known and the cause.
func (e *ParseError) Error() string {
	if _, ok := errors.AsType[*xml.SyntaxError](e.Err); e.Line > 0 && !ok { // SyntaxError names its line

		return fmt.Sprintf("parse feed %s: line %d: %v", e.Name, e.Line, e.Err)
	}
	return fmt.Sprintf("parse feed %s: %v", e.Name, e.Err)
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// Open reads and parses a whole RSS or Atom document from r and returns a decoder of its
// entries. Read errors, documents over MaxDocumentBytes and malformed documents are returned
// as a *ParseError. The decoder does not read from r afterwards.
func Open(r io.Reader, opt ingest.Options) (ingest.Decoder, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxDocumentBytes+1))
	if err != nil {
		return nil, &ParseError{Name: opt.Name, Err: fmt.Errorf("read: %w", err)}
	}
	if len(data) > MaxDocumentBytes {
		return nil, &ParseError{Name: opt.Name, Err: fmt.Errorf("document larger than %d bytes", MaxDocumentBytes)}
	}
	fp := gofeed.NewParser()
	fp.KeepOriginalFeed = true // for RSS guid isPermaLink
	f, err := fp.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, &ParseError{Name: opt.Name, Line: errorLine(data, err), Err: err}
	}
	return newDecoder(f, opt), nil
}

// errorLine finds the line of a parse error where the XML parsers report one.
func errorLine(data []byte, err error) int {
	if se, ok := errors.AsType[*xml.SyntaxError](err); ok {
		return se.Line
	}
	if ee, ok := errors.AsType[*xpp.ExpectError](err); ok && ee.Offset >= 0 && ee.Offset <= int64(len(data)) {
		return bytes.Count(data[:ee.Offset], []byte("\n")) + 1
	}
	return 0
}
