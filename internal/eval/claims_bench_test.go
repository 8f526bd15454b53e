package eval

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"fimi/internal/claims"
	"fimi/internal/store/sqlite"
	"fimi/internal/testutil"
)

type benchState struct {
	m     *claims.Matcher
	items []string
	dir   string
}

var (
	benchOnce   sync.Once
	benchState_ *benchState
	benchErr    error
)

func loadBench(b *testing.B) *benchState {
	b.Helper()
	dir := filepath.Join(testutil.Dataset(b, "clef2020_checkthat_task2"), "..")
	benchOnce.Do(func() {
		cs, err := LoadAllClaims(dir)
		if err != nil {
			benchErr = err
			return
		}
		items, err := LoadBenchItems(dir)
		if err != nil {
			benchErr = err
			return
		}
		o, err := matcherOptions(nil)
		if err != nil {
			benchErr = err
			return
		}
		m := claims.NewMatcher(cs, o)
		for _, s := range items {
			m.Match(claims.Query{Text: s}) // warm up dictionaries
		}
		benchState_ = &benchState{m: m, items: items, dir: dir}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchState_
}

// BenchmarkMatch is single-item latency: one Match at a time over CLEF tweets and
// EUvsDisinfo excerpts against ~24k claims.
func BenchmarkMatch(b *testing.B) {
	st := loadBench(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		st.m.Match(claims.Query{Text: st.items[i%len(st.items)]})
	}
}

// BenchmarkMatchParallel is throughput on all CPUs; items/s = 1e9 / (ns/op).
func BenchmarkMatchParallel(b *testing.B) {
	st := loadBench(b)
	b.ReportAllocs()
	b.ResetTimer()
	var mu sync.Mutex
	next := 0
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			i := next
			next++
			mu.Unlock()
			st.m.Match(claims.Query{Text: st.items[i%len(st.items)]})
		}
	})
}

// BenchmarkBaselineSearch is the plain SQLite FTS5 bm25 baseline over the same claims and
// items, one search at a time: compare its ns/op with BenchmarkMatch's.
func BenchmarkBaselineSearch(b *testing.B) {
	st := loadBench(b)
	cs, err := LoadAllClaims(st.dir)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	bl, err := sqlite.NewClaimsBaseline(ctx, cs)
	if err != nil {
		b.Fatal(err)
	}
	defer bl.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := bl.Search(ctx, st.items[i%len(st.items)], 10); err != nil {
			b.Fatal(err)
		}
	}
}
