package lang

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fimi/internal/testutil"
)

// loadSentences reads testdata/sentences/<lang>.txt: one sample per line, # starts a comment.
func loadSentences(t testing.TB) []Sample {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "sentences", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sentence files: %v", err)
	}
	slices.Sort(files)
	var out []Sample
	for _, path := range files {
		code := strings.TrimSuffix(filepath.Base(path), ".txt")
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			out = append(out, Sample{Lang: code, Text: line})
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	return out
}

// readCSV reads a whole CSV file into maps keyed by the header's column names.
func readCSV(t testing.TB, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		t.Fatalf("%s: header: %v", path, err)
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		row := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// euLanguageCodes maps the alternateName of all_languages.csv (mostly ISO 639-2, some ISO 3166
// country codes used as language labels) to ISO 639-1.
var euLanguageCodes = map[string]string{
	"ara": "ar", "arm": "hy", "rus": "ru", "hun": "hu", "fra": "fr", "spa": "es", "eng": "en",
	"ita": "it", "est": "et", "srp": "sr", "bos": "bs", "fin": "fi", "ger": "de", "pol": "pl",
	"geo": "ka", "cze": "cs", "hrv": "hr", "mkd": "mk", "ukr": "uk", "rum": "ro", "mol": "ro",
	"aze": "az", "bel": "be", "lit": "lt", "lav": "lv", "svk": "sk", "swe": "sv",
	// Country codes standing in for languages.
	"blr": "be", "mne": "sr", "cnr": "sr", "mda": "ro", "lva": "lv", "srb": "sr", "rou": "ro",
	"deu": "de", "ltu": "lt", "bgr": "bg",
}

// loadEUvsDisinfo returns the original-language excerpts of the EUvsDisinfo API export labelled
// with their outlet's language. Rows without an excerpt or language are left out. The test is
// skipped when the shared datasets are absent (see testutil.Dataset).
func loadEUvsDisinfo(t testing.TB) []Sample {
	t.Helper()
	base := testutil.Dataset(t, "euvsdisinfo_api_2020")
	codes := map[string]string{}
	for _, row := range readCSV(t, filepath.Join(base, "all_languages.csv")) {
		if c, ok := euLanguageCodes[row["alternateName"]]; ok {
			codes[row["@id"]] = c
		}
	}
	var out []Sample
	for _, row := range readCSV(t, filepath.Join(base, "all_news_articles.csv")) {
		text, lang := row["abstract"], codes[row["inLanguage"]]
		if text == "" || text == "NA" || lang == "" {
			continue
		}
		out = append(out, Sample{Lang: lang, Text: text})
	}
	return out
}

// loadD3lta returns the documents of the D3lta synthetic set with their language.
func loadD3lta(t testing.TB) []Sample {
	t.Helper()
	var out []Sample
	for _, row := range readCSV(t, filepath.Join(testutil.Dataset(t, "d3lta_synthetic_reconstructed"), "documents.csv")) {
		if row["text"] == "" || row["language"] == "" {
			continue
		}
		out = append(out, Sample{Lang: row["language"], Text: row["text"]})
	}
	return out
}

// fragments cuts every sample into consecutive runs of n words (a trailing shorter run is
// dropped): harder, shorter samples from the same sentences.
func fragments(samples []Sample, n int) []Sample {
	var out []Sample
	for _, s := range samples {
		w := strings.Fields(s.Text)
		for i := 0; i+n <= len(w); i += n {
			out = append(out, Sample{Lang: s.Lang, Text: strings.Join(w[i:i+n], " ")})
		}
	}
	return out
}
