package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"fimi/internal/fimi"
)

// EUvsDisinfo is the format of the EUvsDisinfo database (euvsdisinfo.eu, EEAS East StratCom
// Task Force) in the three layouts found in the wild, told apart by their header:
//
//   - posts.csv of the cknabs scrape (date,id,title,countries,keywords,languages,outlets; one
//     case per row; multi-valued cells joined with '+'), joined with publications_*.csv
//     (id,publication,archive) and annotations*.csv (id,summary,disproof,...) when those are
//     companions. See decodeCknabs.
//   - full_dataset.csv of the kalkun scrape (';'-separated, every field quoted: issue, date
//     dd.mm.yyyy, outlet, language, origin, reported by, keywords, source, title, summary,
//     disproof), where one case recurs over several rows. See decodeKalkun.
//   - claims.json of the 2020 API export (an array of schema.org Claim objects with relative
//     @ids and no text), joined with all_news_articles.csv and the lookup tables beside it.
//     See decodeAPI.
//
// Every claim has Verdict "disinformation", Publisher "EUvsDisinfo", Source "euvsdisinfo".
// Keywords stay in Keywords (EUvsDisinfo keywords mix people, places and topics, so they are
// not turned into narrative: tags); outlets become "outlet:<name>" tags. Languages arrive as
// English names or ISO 639-2 codes and are mapped with LangCode; values that are not languages
// (a few rows name a country) are dropped and stay in Raw. Publication URLs that are not
// absolute http(s) URLs are dropped from Related likewise.
//
// The publication, annotation and API lookup files are companions: given alone they make
// Open fail with ErrCompanion.
var EUvsDisinfo = Format{
	Name:  "euvsdisinfo",
	Doc:   "EUvsDisinfo cases: cknabs posts.csv (+ publications_*.csv), kalkun full_dataset.csv, API claims.json (+ all_*.csv)",
	Exts:  []string{".csv", ".json"},
	Sniff: func(name string, head []byte) bool { return euLayoutOf(head) != euNone },
	Open:  openEUvsDisinfo,
}

type euLayout int

const (
	euNone euLayout = iota
	euCknabs
	euKalkun
	euAPI
	euCompanion
)

var (
	cknabsHeader       = []string{"date", "id", "title", "countries", "keywords", "languages", "outlets"}
	kalkunHeader       = []string{"issue", "date", "outlet", "language", "origin", "reported by", "keywords", "source", "title", "summary", "disproof"}
	publicationsHeader = []string{"id", "publication", "archive"}
	annotationsHeader  = []string{"id", "summary", "disproof"}
	derivedHeader      = []string{"article_id", "article_url", "article_language", "abstract", "case_url"}
	apiClaimRE         = regexp.MustCompile(`^\[?\s*\{\s*"@id"\s*:\s*"/claims/\d+"`)
	apiTableRE         = regexp.MustCompile(`^"","@id","@type"`)
	apiTableRowRE      = regexp.MustCompile(`"/(news_articles|keywords|countries|languages|organizations|organisations)/\d+"`)
)

// euLayoutOf tells the EUvsDisinfo layout of an input from its first bytes.
func euLayoutOf(head []byte) euLayout {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if apiClaimRE.Match(trimmed) {
		return euAPI
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	line = bytes.TrimRight(line, "\r")
	if apiTableRE.Match(line) && apiTableRowRE.Match(head) {
		return euCompanion
	}
	h := headerCells(line)
	switch {
	case hasPrefixCells(h, cknabsHeader):
		return euCknabs
	case hasPrefixCells(h, kalkunHeader):
		return euKalkun
	case hasPrefixCells(h, publicationsHeader) || hasPrefixCells(h, annotationsHeader) || hasPrefixCells(h, derivedHeader):
		if bytes.Contains(head, []byte("euvsdisinfo.eu/")) {
			return euCompanion
		}
	}
	return euNone
}

// headerCells splits a header line into lower-case trimmed cells.
func headerCells(line []byte) []string {
	if len(line) == 0 || line[0] == '{' || line[0] == '[' || line[0] == '<' {
		return nil
	}
	cr := csv.NewReader(bytes.NewReader(line))
	cr.Comma = detectDelimiter(line)
	cr.LazyQuotes = true
	cells, err := cr.Read()
	if err != nil {
		return nil
	}
	for i, c := range cells {
		cells[i] = strings.ToLower(strings.TrimSpace(c))
	}
	return cells
}

func hasPrefixCells(h, want []string) bool {
	if len(h) < len(want) {
		return false
	}
	for i, w := range want {
		if h[i] != w {
			return false
		}
	}
	return true
}

func openEUvsDisinfo(r io.Reader, opt Options) (Decoder, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	head, _ := br.Peek(sniffBytes)
	switch euLayoutOf(head) {
	case euCknabs:
		return openCknabs(br, opt)
	case euKalkun:
		return openKalkun(br, opt)
	case euAPI:
		return openAPI(br, opt)
	case euCompanion:
		return nil, fmt.Errorf("%s: %w (import the posts.csv or claims.json it belongs to, with this file beside it or among the inputs)", opt.Name, ErrCompanion)
	}
	return nil, fmt.Errorf("%s: not an EUvsDisinfo layout: want the header of posts.csv (%s) or full_dataset.csv (%s), or a claims.json API export",
		opt.Name, strings.Join(cknabsHeader, ","), strings.Join(kalkunHeader, ";"))
}

// euClaim returns a claim with the fields every EUvsDisinfo claim shares.
func euClaim() fimi.Claim {
	return fimi.Claim{Verdict: VerdictDisinformation, Publisher: "EUvsDisinfo", Source: SourceEUvsDisinfo}
}

// splitOn splits a multi-valued cell on sep, trimming values and dropping empty ones.
func splitOn(s, sep string) []string {
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// prefixed returns "prefix" + v for each v.
func prefixed(prefix string, vs []string) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, prefix+v)
	}
	return out
}

