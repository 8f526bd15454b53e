// Package importer decodes databases of fact-checked claims into fimi.Claim records: the three
// EUvsDisinfo layouts, schema.org ClaimReview (JSON-LD files and HTML pages), CLEF CheckThat!
// verified claims, the LIAR PolitiFact TSV, and generic JSON Lines and CSV in the layout of
// fimi.Claim's JSON names (or a foreign layout mapped onto it).
//
// A Decoder yields one Record per claim or per rejected record. Rejected records carry the
// record's bytes as read (Verbatim), the line where it starts and the reason (Err, wrapping an
// *ingest.FieldError when one field is at fault), so that the caller can keep every reject and
// still store every good record. Good records are validated and normalised: text or title
// present, valid UTF-8, dates parsed, languages reduced to ISO 639-1, URLs canonical
// (text.CanonicalURL), Raw holding the record as JSON. Claim ids are stable across imports, so
// re-importing the same input upserts the same claims.
//
// Formats are registered explicitly in Formats, in sniffing order; Open picks one by name or,
// for "auto", by sniffing. Some inputs join companion files (lookup tables, publication lists)
// that sit beside them or are given in the same import: see Options.Companions and
// ErrCompanion.
//
// Decoders read their input once, are not safe for concurrent use, and bound what they hold
// in memory: a record is at most Options.MaxBytes (DefaultMaxBytes); a JSON document, an HTML
// page or a delimited record being scanned at most MaxDocBytes; an input read whole before its
// first claim (the kalkun EUvsDisinfo file, which is grouped) and companion files at most
// MaxInputBytes.
package importer

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fimi/internal/fimi"
)

// Limits.
const (
	// DefaultMaxBytes is the largest record accepted when Options.MaxBytes is zero. Larger
	// records are rejected with their first MaxBytes bytes kept.
	DefaultMaxBytes = 1 << 20
	// MaxDocBytes is the most a decoder buffers while scanning one JSON value or one delimited
	// record; a JSON document holding many ClaimReviews (an @graph, a DataFeed) may be this
	// large. A delimited record growing past it (an unterminated quote) is a fatal error.
	MaxDocBytes = 256 << 20
	// MaxInputBytes is the largest input read whole (the kalkun EUvsDisinfo file, grouped
	// before any claim is returned; the API claims.json; companion files). Larger inputs are a
	// fatal error.
	MaxInputBytes = 1 << 30
	// sniffBytes is how much of an input Open looks at to pick a format.
	sniffBytes = 64 << 10
)

// Sources: the value of fimi.Claim.Source per format.
const (
	SourceEUvsDisinfo = "euvsdisinfo"
	SourceClaimReview = "claimreview"
	SourceCLEF        = "clef"
	SourceLIAR        = "liar"
	SourceJSONL       = "jsonl"
	SourceCSV         = "csv"
)

// Errors.
var (
	// ErrUnknownFormat is returned by Open for a format name not in Formats, or when "auto"
	// recognises nothing.
	ErrUnknownFormat = errors.New("unknown claim format")
	// ErrCompanion is returned (wrapped) by Open and Format.Open for an input that is a lookup
	// table read by another input's decoder (EUvsDisinfo publications_*.csv, annotations*.csv,
	// the API's all_*.csv tables): it holds no claims of its own. Callers skip it and pass its
	// path in Options.Companions of the other inputs.
	ErrCompanion = errors.New("companion file: read with the input it belongs to, holds no claims of its own")
	// ErrNoText is the cause of rejects whose record yields neither claim text nor title.
	ErrNoText = errors.New("no claim text: text and title are empty")
	// ErrTooLarge is the cause of rejects larger than Options.MaxBytes, and of fatal errors
	// for documents or inputs beyond MaxDocBytes or MaxInputBytes.
	ErrTooLarge = errors.New("record too large")
)

// Record is one decoded claim or a rejected record.
//
// For a good record Err is nil and Claim is complete: validated, normalised, with Raw holding
// the record as JSON. For a rejected record Err says why (an *ingest.FieldError names the field
// when one is at fault) and Verbatim holds the record's bytes as read, cut to Options.MaxBytes;
// Claim may be partly filled. Verbatim may be nil for good records. Line is the 1-based line
// where the record starts in the input (for a record merged from several rows, the first row's
// line); 0 when the input has no lines. Records are owned by the caller.
type Record struct {
	Claim    fimi.Claim
	Verbatim []byte
	Line     int
	Err      error
}

