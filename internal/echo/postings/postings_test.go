package postings

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestQueryMatchesBruteForce checks Query against a scan of all items: with chains longer
// than any posting list, every item sharing a key is returned with its exact count.
func TestQueryMatchesBruteForce(t *testing.T) {
	x, err := New(Options{Slots: 8, MaxChain: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var items [][]uint32
	for i := range 3000 {
		var keys []uint32
		for len(keys) < 1+rng.IntN(8) {
			k := uint32(rng.IntN(2000))
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		q := []uint32{uint32(rng.IntN(2000)), uint32(rng.IntN(2000)), uint32(rng.IntN(2000))}
		got := map[Ref]int32{}
		for _, c := range x.Query(nil, q) {
			got[c.Ref] = c.Hits
		}
		for j, it := range items {
			n := int32(0)
			for k, qk := range q {
				if !slices.Contains(q[:k], qk) && slices.Contains(it, qk) {
					n++
				}
			}
			if got[Ref(j+1)] != n {
				t.Fatalf("item %d query %v: hits %d, want %d", i, q, got[Ref(j+1)], n)
			}
		}
		if ref := x.Add(keys, int64(i)); ref != Ref(i+1) {
			t.Fatalf("ref %d, want %d", ref, i+1)
		}
		items = append(items, keys)
	}
	if x.Len() != 3000 || x.MemoryBytes() <= 0 {
		t.Fatalf("len %d, memory %d", x.Len(), x.MemoryBytes())
	}
}

func TestMaxChainReturnsNewest(t *testing.T) {
	x, _ := New(Options{Slots: 2, MaxChain: 5})
	for i := range 100 {
		x.Add([]uint32{7, uint32(1000 + i)}, int64(i))
	}
	got := x.Query(nil, []uint32{7})
	var refs []Ref
	for _, c := range got {
		refs = append(refs, c.Ref)
	}
	slices.Sort(refs)
	if !slices.Equal(refs, []Ref{96, 97, 98, 99, 100}) {
		t.Fatalf("refs %v, want the 5 newest", refs)
	}
}

func TestExpire(t *testing.T) {
	x, _ := New(Options{Slots: 4, MaxChain: 64, Horizon: 100})
	first := x.Add([]uint32{1, 2}, 0)
	for i := 1; i < 3*blockSize; i++ {
		x.Add([]uint32{uint32(10 + i%50), 2}, int64(i/16))
	}
	if x.Live(first) {
		t.Fatal("first item not expired")
	}
	for _, c := range x.Query(nil, []uint32{1, 2}) {
		if !x.Live(c.Ref) || c.Ref == first {
			t.Fatalf("expired item %d returned", c.Ref)
		}
	}
	// Expired blocks are freed.
	if n := len(x.blocks); n > 3 {
		t.Fatalf("%d blocks held", n)
	}
	x.ExpireRefs(x.Next())
	if x.Len() != 0 || len(x.Query(nil, []uint32{2})) != 0 {
		t.Fatal("items left after expiring all")
	}
	// The table is rebuilt without dead entries as new items come.
	for i := range 5000 {
		x.Add([]uint32{uint32(1_000_000 + i)}, int64(1000+i))
	}
	if x.tab.n > 3*x.Len()+1024 {
		t.Fatalf("table holds %d entries for %d items", x.tab.n, x.Len())
	}
}

func TestOptions(t *testing.T) {
	if _, err := New(Options{Slots: 17}); err == nil {
		t.Fatal("17 slots accepted")
	}
	if x, err := New(Options{}); err != nil || x.Options() != DefaultOptions() {
		t.Fatalf("defaults: %v %+v", err, x.Options())
	}
}

func BenchmarkQuery(b *testing.B) {
	x, _ := New(Options{})
	rng := rand.New(rand.NewPCG(3, 4))
	keys := make([]uint32, 16)
	for i := range 200_000 {
		for j := range keys {
			keys[j] = uint32(rng.IntN(1 << 20))
		}
		x.Add(keys, int64(i))
	}
	var dst []Candidate
	q := make([]uint32, 48)
	b.ReportAllocs()
	for b.Loop() {
		for j := range q {
			q[j] = uint32(rng.IntN(1 << 20))
		}
		dst = x.Query(dst, q)
	}
}
