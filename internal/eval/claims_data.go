package eval

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fimi/internal/fimi"
)

// maxClaimsFile bounds the size of one dataset file the claim loaders read.
const maxClaimsFile = 256 << 20

// readDelimited reads a quoted delimited file (fields may hold line breaks) whose first row is
// a header, calling fn with each record and the column index of every header name. The
// record is reused between calls.
func readDelimited(path string, comma rune, fn func(rec []string, col map[string]int) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(io.LimitReader(f, maxClaimsFile))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	col := make(map[string]int, len(header))
	for i, h := range header {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := fn(rec, col); err != nil {
			line, _ := r.FieldPos(0)
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
}

func field(rec []string, col map[string]int, name string) string {
	if i, ok := col[name]; ok && i < len(rec) {
		return rec[i]
	}
	return ""
}

// LoadCLEFClaims reads the 10,375 verified claims of CLEF 2020 CheckThat! Task 2
// (verified_claims.docs.tsv in dir: quoted TSV, vclaim_id in an unnamed first column, vclaim,
// title). Claim ids are the vclaim ids as written ("0", "1", ...); Source is "clef".
func LoadCLEFClaims(dir string) ([]fimi.Claim, error) {
	var out []fimi.Claim
	err := readDelimited(filepath.Join(dir, "verified_claims.docs.tsv"), '\t', func(rec []string, col map[string]int) error {
		if len(rec) < 3 {
			return fmt.Errorf("want 3 columns, have %d", len(rec))
		}
		out = append(out, fimi.Claim{ID: rec[0], Text: rec[1], Title: rec[2], Publisher: "Snopes", Languages: []string{"en"}, Source: "clef"})
		return nil
	})
	return out, err
}

// CLEFQuery is one tweet of a CLEF split.
type CLEFQuery struct {
	ID   string
	Text string
}

// LoadCLEFSplit reads the tweets of a CLEF split (dir/split/tweets.queries.tsv) and its
// qrels (dir/split/tweet-vclaim-pairs.qrels: "tweet 0 vclaim 1" lines), returned as tweet id
// -> relevant claim ids. Tweets without a qrels line (one in test) are returned with no
// relevant claims.
func LoadCLEFSplit(dir, split string) ([]CLEFQuery, map[string][]string, error) {
	var qs []CLEFQuery
	err := readDelimited(filepath.Join(dir, split, "tweets.queries.tsv"), '\t', func(rec []string, _ map[string]int) error {
		if len(rec) < 2 {
			return fmt.Errorf("want 2 columns, have %d", len(rec))
		}
		qs = append(qs, CLEFQuery{ID: rec[0], Text: rec[1]})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	path := filepath.Join(dir, split, "tweet-vclaim-pairs.qrels")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	rel := map[string][]string{}
	for i, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) != 4 {
			return nil, nil, fmt.Errorf("%s:%d: want 4 fields, have %d", path, i+1, len(f))
		}
		if f[3] != "0" {
			rel[f[0]] = append(rel[f[0]], f[2])
		}
	}
	return qs, rel, nil
}

// languageCodes maps the English language names of the EUvsDisinfo files to ISO 639-1.
var languageCodes = map[string]string{
	"english": "en", "russian": "ru", "ukrainian": "uk", "belarusian": "be", "blr": "be", "polish": "pl",
	"czech": "cs", "slovak": "sk", "german": "de", "french": "fr", "spanish": "es", "spanish, castilian": "es",
	"italian": "it", "portuguese": "pt", "romanian": "ro", "moldavian": "ro", "mda": "ro", "bulgarian": "bg",
	"serbian": "sr", "croatian": "hr", "bosnian": "bs", "macedonian": "mk", "hungarian": "hu",
	"lithuanian": "lt", "latvian": "lv", "estonian": "et", "finnish": "fi", "swedish": "sv", "norwegian": "no",
	"danish": "da", "dutch": "nl", "greek": "el", "georgian": "ka", "armenian": "hy", "azerbaijani": "az",
	"arabic": "ar", "turkish": "tr", "chinese": "zh", "japanese": "ja", "slovenian": "sl", "kazakh": "kk",
}

// languageCode returns the ISO 639-1 code of an EUvsDisinfo language name, or the name
// lower-cased when it is not known.
func languageCode(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	if c, ok := languageCodes[n]; ok {
		return c
	}
	return n
}

// caseKey normalises an EUvsDisinfo case URL for joins: scheme, "www." and trailing "/"
// dropped, lower-cased.
func caseKey(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	u = strings.TrimPrefix(u, "www.")
	return strings.TrimRight(u, "/")
}

func splitPlus(s string) []string {
	var out []string
	for _, x := range strings.Split(s, "+") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// LoadEUvsDisinfoCases reads the 10,892 EUvsDisinfo cases of the cknabs scrape
// (posts.csv in dir). A claim's ID is the case URL as written, its Text the case title (a
// one-line English paraphrase of the claim); keywords, countries and outlet languages come
// along; Source is "euvsdisinfo".
func LoadEUvsDisinfoCases(dir string) ([]fimi.Claim, error) {
	var out []fimi.Claim
	err := readDelimited(filepath.Join(dir, "posts.csv"), ',', func(rec []string, col map[string]int) error {
		c := fimi.Claim{
			ID:        field(rec, col, "id"),
			Text:      field(rec, col, "title"),
			Keywords:  splitPlus(field(rec, col, "keywords")),
			Countries: splitPlus(field(rec, col, "countries")),
			URL:       field(rec, col, "id"),
			Publisher: "EUvsDisinfo",
			Verdict:   "disinformation",
			Source:    "euvsdisinfo",
		}
		for _, l := range splitPlus(field(rec, col, "languages")) {
			c.Languages = append(c.Languages, languageCode(l))
		}
		if t, err := time.Parse(time.DateOnly, field(rec, col, "date")); err == nil {
			c.Published = t
		}
		if c.ID == "" {
			return errors.New("case without id")
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// LoadKalkunCases reads the 3,071 EUvsDisinfo cases of 2015–2017 with summary and disproof
// (full_dataset.csv in dir, ';'-separated). The file has no case URL, so IDs are
// "kalkun:<issue>:<row>"; Text is the title, Summary and Disproof as written.
func LoadKalkunCases(dir string) ([]fimi.Claim, error) {
	var out []fimi.Claim
	row := 0
	err := readDelimited(filepath.Join(dir, "full_dataset.csv"), ';', func(rec []string, col map[string]int) error {
		row++
		c := fimi.Claim{
			ID:        "kalkun:" + field(rec, col, "issue") + ":" + strconv.Itoa(row),
			Text:      field(rec, col, "title"),
			Summary:   field(rec, col, "summary"),
			Disproof:  field(rec, col, "disproof"),
			Keywords:  splitPlus(strings.ReplaceAll(field(rec, col, "keywords"), ",", "+")),
			Publisher: "EUvsDisinfo",
			Verdict:   "disinformation",
			Source:    "euvsdisinfo",
		}
		if l := field(rec, col, "language"); l != "" {
			c.Languages = []string{languageCode(l)}
		}
		if t, err := time.Parse("02.01.2006", field(rec, col, "date")); err == nil {
			c.Published = t
		}
		if c.Text == "" && c.Summary == "" {
			return nil
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// EUvsDisinfoQuery is one original-language article excerpt with the cases it carries.
type EUvsDisinfoQuery struct {
	ID       string   // article id
	Lang     string   // ISO 639-1 of the outlet (not always the excerpt's)
	Text     string   // the excerpt
	Relevant []string // case URLs (claim IDs of LoadEUvsDisinfoCases)
}

// LoadEUvsDisinfoPairs reads derived_article_abstract_to_case.csv in dir, grouping its rows
// by article: one query per distinct article, relevant = the cases it was linked to, as the
// IDs LoadEUvsDisinfoCases gives them when cases is not nil (pairs whose case is missing
// there are dropped). Pairs returns the number of rows kept.
func LoadEUvsDisinfoPairs(dir string, cases []fimi.Claim) (queries []EUvsDisinfoQuery, pairs int, err error) {
	ids := map[string]string{}
	for _, c := range cases {
		ids[caseKey(c.ID)] = c.ID
	}
	index := map[string]int{}
	err = readDelimited(filepath.Join(dir, "derived_article_abstract_to_case.csv"), ',', func(rec []string, col map[string]int) error {
		caseURL := field(rec, col, "case_url")
		if cases != nil {
			id, ok := ids[caseKey(caseURL)]
			if !ok {
				return nil
			}
			caseURL = id
		}
		art := field(rec, col, "article_id")
		i, ok := index[art]
		if !ok {
			i = len(queries)
			index[art] = i
			queries = append(queries, EUvsDisinfoQuery{ID: art, Lang: languageCode(field(rec, col, "article_language")), Text: field(rec, col, "abstract")})
		}
		q := &queries[i]
		for _, r := range q.Relevant {
			if r == caseURL {
				return nil
			}
		}
		q.Relevant = append(q.Relevant, caseURL)
		pairs++
		return nil
	})
	return queries, pairs, err
}