// Decoder reads records from one input. Next returns io.EOF after the last record; any other
// error is fatal for that input (records already returned stay valid). Decoders are not safe
// for concurrent use.
type Decoder interface {
	Next() (Record, error)
}

// DecoderFunc adapts a function to the Decoder interface.
type DecoderFunc func() (Record, error)

// Next calls f.
func (f DecoderFunc) Next() (Record, error) { return f() }

// Options configure a decoder for one input.
type Options struct {
	// Name is the file path or URL of the input, used in messages and, for a local path, to
	// find companion files beside it.
	Name string
	// Map maps fimi.Claim field names onto source columns or JSON keys (jsonl and csv only;
	// JSON keys may be dotted paths). See Fields and ParseMap.
	Map map[string]string
	// MaxBytes is the largest record accepted; zero means DefaultMaxBytes.
	MaxBytes int
	// Companions are the other inputs of the same import (local paths). Decoders that join
	// companion files (EUvsDisinfo publications and API lookup tables) take theirs from here
	// before looking beside Name.
	Companions []string
	// NoCompanionSearch stops decoders looking for companion files in Name's directory; only
	// Companions are used.
	NoCompanionSearch bool
}

func (o Options) maxBytes() int {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Format describes a registered claim format: a name, a sniffer and a constructor.
type Format struct {
	Name string   // "euvsdisinfo", "claimreview", "clef", "liar", "jsonl", "csv"
	Doc  string   // one line for --help
	Exts []string // file name extensions worth trying when walking directories, lower-case with the dot
	// Sniff reports whether an input with this file name (may be empty) and these first bytes
	// (up to 64 KiB, possibly cut mid-record) is in this format.
	Sniff func(name string, head []byte) bool
	// Open returns a decoder over r. It reads what it needs to set up (a header row; for
	// EUvsDisinfo, the whole input and its companions) and fails for unusable inputs.
	Open func(r io.Reader, opt Options) (Decoder, error)
}

// Formats returns every claim format in sniffing order: the most specific signatures first
// (EUvsDisinfo headers, CLEF, LIAR), then ClaimReview, then the generic jsonl and csv.
func Formats() []Format {
	return []Format{EUvsDisinfo, ClaimReview, CLEF, LIAR, JSONL, CSV}
}

// Names returns the names of the formats, in registry order.
func Names() []string {
	var out []string
	for _, f := range Formats() {
		out = append(out, f.Name)
	}
	return out
}

// Lookup returns the format with the given name.
func Lookup(name string) (Format, bool) {
	for _, f := range Formats() {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// Open returns a decoder for r in the named format, or for format "auto" (or "") the first
// format of Formats whose Sniff accepts name and the first 64 KiB of r. It returns the format
// chosen. opt.Name defaults to name. Errors: ErrUnknownFormat (wrapped) when the name is not
// registered or nothing matches, ErrCompanion (wrapped) for companion files, and whatever the
// format's Open reports.
func Open(format string, name string, r io.Reader, opt Options) (Decoder, string, error) {
	if opt.Name == "" {
		opt.Name = name
	}
	if (format == "" || format == "auto") && filepath.Base(name) == "datapackage.json" {
		// A Frictionless Data package descriptor describes the files beside it.
		return nil, "", fmt.Errorf("%s: %w (a data package descriptor)", opt.Name, ErrCompanion)
	}
	br := bufio.NewReaderSize(r, sniffBytes)
	if format == "" || format == "auto" {
		head, err := br.Peek(sniffBytes)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, "", fmt.Errorf("read %s: %w", opt.Name, err)
		}
		for _, f := range Formats() {
			if f.Sniff(name, head) {
				d, err := f.Open(br, opt)
				return d, f.Name, err
			}
		}
		return nil, "", fmt.Errorf("%s: %w: not recognised as any of %s (use --format)", opt.Name, ErrUnknownFormat, strings.Join(Names(), ", "))
	}
	f, ok := Lookup(format)
	if !ok {
		return nil, "", fmt.Errorf("%w %q (formats: auto, %s)", ErrUnknownFormat, format, strings.Join(Names(), ", "))
	}
	d, err := f.Open(br, opt)
	return d, f.Name, err
}

// sliceDecoder returns prepared records in order.
type sliceDecoder struct {
	recs []Record
}

func (d *sliceDecoder) Next() (Record, error) {
	if len(d.recs) == 0 {
		return Record{}, io.EOF
	}
	r := d.recs[0]
	d.recs[0] = Record{}
	d.recs = d.recs[1:]
	return r, nil
}
