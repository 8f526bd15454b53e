// Package demo builds a fresh demonstration database from a fimi gen corpus, runs every
// analysis fimi has over it, and returns a report for `fimi demo`.
package demo

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"fimi/internal/detect"
	"fimi/internal/eval"
	"fimi/internal/follow"
	"fimi/internal/gen"
	"fimi/internal/ingest"
	"fimi/internal/ingest/all"
	"fimi/internal/store"
	"fimi/internal/store/sqlite"
	"fimi/internal/text/lang"
)

// Options configure Run.
type Options struct {
	Dir    string // working directory; its demo database and corpus are replaced
	Items  int
	Seed   int64
	Logger *slog.Logger
}

// DefaultOptions returns the options of `fimi demo` without flags.
func DefaultOptions() Options {
	return Options{Dir: "fimi-demo", Items: 20000, Seed: 1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// Report is what the demo found.
type Report struct {
	DB         string         `json:"db"`
	Corpus     string         `json:"corpus"`
	Generated  gen.Summary    `json:"generated"`
	Ingest     ingest.Summary `json:"ingest"`
	Stats      store.Stats    `json:"stats"`
	LangCheck  LangCheck      `json:"language_check"`
	Claims     ClaimsReport   `json:"claims"`
	Echoes     EchoReport     `json:"echoes"`
	Coord      CoordReport    `json:"coordination"`
	Search     string         `json:"search_query"`
	SearchHits []SearchHit    `json:"search_hits"`
}

// LangCheck compares detected languages with the generator's truth.
type LangCheck struct {
	Items    int     `json:"items"`
	Accuracy float64 `json:"accuracy"`
	Table    string  `json:"table"`
}

// SearchHit is one full-text search result.
type SearchHit struct {
	ID, Platform, Lang, Account, Published, Snippet string
}

// Run generates the corpus, ingests it into a fresh store and analyses it.
func Run(ctx context.Context, opt Options) (Report, error) {
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return Report{}, err
	}
	db := filepath.Join(opt.Dir, "fimi.db")
	for _, s := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(db + s); err != nil && !os.IsNotExist(err) {
			return Report{}, err
		}
	}
	corpusDir := filepath.Join(opt.Dir, "corpus")
	rep := Report{DB: db, Corpus: filepath.Join(corpusDir, CorpusFile), Search: "HIMARS Belgorod"}
	var err error
	g := gen.DefaultOptions()
	g.Items, g.Seed = opt.Items, opt.Seed
	if rep.Generated, err = WriteCorpus(ctx, g, corpusDir); err != nil {
		return rep, fmt.Errorf("generate corpus: %w", err)
	}
	st, err := sqlite.Open(ctx, db, sqlite.Options{Logger: opt.Logger})
	if err != nil {
		return rep, err
	}
	defer st.Close()
	if rep.Claims.Imported, err = importClaims(ctx, st, filepath.Join(corpusDir, ClaimsFile)); err != nil {
		return rep, fmt.Errorf("import claims: %w", err)
	}
	det, err := detect.NewClaims(ctx, st, detect.DefaultClaimsOptions())
	if err != nil {
		return rep, err
	}
	echoes, err := detect.NewEcho(ctx, st, detect.DefaultEchoOptions(), opt.Logger)
	if err != nil {
		return rep, err
	}
	runner := follow.Start(ctx, st, opt.Logger, det, echoes)
	formats := all.Formats()
	rep.Ingest, err = ingest.Run(ctx, st, []ingest.Input{{Name: rep.Corpus}}, ingest.RunOptions{
		Formats: formats, Lang: lang.Default(), Logger: opt.Logger, Rejects: filepath.Join(opt.Dir, "fimi.rejects.jsonl"),
		Stored: runner.Notify,
	})
	if cerr := runner.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("detection: %w", cerr)
	}
	if err != nil {
		return rep, fmt.Errorf("ingest: %w", err)
	}
	if err := claimReport(ctx, st, filepath.Join(corpusDir, TruthFile), &rep.Claims); err != nil {
		return rep, err
	}
	if err := echoReport(ctx, st, filepath.Join(corpusDir, TruthFile), &rep.Echoes); err != nil {
		return rep, fmt.Errorf("echoes: %w", err)
	}
	if err := coordReport(ctx, st, filepath.Join(corpusDir, TruthFile), &rep.Coord); err != nil {
		return rep, fmt.Errorf("coordination: %w", err)
	}
	if rep.Stats, err = st.Stats(ctx, store.StatsQuery{Top: 8}); err != nil {
		return rep, err
	}
	samples, err := eval.LangSamplesGen(rep.Corpus, filepath.Join(corpusDir, TruthFile))
	if err != nil {
		return rep, err
	}
	lr := lang.Evaluate(lang.Default(), samples)
	rep.LangCheck = LangCheck{Items: lr.Total, Accuracy: lr.Accuracy(), Table: lr.Table()}
	hits, err := st.Items(ctx, store.ItemQuery{Text: rep.Search, Limit: 5})
	if err != nil {
		return rep, err
	}
	for _, h := range hits {
		body := h.Title
		if body == "" {
			body = h.Text
		}
		rep.SearchHits = append(rep.SearchHits, SearchHit{ID: h.ID, Platform: h.Platform, Lang: h.Lang, Account: h.Account,
			Published: h.Published.Format("2006-01-02 15:04"), Snippet: short(body, 110)})
	}
	return rep, nil
}

func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Files WriteCorpus writes into its directory.
const (
	CorpusFile = "corpus.jsonl"
	TruthFile  = "truth.jsonl"
	ClaimsFile = "claims.jsonl"
)

// WriteCorpus writes a fimi gen corpus, its truth and its claims into dir.
func WriteCorpus(ctx context.Context, g gen.Options, dir string) (gen.Summary, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return gen.Summary{}, err
	}
	names := []string{CorpusFile, TruthFile, ClaimsFile}
	var ws [3]*bufio.Writer
	var fs [3]*os.File
	for i, n := range names {
		f, err := os.Create(filepath.Join(dir, n))
		if err != nil {
			return gen.Summary{}, err
		}
		defer f.Close()
		fs[i], ws[i] = f, bufio.NewWriterSize(f, 1<<20)
	}
	sum, err := gen.Write(ctx, g, ws[0], ws[1], ws[2])
	if err != nil {
		return sum, err
	}
	for i := range ws {
		if err := ws[i].Flush(); err != nil {
			return sum, err
		}
		if err := fs[i].Close(); err != nil {
			return sum, err
		}
	}
	return sum, nil
}
