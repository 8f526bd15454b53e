package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
	"fimi/internal/ingest/jsonl"
	"fimi/internal/store/sqlite"
)

// Phase is one measured run of a benchmark.
type Phase struct {
	Name      string  `json:"name"`
	Items     int64   `json:"items"`
	Seconds   float64 `json:"seconds"`
	PerSecond float64 `json:"items_per_second"`
	PeakRSS   int64   `json:"peak_rss_bytes"`
	Ratio     float64 `json:"ratio_to_end_to_end,omitempty"`
}

// IngestBench is the result of BenchIngest.
type IngestBench struct {
	File      string  `json:"file"`
	FileBytes int64   `json:"file_bytes"`
	CPUs      int     `json:"cpus"`
	Phases    []Phase `json:"phases"`
	DBBytes   int64   `json:"db_bytes"`
}

// BenchIngest measures, on the same JSONL file and in one run: a plain read+parse with the
// JSONL decoder; a plain insert of the parsed rows into SQLite without any index (the storage
// ceiling); and fimi's end-to-end ingest (normalisation, language detection, merge lookups,
// full-text index) into a fresh store. Databases are created in dir and removed.
func BenchIngest(ctx context.Context, path, dir string, det ingest.LangDetector, log *slog.Logger) (IngestBench, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return IngestBench{}, err
	}
	res := IngestBench{File: path, FileBytes: fi.Size(), CPUs: runtime.GOMAXPROCS(0)}
	measure := func(name string, fn func() (int64, error)) error {
		runtime.GC()
		ResetPeakRSS()
		start := time.Now()
		n, err := fn()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		sec := time.Since(start).Seconds()
		res.Phases = append(res.Phases, Phase{Name: name, Items: n, Seconds: sec, PerSecond: float64(n) / sec, PeakRSS: PeakRSS()})
		log.Info("bench phase", "name", name, "items", n, "seconds", sec)
		return nil
	}
	if err := measure("read+parse (JSONL decode)", func() (int64, error) {
		var n int64
		err := decodeFile(path, func(fimi.Item) { n++ })
		return n, err
	}); err != nil {
		return res, err
	}
	plain := filepath.Join(dir, "bench-plain.db")
	defer removeDB(plain)
	if err := measure("plain insert (SQLite, no index)", func() (int64, error) {
		items := make(chan fimi.Item, 4096)
		errc := make(chan error, 1)
		go func() {
			errc <- decodeFile(path, func(it fimi.Item) {
				it.ID = fimi.ItemID(it.Platform, it.NativeID, it.URL)
				items <- it
			})
			close(items)
		}()
		n, err := sqlite.BaselineInsert(ctx, plain, func() (fimi.Item, bool) {
			it, ok := <-items
			return it, ok
		})
		for range items {
		}
		return n, errors.Join(err, <-errc)
	}); err != nil {
		return res, err
	}
	full := filepath.Join(dir, "bench-fimi.db")
	defer removeDB(full)
	if err := measure("fimi ingest (normalise, language, merge, FTS)", func() (int64, error) {
		st, err := sqlite.Open(ctx, full, sqlite.Options{Logger: log})
		if err != nil {
			return 0, err
		}
		defer st.Close()
		sum, err := ingest.Run(ctx, st, []ingest.Input{{Name: path}}, ingest.RunOptions{
			Formats: []ingest.Format{jsonl.Format}, Lang: det, Logger: log,
		})
		if err != nil {
			return 0, err
		}
		if sum.Rejected > 0 || sum.Failed > 0 {
			return 0, fmt.Errorf("%d rejected, %d failed inputs", sum.Rejected, sum.Failed)
		}
		if fi, err := os.Stat(full); err == nil {
			res.DBBytes = fi.Size()
		}
		return sum.Added + sum.Merged + sum.Unchanged, nil
	}); err != nil {
		return res, err
	}
	end := res.Phases[len(res.Phases)-1].PerSecond
	for i := range res.Phases {
		res.Phases[i].Ratio = res.Phases[i].PerSecond / end
	}
	return res, nil
}

func decodeFile(path string, fn func(fimi.Item)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	d := jsonl.NewDecoder(f, ingest.Options{Name: path})
	for {
		rec, err := d.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if rec.Err == nil {
			fn(rec.Item)
		}
	}
}

func removeDB(path string) {
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(path + s)
	}
}

// Table renders the phases as a text table.
func (b IngestBench) Table() string {
	s := fmt.Sprintf("file %s: %.1f MB, %d CPUs\n", b.File, float64(b.FileBytes)/1e6, b.CPUs)
	s += fmt.Sprintf("%-48s %10s %9s %12s %8s %10s\n", "phase", "items", "seconds", "items/s", "ratio", "peak RSS")
	for _, p := range b.Phases {
		s += fmt.Sprintf("%-48s %10d %9.1f %12.0f %8.2f %8.0f MB\n", p.Name, p.Items, p.Seconds, p.PerSecond, p.Ratio, float64(p.PeakRSS)/(1<<20))
	}
	if b.DBBytes > 0 {
		s += fmt.Sprintf("store size after ingest: %.1f MB\n", float64(b.DBBytes)/1e6)
	}
	return s
}