// findCompanions returns the companion files whose base name matches one of patterns
// (filepath.Match syntax, matched ignoring case): those in opt.Companions first, then (unless
// opt.NoCompanionSearch) those in the directory of opt.Name when it is a local file. The input
// itself is never its own companion. Paths are sorted within each source and not repeated.
func findCompanions(opt Options, patterns ...string) []string {
	match := func(p string) bool {
		base := strings.ToLower(filepath.Base(p))
		for _, pat := range patterns {
			if ok, _ := filepath.Match(pat, base); ok {
				return true
			}
		}
		return false
	}
	self := absPath(opt.Name)
	seen := map[string]bool{self: true}
	var out []string
	add := func(list []string) {
		sort.Strings(list)
		for _, p := range list {
			a := absPath(p)
			if !seen[a] && match(p) {
				seen[a] = true
				out = append(out, p)
			}
		}
	}
	add(append([]string(nil), opt.Companions...))
	if !opt.NoCompanionSearch && opt.Name != "" && opt.Name != "-" && !strings.Contains(opt.Name, "://") {
		if st, err := os.Stat(opt.Name); err == nil && st.Mode().IsRegular() {
			dir := filepath.Dir(opt.Name)
			if ents, err := os.ReadDir(dir); err == nil {
				var list []string
				for _, e := range ents {
					if e.Type().IsRegular() {
						list = append(list, filepath.Join(dir, e.Name()))
					}
				}
				add(list)
			}
		}
	}
	return out
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// readCompanion reads a companion table whose header must start with want (or, for want nil,
// any header), calling fn for each record with the header index. Any malformed record is an
// error naming the file and line: a companion is read whole or not at all.
func readCompanion(path string, want []string, fn func(t *table, fields []string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("companion file: %w", err)
	}
	defer f.Close()
	lr := &io.LimitedReader{R: f, N: MaxInputBytes + 1}
	t := newTable(lr, path, 0, 0, false)
	if err := t.readHeader(); err != nil {
		return fmt.Errorf("companion file %w", err)
	}
	if want != nil && !hasPrefixCells(lowerAll(t.header), want) {
		return fmt.Errorf("companion file %s: header %q does not start with %q", path, strings.Join(t.header, ","), strings.Join(want, ","))
	}
	for {
		r, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("companion file %w", err)
		}
		if r.err == nil {
			r.err = t.checkWidth(r)
		}
		if r.err != nil {
			return fmt.Errorf("companion file %s: line %d: %v", path, r.line, r.err)
		}
		if err := fn(t, r.fields); err != nil {
			return fmt.Errorf("companion file %s: line %d: %v", path, r.line, err)
		}
	}
	if lr.N <= 0 {
		return fmt.Errorf("companion file %s: larger than %d bytes: %w", path, MaxInputBytes, ErrTooLarge)
	}
	return nil
}

func lowerAll(h []string) []string {
	out := make([]string, len(h))
	for i, s := range h {
		out[i] = strings.ToLower(s)
	}
	return out
}

// rawObject builds a JSON object member by member, in order.
type rawObject struct {
	b bytes.Buffer
}

func (o *rawObject) add(key string, v any) {
	if o.b.Len() == 0 {
		o.b.WriteByte('{')
	} else {
		o.b.WriteByte(',')
	}
	k, _ := json.Marshal(key)
	o.b.Write(k)
	o.b.WriteByte(':')
	switch x := v.(type) {
	case json.RawMessage:
		o.b.Write(x)
	default:
		b, _ := json.Marshal(x)
		o.b.Write(b)
	}
}

// len returns the bytes written so far.
func (o *rawObject) len() int { return o.b.Len() }

func (o *rawObject) bytes() json.RawMessage {
	if o.b.Len() == 0 {
		return json.RawMessage("{}")
	}
	out := append([]byte(nil), o.b.Bytes()...)
	return append(out, '}')
}
