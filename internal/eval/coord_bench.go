package eval

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"time"

	"fimi/internal/coord"
	"fimi/internal/fimi"
	"fimi/internal/gen"
)

// CoordBenchOptions configure BenchCoord.
type CoordBenchOptions struct {
	Sizes      []int         // corpus sizes in items (100k, 1M, 10M)
	Seed       int64         // gen seed (1)
	Window     time.Duration // co-link and co-share window (60 s)
	TextWindow time.Duration // co-text window (1 h)
	Logger     *slog.Logger
}

// CoordBenchRow is one measured pass.
type CoordBenchRow struct {
	Items int    `json:"items"`
	Phase string `json:"phase"` // "decode", "co-link+co-share", "co-text"
	Posts int64  `json:"posts"`
	// WallSeconds is the whole pass: generating the corpus, decoding and normalising every item
	// (ingest.Prepare) and, except in the decode pass, detection. DetectSeconds is the time spent
	// inside the detector (Builder.Add and Result), measured on the consuming goroutine while the
	// generator and decoder keep the other core busy.
	WallSeconds   float64 `json:"wall_s"`
	DetectSeconds float64 `json:"detect_s"`
	ResultSeconds float64 `json:"result_s"` // of DetectSeconds: building the network (Result)
	PostsPerSec   float64 `json:"detect_posts_per_s"`
	// PeakRSS is the process's peak resident set during the pass (generator, decoder and
	// detector together); PeakHeap the largest live Go heap sampled every 250 ms.
	PeakRSS  int64 `json:"peak_rss_bytes"`
	PeakHeap int64 `json:"peak_heap_bytes"`
	Pairs    int64 `json:"pairs"`
	Edges    int   `json:"edges"`
	Kept     int   `json:"kept_edges"`
	Actors   int   `json:"actors"`
	Networks int   `json:"networks"`
}

// CoordBench is the result of BenchCoord.
type CoordBench struct {
	CPUs int             `json:"cpus"`
	Rows []CoordBenchRow `json:"rows"`
}

// BenchCoord measures coordination detection on fimi gen corpora of the given sizes, streamed
// from the generator through the JSONL decoder (io.Pipe, no file). Per size it runs three
// passes: decoding alone (the cost every pass pays), co-link and co-share with opt.Window, and
// co-text with opt.TextWindow (text keys: the content hash of the normalised text).
func BenchCoord(ctx context.Context, opt CoordBenchOptions) (CoordBench, error) {
	if len(opt.Sizes) == 0 {
		opt.Sizes = []int{100_000, 1_000_000, 10_000_000}
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Window == 0 {
		opt.Window = time.Minute
	}
	if opt.TextWindow == 0 {
		opt.TextWindow = time.Hour
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	res := CoordBench{CPUs: runtime.GOMAXPROCS(0)}
	for _, size := range opt.Sizes {
		g := gen.DefaultOptions()
		g.Items, g.Seed = size, opt.Seed
		linkShare := coord.DefaultOptions()
		linkShare.Kinds = []coord.Kind{coord.CoLink, coord.CoShare}
		linkShare.Window = opt.Window
		text := coord.DefaultOptions()
		text.Kinds = []coord.Kind{coord.CoText}
		text.Window = opt.TextWindow
		for _, ph := range []struct {
			name string
			opt  *coord.Options
		}{{"decode", nil}, {"co-link+co-share", &linkShare}, {"co-text", &text}} {
			row, err := benchPass(ctx, g, ph.name, ph.opt)
			if err != nil {
				return res, fmt.Errorf("bench coord %d items, %s: %w", size, ph.name, err)
			}
			log.Info("bench coord", "items", size, "phase", ph.name, "wall_s", row.WallSeconds, "detect_s", row.DetectSeconds,
				"peak_rss_mb", row.PeakRSS>>20)
			res.Rows = append(res.Rows, row)
		}
	}
	return res, nil
}

func benchPass(ctx context.Context, g gen.Options, phase string, copt *coord.Options) (CoordBenchRow, error) {
	row := CoordBenchRow{Items: g.Items, Phase: phase}
	var b *coord.Builder
	if copt != nil {
		var err error
		if b, err = coord.NewBuilder(*copt); err != nil {
			return row, err
		}
	}
	runtime.GC()
	ResetPeakRSS()
	stop := sampleHeap(&row.PeakHeap)
	start := time.Now()
	var detect time.Duration
	var addErr error
	_, n, err := streamGen(ctx, g, io.Discard, func(it *fimi.Item) error {
		p := coord.PostFromItem(it, "")
		p.Item = it.NativeID
		if b == nil {
			return nil
		}
		t := time.Now()
		addErr = b.Add(p)
		detect += time.Since(t)
		return addErr
	})
	if err != nil {
		stop()
		return row, err
	}
	row.Posts = n
	if b != nil {
		t := time.Now()
		r := b.Result()
		row.ResultSeconds = time.Since(t).Seconds()
		detect += time.Since(t)
		for _, k := range r.Stats.Kinds {
			row.Pairs += k.Pairs
			row.Edges += k.Edges
			row.Kept += k.Kept
		}
		row.Actors, row.Networks = len(r.Actors), len(r.Networks)
	}
	row.WallSeconds = time.Since(start).Seconds()
	row.DetectSeconds = detect.Seconds()
	if row.DetectSeconds > 0 {
		row.PostsPerSec = float64(n) / row.DetectSeconds
	}
	stop()
	row.PeakRSS = PeakRSS()
	return row, nil
}

// sampleHeap records the largest live heap (runtime/metrics) every 250 ms into peak until the
// returned stop is called.
func sampleHeap(peak *int64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() {
		metrics.Read(s)
		if v := int64(s[0].Value.Uint64()); v > *peak {
			*peak = v
		}
	}
	go func() {
		defer wg.Done()
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				read()
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// Table renders the benchmark as text: one line per pass.
func (b CoordBench) Table() string {
	var s strings.Builder
	fmt.Fprintf(&s, "%d CPUs; wall = generate + decode + normalise (+ detect); detect = inside the detector\n", b.CPUs)
	fmt.Fprintf(&s, "%10s %-18s %10s %9s %9s %12s %9s %9s %11s %9s %8s\n", "items", "phase", "posts", "wall s", "detect s", "detect p/s", "RSS MB", "heap MB", "pairs", "edges", "networks")
	for _, r := range b.Rows {
		fmt.Fprintf(&s, "%10d %-18s %10d %9.1f %9.1f %12.0f %9.0f %9.0f %11d %9d %8d\n", r.Items, r.Phase, r.Posts, r.WallSeconds,
			r.DetectSeconds, r.PostsPerSec, float64(r.PeakRSS)/(1<<20), float64(r.PeakHeap)/(1<<20), r.Pairs, r.Edges, r.Networks)
	}
	return s.String()
}
