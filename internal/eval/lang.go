package eval

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fimi/internal/ingest"
	"fimi/internal/text/lang"
)

// LangSamplesEUvsDisinfo reads the original-language article excerpts of the EUvsDisinfo API
// export (all_news_articles.csv `abstract` with `inLanguage`, names in all_languages.csv).
// The labels are the outlet's language, which is sometimes not the excerpt's.
func LangSamplesEUvsDisinfo(dir string) ([]lang.Sample, error) {
	codes := map[string]string{}
	if err := readCSV(filepath.Join(dir, "all_languages.csv"), func(r map[string]string) {
		codes[r["@id"]] = ingest.LangCode(r["alternateName"])
	}); err != nil {
		return nil, err
	}
	var out []lang.Sample
	err := readCSV(filepath.Join(dir, "all_news_articles.csv"), func(r map[string]string) {
		text, code := strings.TrimSpace(r["abstract"]), codes[r["inLanguage"]]
		if text == "" || text == "NA" || code == "" {
			return
		}
		out = append(out, lang.Sample{Lang: code, Text: text})
	})
	return out, err
}

// LangSamplesD3lta reads the D3lta synthetic documents (documents.csv `language`, `text`).
func LangSamplesD3lta(dir string) ([]lang.Sample, error) {
	var out []lang.Sample
	err := readCSV(filepath.Join(dir, "documents.csv"), func(r map[string]string) {
		if t := strings.TrimSpace(r["text"]); t != "" {
			out = append(out, lang.Sample{Lang: ingest.LangCode(r["language"]), Text: t})
		}
	})
	return out, err
}

// LangSamplesGen reads a fimi gen corpus and its truth file (lines of type "lang").
func LangSamplesGen(corpus, truth string) ([]lang.Sample, error) {
	want := map[string]string{}
	if err := ReadJSONL(truth, func(line []byte) error {
		var t struct{ Type, Item, Lang string }
		if err := json.Unmarshal(line, &t); err != nil {
			return err
		}
		if t.Type == "lang" {
			want[t.Item] = t.Lang
		}
		return nil
	}); err != nil {
		return nil, err
	}
	var out []lang.Sample
	err := ReadJSONL(corpus, func(line []byte) error {
		var it struct{ ID, Title, Text string }
		if err := json.Unmarshal(line, &it); err != nil {
			return err
		}
		if l, ok := want[it.ID]; ok {
			text := it.Text
			if it.Title != "" {
				text = it.Title + "\n" + it.Text
			}
			out = append(out, lang.Sample{Lang: l, Text: text})
		}
		return nil
	})
	return out, err
}

func readCSV(path string, fn func(map[string]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for i, h := range header {
		header[i] = strings.TrimPrefix(h, "\ufeff")
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		m := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		fn(m)
	}
}

// ReadJSONL calls fn for every non-empty line of a JSON Lines file; fn must not keep the slice.
func ReadJSONL(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		if len(sc.Bytes()) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}
