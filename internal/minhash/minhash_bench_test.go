package minhash

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func BenchmarkSign(b *testing.B) {
	for _, n := range []int{20, 200} {
		rng := rand.New(rand.NewPCG(1, 1))
		toks := make([]uint64, n)
		for i := range toks {
			toks[i] = rng.Uint64()
		}
		b.Run(fmt.Sprintf("tokens=%d/k=64", n), func(b *testing.B) {
			b.ReportAllocs()
			dst := make([]uint32, 64)
			for b.Loop() {
				dst = Sign(dst, toks, 64)
			}
		})
	}
}

func BenchmarkHashString(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		HashString("правительства")
	}
}

// BenchmarkIndex measures Query followed by Add on an index already holding n items, and
// reports bytes of index memory per item.
func BenchmarkIndex(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(2, 2))
			x, _ := NewIndex(DefaultOptions())
			k := x.SignatureLen()
			sigs := make([][]uint32, n+50_000) // unique sets: the first n are indexed, the rest queried and added
			toks := make([]uint64, 30)
			for i := range sigs {
				for j := range toks {
					toks[j] = rng.Uint64() % 200_000
				}
				sigs[i] = Sign(nil, toks, k)
			}
			for i := range n {
				x.Add(sigs[i], int64(i))
			}
			var cands []Candidate
			b.ReportAllocs()
			b.ResetTimer()
			i := n
			for b.Loop() {
				s := sigs[n+(i-n)%50_000]
				cands = x.Query(cands, s)
				x.Add(s, int64(i))
				i++
			}
			b.ReportMetric(float64(x.MemoryBytes())/float64(x.Len()), "bytes/item")
		})
	}
}
