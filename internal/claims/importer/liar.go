package importer

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
)

// LIAR is the format of the LIAR dataset (Wang 2017; PolitiFact statements): train.tsv,
// valid.tsv and test.tsv, tab-separated, no header, no quoting (quotes in statements are
// literal), one statement per line, 14 columns: id ("2635.json"), label, statement, subjects,
// speaker, speaker's job, state, party, five credit-history counts, context. It has its own
// format because the generic csv needs a header and takes quotes as quoting.
//
// Mapping: ID is the id column exactly ("2635.json"); Text the statement; Rating the label;
// Verdict its normalisation (pants-fire and false: false, barely-true: mostly-false,
// half-true: mixed, mostly-true, true); Keywords the ','-separated subjects; a "speaker:<name>"
// tag; Publisher "PolitiFact"; Languages en; Source "liar". Raw is the line as a JSON object
// with the README's column names.
//
// Rejected: lines without exactly 14 fields, with a label not among the six, an empty id or
// statement, invalid UTF-8, or longer than Options.MaxBytes.
var LIAR = Format{
	Name:  "liar",
	Doc:   "LIAR PolitiFact TSV (train/valid/test.tsv, no header, 14 columns)",
	Exts:  []string{".tsv"},
	Sniff: sniffLIAR,
	Open:  openLIAR,
}

// liarColumns names LIAR's columns as its README describes them.
var liarColumns = []string{"id", "label", "statement", "subjects", "speaker", "speaker_job", "state", "party",
	"barely_true_counts", "false_counts", "half_true_counts", "mostly_true_counts", "pants_on_fire_counts", "context"}

var liarLabels = map[string]string{
	"pants-fire": VerdictFalse, "false": VerdictFalse, "barely-true": VerdictMostlyFalse,
	"half-true": VerdictMixed, "mostly-true": VerdictMostlyTrue, "true": VerdictTrue,
}

var liarIDRE = regexp.MustCompile(`^\d+\.json$`)

// sniffLIAR accepts a first line of 14 tab-separated fields with a LIAR id and label.
func sniffLIAR(name string, head []byte) bool {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	f := strings.Split(strings.TrimRight(string(line), "\r"), "\t")
	if len(f) != len(liarColumns) || !liarIDRE.MatchString(f[0]) {
		return false
	}
	_, ok := liarLabels[f[1]]
	return ok
}

type liarDecoder struct {
	r    *bufio.Reader
	opt  Options
	line int
}

func openLIAR(r io.Reader, opt Options) (Decoder, error) {
	return &liarDecoder{r: bufio.NewReaderSize(r, 64<<10), opt: opt}, nil
}

// Next implements Decoder.
func (d *liarDecoder) Next() (Record, error) {
	for {
		line, size, err := readLine(d.r, d.opt.maxBytes())
		if err != nil {
			if errors.Is(err, io.EOF) {
				return Record{}, io.EOF
			}
			return Record{}, fmt.Errorf("read %s: %w", d.opt.Name, err)
		}
		d.line++
		if d.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(line)) == 0 && size == len(line) {
			continue
		}
		rec := Record{Line: d.line, Verbatim: line}
		switch {
		case size > d.opt.maxBytes():
			rec.Err = tooLarge(size, d.opt.maxBytes())
		case !utf8.Valid(line):
			rec.Err = fmt.Errorf("invalid UTF-8 at byte %d", invalidAt(line))
		default:
			rec.Claim, rec.Err = decodeLIAR(string(line))
		}
		if rec.Err == nil {
			rec.Verbatim = nil
		}
		return rec, nil
	}
}

func decodeLIAR(line string) (fimi.Claim, error) {
	f := strings.Split(line, "\t")
	c := fimi.Claim{Source: SourceLIAR, Publisher: "PolitiFact", Languages: []string{"en"}}
	if len(f) != len(liarColumns) {
		return c, fmt.Errorf("has %d fields, want %d", len(f), len(liarColumns))
	}
	c.ID = f[0]
	label := strings.TrimSpace(f[1])
	v, ok := liarLabels[label]
	if !ok {
		return c, &ingest.FieldError{Field: "label", Value: label, Err: errors.New("want pants-fire, false, barely-true, half-true, mostly-true or true")}
	}
	c.Rating, c.Verdict = label, v
	c.Text = f[2]
	c.Keywords = splitOn(f[3], ",")
	if s := strings.TrimSpace(f[4]); s != "" {
		c.Tags = []string{"speaker:" + s}
	}
	var raw rawObject
	for i, name := range liarColumns {
		raw.add(name, f[i])
	}
	c.Raw = raw.bytes()
	return c, finish(&c, policy{})
}
