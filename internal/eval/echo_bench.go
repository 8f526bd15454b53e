package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"fimi/internal/echo"
	"fimi/internal/gen"
)

// EchoScale is one corpus size measured by BenchEchoes.
type EchoScale struct {
	Items       int     `json:"items"`   // corpus items
	Indexed     int64   `json:"indexed"` // items at or above MinWords
	Seconds     float64 `json:"seconds"` // detector time only (Prepare on all cores + AddPrepared)
	ItemsPerSec float64 `json:"items_per_second"`
	// CPUMicrosPerItem is the process CPU time (user + system, all goroutines, GC included)
	// over the timed phase per item: robust to other load on a shared machine, unlike
	// ItemsPerSec.
	CPUMicrosPerItem float64 `json:"cpu_micros_per_item"`
	LastTenthRate    float64 `json:"last_tenth_items_per_second"` // rate over the last 10% of the corpus
	Pairs            int64   `json:"pairs"`
	Groups           int     `json:"groups"`
	BytesPerItem     float64 `json:"bytes_per_item"` // detector's own estimate (index + items + groups)
	IndexBytes       int64   `json:"index_bytes"`
	ItemBytes        int64   `json:"item_bytes"`
	GroupBytes       int64   `json:"group_bytes"`
	HeapInUse        int64   `json:"heap_inuse_bytes"`
	PeakHeap         int64   `json:"peak_heap_bytes"` // sampled after each batch
	PeakRSS          int64   `json:"peak_rss_bytes"`  // process, including gen and the lexicon
	Candidates       int64   `json:"candidates"`
	Verifications    int64   `json:"verifications"`
}

// EchoBench is the result of BenchEchoes.
type EchoBench struct {
	CPUs    int         `json:"cpus"`
	Scales  []EchoScale `json:"scales"`
	Horizon string      `json:"horizon"`
	// Baseline: D3lta's method (all pairs, exact) with fimi's exact similarity, on the first
	// BaselineItems gen items, against the detector on the same items.
	BaselineItems   int     `json:"baseline_items"`
	BaselineSeconds float64 `json:"baseline_seconds"`
	BaselineCopies  int     `json:"baseline_copy_pairs"`
	DetectorCopies  int     `json:"detector_copy_pairs"`
	CopyAgreement   float64 `json:"copy_agreement"` // baseline copy pairs the detector also returned (any relation)
	BaselinePairs   int     `json:"baseline_pairs"` // all relations
	PairAgreement   float64 `json:"pair_agreement"` // baseline pairs the detector also returned
	DetectorExtra   int     `json:"detector_extra"` // detector pairs the baseline lacks (unit weights of different times)
	// CopyGroupAgreement and PairGroupAgreement: baseline pairs whose two items the detector
	// put in one group (its chains are bounded, so in dense families it links each item to
	// some members, not all: groups are what it finds).
	CopyGroupAgreement float64 `json:"copy_group_agreement"`
	PairGroupAgreement float64 `json:"pair_group_agreement"`
	SpeedupVsBaseline  float64 `json:"speedup_vs_baseline"` // baseline seconds / detector seconds on the same items
}

// BenchEchoes measures the echo detector on `fimi gen` corpora of the given sizes (seed 1,
// no expiry so that every item stays indexed), and, in the same run, compares it on the first
// 10,000 items (fewer when the smallest size is smaller) with an exact all-pairs baseline
// using the same similarity. Documents are prepared on all cores in batches of 4,096 and
// added in order from one goroutine, as the ingest pipeline would.
func BenchEchoes(ctx context.Context, sizes []int, dopt echo.Options) (EchoBench, error) {
	res := EchoBench{CPUs: runtime.GOMAXPROCS(0), Horizon: "none"}
	if dopt.Lexicon.Words == nil {
		lx, err := sharedEchoLexicon()
		if err != nil {
			return res, err
		}
		dopt.Lexicon = lx
	}
	dopt.Horizon = -1
	for _, n := range sizes {
		sc, err := benchEchoScale(ctx, n, dopt)
		if err != nil {
			return res, err
		}
		res.Scales = append(res.Scales, sc)
	}
	base := 10_000
	if len(sizes) > 0 && sizes[0] < base {
		base = sizes[0]
	}
	if err := echoBaseline(ctx, base, dopt, &res); err != nil {
		return res, err
	}
	return res, nil
}

