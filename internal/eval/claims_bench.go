package eval

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"fimi/internal/claims"
	"fimi/internal/fimi"
	"fimi/internal/store/sqlite"
)

// LoadAllClaims loads every claim database of the shared datasets folder: the CLEF 2020
// verified claims (10,375), the EUvsDisinfo case titles of the cknabs scrape (10,892) and
// the kalkun cases with summaries (about 3,000): about 24,000 claims in English.
func LoadAllClaims(datasets string) ([]fimi.Claim, error) {
	clef, err := LoadCLEFClaims(filepath.Join(datasets, "clef2020_checkthat_task2"))
	if err != nil {
		return nil, err
	}
	cases, err := LoadEUvsDisinfoCases(filepath.Join(datasets, "euvsdisinfo_cknabs"))
	if err != nil {
		return nil, err
	}
	kalkun, err := LoadKalkunCases(filepath.Join(datasets, "euvsdisinfo_kalkun_2015_2017"))
	if err != nil {
		return nil, err
	}
	return slices.Concat(clef, cases, kalkun), nil
}

// LoadBenchItems returns the texts the claim benchmarks match: the CLEF tweets of every
// split and the EUvsDisinfo article excerpts (about 1,800 texts in some twenty languages).
func LoadBenchItems(datasets string) ([]string, error) {
	var out []string
	for _, split := range []string{"train", "dev", "test"} {
		qs, _, err := LoadCLEFSplit(filepath.Join(datasets, "clef2020_checkthat_task2"), split)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			out = append(out, q.Text)
		}
	}
	qs, _, err := LoadEUvsDisinfoPairs(filepath.Join(datasets, "euvsdisinfo_api_2020"), nil)
	if err != nil {
		return nil, err
	}
	for _, q := range qs {
		out = append(out, q.Text)
	}
	return out, nil
}

// ClaimsBench is the result of BenchClaims.
type ClaimsBench struct {
	Claims       int     `json:"claims"`
	Items        int     `json:"items"`
	CPUs         int     `json:"cpus"`
	BuildSeconds float64 `json:"build_seconds"`
	// Throughput with one goroutine per CPU, after a warm-up pass (dictionaries loaded).
	ItemsPerSecond float64 `json:"items_per_second"`
	// CPUMicrosPerItem is the CPU time the process spent per item in the throughput run
	// (garbage collection included), and CapacityItemsPerSecond what CPUs cores given to
	// matching alone would do at that cost: on a shared machine, where other processes
	// take CPU time, a steadier measure than ItemsPerSecond. 0 where CPU time is not read.
	CPUMicrosPerItem       float64 `json:"cpu_us_per_item"`
	CapacityItemsPerSecond float64 `json:"capacity_items_per_second"`
	// Latency of one Match at a time.
	P50Micros float64 `json:"p50_us"`
	P99Micros float64 `json:"p99_us"`
	MaxMicros float64 `json:"max_us"`
	// The plain SQLite FTS5 bm25 baseline over the same claims and items, same run.
	BaselineItemsPerSecond float64 `json:"baseline_items_per_second"`
	BaselineP99Micros      float64 `json:"baseline_p99_us"`
	Ratio                  float64 `json:"ratio_to_baseline"` // ItemsPerSecond / BaselineItemsPerSecond
}

// BenchClaims loads all claims of the datasets folder (LoadAllClaims) into a matcher built
// with opt (as EvalCLEF) and measures matching throughput on all CPUs and single-item latency
// over the benchmark items (LoadBenchItems, language detected, top 10), then the same for the
// FTS5 baseline. passes is how many times the items are run for throughput (at least 1).
func BenchClaims(ctx context.Context, datasets string, passes int, opt ...claims.Options) (ClaimsBench, error) {
	var r ClaimsBench
	cs, err := LoadAllClaims(datasets)
	if err != nil {
		return r, err
	}
	items, err := LoadBenchItems(datasets)
	if err != nil {
		return r, err
	}
	o, err := matcherOptions(opt)
	if err != nil {
		return r, err
	}
	r.Claims, r.Items, r.CPUs = len(cs), len(items), runtime.GOMAXPROCS(0)
	start := time.Now()
	m := claims.NewMatcher(cs, o)
	r.BuildSeconds = time.Since(start).Seconds()
	// As stored items are matched: evidence for the results with a decision only.
	match := func(s string) { m.Match(claims.Query{Text: s}) }
	for _, s := range items { // warm-up: dictionaries and pools
		match(s)
	}
	cpu0 := claimsProcessCPU()
	r.ItemsPerSecond = throughput(ctx, items, max(passes, 1), match)
	if cpu := claimsProcessCPU() - cpu0; cpu > 0 {
		r.CPUMicrosPerItem = cpu.Seconds() * 1e6 / float64(len(items)*max(passes, 1))
		r.CapacityItemsPerSecond = float64(r.CPUs) * 1e6 / r.CPUMicrosPerItem
	}
	lat := latencies(ctx, items, match)
	r.P50Micros, r.P99Micros, r.MaxMicros = lat[len(lat)/2], lat[len(lat)*99/100], lat[len(lat)-1]

	b, err := sqlite.NewClaimsBaseline(ctx, cs)
	if err != nil {
		return r, err
	}
	defer b.Close()
	var berr error
	search := func(s string) {
		if _, err := b.Search(ctx, s, 10); err != nil && berr == nil {
			berr = err
		}
	}
	r.BaselineItemsPerSecond = throughput(ctx, items, 1, search)
	blat := latencies(ctx, items, search)
	r.BaselineP99Micros = blat[len(blat)*99/100]
	if berr != nil {
		return r, fmt.Errorf("baseline: %w", berr)
	}
	if r.BaselineItemsPerSecond > 0 {
		r.Ratio = r.ItemsPerSecond / r.BaselineItemsPerSecond
	}
	return r, ctx.Err()
}

// throughput runs fn over items passes times on GOMAXPROCS goroutines and returns items/s.
func throughput(ctx context.Context, items []string, passes int, fn func(string)) float64 {
	var next atomic.Int64
	total := int64(len(items) * passes)
	start := time.Now()
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= total {
					return
				}
				fn(items[i%int64(len(items))])
			}
		})
	}
	wg.Wait()
	return float64(total) / time.Since(start).Seconds()
}

// latencies runs fn over items one at a time and returns the sorted durations in µs.
func latencies(ctx context.Context, items []string, fn func(string)) []float64 {
	out := make([]float64, 0, len(items))
	for _, s := range items {
		if ctx.Err() != nil {
			break
		}
		t := time.Now()
		fn(s)
		out = append(out, float64(time.Since(t).Nanoseconds())/1e3)
	}
	if len(out) == 0 {
		return []float64{0}
	}
	slices.Sort(out)
	return out
}