func newBenchDetector(dopt echo.Options) (*echo.Detector, error) {
	det, err := echo.New(dopt)
	if err != nil {
		return nil, err
	}
	det.Preload("de", "fr", "es", "it", "pt", "ru", "pl", "cs", "uk", "sk", "bg", "sr", "hu", "lt", "ar", "tr", "ja", "zh")
	return det, nil
}

func benchEchoScale(ctx context.Context, n int, dopt echo.Options) (EchoScale, error) {
	sc := EchoScale{Items: n}
	det, err := newBenchDetector(dopt)
	if err != nil {
		return sc, err
	}
	opt := gen.DefaultOptions()
	opt.Items, opt.Seed = n, 1
	runtime.GC()
	ResetPeakRSS()
	// Batches are prepared on all cores while the previous batch is added from one
	// goroutine, as the ingest pipeline would.
	const batch = 2048
	docs := make([]echo.Doc, 0, batch)
	var elapsed, tail time.Duration
	seen := 0
	type job struct {
		prepared []echo.Prepared
		done     chan struct{}
	}
	adds := make(chan job, 1)
	addDone := make(chan struct{})
	go func() {
		defer close(addDone)
		for j := range adds {
			<-j.done
			for i := range j.prepared {
				ps, _ := det.AddPrepared(j.prepared[i])
				sc.Pairs += int64(len(ps))
			}
		}
	}()
	var last time.Time
	var cpu0 time.Duration
	flush := func() {
		if len(docs) == 0 {
			return
		}
		if last.IsZero() {
			last = time.Now()
			cpu0 = processCPU()
		}
		j := job{prepared: make([]echo.Prepared, len(docs)), done: make(chan struct{})}
		in := slices.Clone(docs)
		go func() {
			var wg sync.WaitGroup
			workers := runtime.GOMAXPROCS(0)
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := w; i < len(in); i += workers {
						j.prepared[i] = det.Prepare(in[i])
					}
				}()
			}
			wg.Wait()
			close(j.done)
		}()
		adds <- j
		docs = docs[:0]
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		sc.PeakHeap = max(sc.PeakHeap, int64(ms.HeapInuse))
	}
	tailItems, read := 0, 0
	err = echoCorpusFile(ctx, opt, func(it *echoGenItem) error {
		read++
		if it.Shares != "" {
			return nil
		}
		seen++
		if read > n-n/10 {
			tailItems++
		}
		if tailItems == 1 && read > n-n/10 && seen > 1 {
			// Time the last tenth from here: wait for what came before.
			flush()
			close(adds)
			<-addDone
			elapsed = time.Since(last)
			last = time.Now()
			adds = make(chan job, 1)
			addDone = make(chan struct{})
			go func() {
				defer close(addDone)
				for j := range adds {
					<-j.done
					for i := range j.prepared {
						ps, _ := det.AddPrepared(j.prepared[i])
						sc.Pairs += int64(len(ps))
					}
				}
			}()
		}
		docs = append(docs, it.doc())
		if len(docs) == batch {
			flush()
		}
		return ctx.Err()
	})
	if err != nil {
		close(adds)
		<-addDone
		return sc, err
	}
	flush()
	close(adds)
	<-addDone
	tail = time.Since(last)
	elapsed += tail
	sc.CPUMicrosPerItem = float64((processCPU() - cpu0).Microseconds()) / float64(max(seen, 1))
	st := det.MemoryStats()
	sc.Seconds = elapsed.Seconds()
	sc.ItemsPerSec = float64(seen) / sc.Seconds
	if tail > 0 {
		sc.LastTenthRate = float64(tailItems) / tail.Seconds()
	}
	sc.Indexed, sc.Groups, sc.BytesPerItem = st.Added, st.Groups, st.BytesPerItem
	sc.IndexBytes, sc.ItemBytes, sc.GroupBytes = st.IndexBytes, st.ItemBytes, st.GroupBytes
	sc.Candidates, sc.Verifications = st.Candidates, st.Verifications
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	sc.HeapInUse = int64(ms.HeapInuse)
	sc.PeakRSS = PeakRSS()
	runtime.KeepAlive(det)
	return sc, nil
}

func echoBaseline(ctx context.Context, n int, dopt echo.Options, res *EchoBench) error {
	det, err := newBenchDetector(dopt)
	if err != nil {
		return err
	}
	opt := gen.DefaultOptions()
	opt.Items, opt.Seed = n, 1
	var docs []echo.Doc
	if _, err := echoStreamGen(ctx, opt, func(it *echoGenItem) error {
		if it.Shares == "" {
			docs = append(docs, it.doc())
		}
		return nil
	}, nil); err != nil {
		return err
	}
	res.BaselineItems = len(docs)
	type key struct{ a, b string }
	got := map[key]echo.Relation{}
	start := time.Now()
	var prepared []echo.Prepared
	for _, d := range docs {
		p := det.Prepare(d)
		ps, _ := det.AddPrepared(p)
		for _, x := range ps {
			got[key{x.A, x.B}] = x.Relation
			if x.Relation == echo.Copy {
				res.DetectorCopies++
			}
		}
		if !p.Skipped() {
			prepared = append(prepared, p)
		}
	}
	detSec := time.Since(start).Seconds()
	// The baseline compares every pair with the detector's exact check (its document
	// frequencies are those of the whole run, as the detector's were at the end).
	start = time.Now()
	want := map[key]bool{}
	for j := range prepared {
		if j%512 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		for i := range j {
			rel, _ := det.ComparePrepared(&prepared[i], &prepared[j])
			if rel == echo.None {
				continue
			}
			k := key{prepared[i].ID(), prepared[j].ID()}
			want[k] = true
			res.BaselinePairs++
			if rel == echo.Copy {
				res.BaselineCopies++
			}
			if _, ok := got[k]; ok {
				res.PairAgreement++
				if rel == echo.Copy {
					res.CopyAgreement++
				}
			}
			if g := det.GroupOf(k.a); g != "" && g == det.GroupOf(k.b) {
				res.PairGroupAgreement++
				if rel == echo.Copy {
					res.CopyGroupAgreement++
				}
			}
		}
	}
	res.BaselineSeconds = time.Since(start).Seconds()
	for k := range got {
		if !want[k] {
			res.DetectorExtra++
		}
	}
	if res.BaselineCopies > 0 {
		res.CopyAgreement /= float64(res.BaselineCopies)
		res.CopyGroupAgreement /= float64(res.BaselineCopies)
	}
	if res.BaselinePairs > 0 {
		res.PairAgreement /= float64(res.BaselinePairs)
		res.PairGroupAgreement /= float64(res.BaselinePairs)
	}
	res.SpeedupVsBaseline = res.BaselineSeconds / detSec
	return nil
}

// echoCorpusFile writes a gen corpus to a temporary file first, then reads it back and calls
// fn for each item, so that generation does not compete with what is measured.
func echoCorpusFile(ctx context.Context, opt gen.Options, fn func(*echoGenItem) error) error {
	f, err := os.CreateTemp("", "fimi-echo-bench-*.jsonl")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	if _, err := gen.Write(ctx, opt, w, io.Discard, io.Discard); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	sc := bufio.NewScanner(bufio.NewReaderSize(f, 1<<20))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var it echoGenItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return fmt.Errorf("gen corpus: %w", err)
		}
		if err := fn(&it); err != nil {
			return err
		}
	}
	return sc.Err()
}

// processCPU returns the user and system CPU time of this process so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Table formats the result as a text table.
func (r EchoBench) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "echo detector on fimi gen corpora (seed 1, horizon %s, %d CPUs)\n", r.Horizon, r.CPUs)
	fmt.Fprintf(&b, "%10s %9s %10s %10s %9s %10s %10s %11s %9s %8s\n", "items", "indexed", "items/s", "last10%/s", "cpu µs", "bytes/it", "heap MB", "peak RSS MB", "pairs", "groups")
	for _, s := range r.Scales {
		fmt.Fprintf(&b, "%10d %9d %10.0f %10.0f %9.1f %10.0f %10.0f %11.0f %9d %8d\n", s.Items, s.Indexed, s.ItemsPerSec, s.LastTenthRate,
			s.CPUMicrosPerItem, s.BytesPerItem, float64(s.PeakHeap)/(1<<20), float64(s.PeakRSS)/(1<<20), s.Pairs, s.Groups)
	}
	if r.BaselineItems > 0 {
		fmt.Fprintf(&b, "all-pairs baseline on %d items: %.1f s (detector %.0fx faster)\n", r.BaselineItems, r.BaselineSeconds, r.SpeedupVsBaseline)
		fmt.Fprintf(&b, "  copy pairs %d: returned by the detector %.4f, in one detector group %.4f\n", r.BaselineCopies, r.CopyAgreement, r.CopyGroupAgreement)
		fmt.Fprintf(&b, "  all pairs %d: returned %.4f, in one group %.4f; detector pairs not in the baseline %d\n", r.BaselinePairs, r.PairAgreement, r.PairGroupAgreement, r.DetectorExtra)
	}
	return b.String()
}
