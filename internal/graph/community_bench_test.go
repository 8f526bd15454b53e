package graph

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/graph/community"
)

// benchGraph returns a graph of n nodes and about e edges in communities of 50: 80% of the edges
// fall inside a community, the rest anywhere, weights 1..4.
func benchGraph(n, e int) *Graph {
	rng := rand.New(rand.NewPCG(11, 12))
	b := NewBuilder(n, e)
	for range e {
		u := rng.IntN(n)
		var v int
		if rng.Float64() < 0.8 {
			v = u/50*50 + rng.IntN(50)
			if v >= n {
				v = rng.IntN(n)
			}
		} else {
			v = rng.IntN(n)
		}
		if u != v {
			b.AddEdge(u, v, float64(1+rng.IntN(4)))
		}
	}
	return b.Build()
}

func BenchmarkCommunities(b *testing.B) {
	for _, size := range []struct{ n, e int }{{5_000, 30_000}, {50_000, 300_000}, {500_000, 3_000_000}} {
		g := benchGraph(size.n, size.e)
		for _, refine := range []bool{false, true} {
			name := fmt.Sprintf("%dk-%dk/louvain", size.n/1000, size.e/1000)
			if refine {
				name = fmt.Sprintf("%dk-%dk/leiden", size.n/1000, size.e/1000)
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				var p Partition
				for b.Loop() {
					p = Communities(g, CommunityOptions{Seed: 1, Refine: refine})
				}
				b.ReportMetric(p.Modularity, "Q")
				b.ReportMetric(float64(p.Count), "communities")
			})
		}
	}
}

// BenchmarkGonumLouvain is the baseline: gonum's Louvain on the same graphs. The 50k/300k
// case takes minutes per iteration; run it with -bench GonumLouvain -benchtime 1x.
func BenchmarkGonumLouvain(b *testing.B) {
	for _, size := range []struct{ n, e int }{{5_000, 30_000}, {50_000, 300_000}} {
		g := benchGraph(size.n, size.e)
		gg := toGonum(g)
		b.Run(fmt.Sprintf("%dk-%dk", size.n/1000, size.e/1000), func(b *testing.B) {
			b.ReportAllocs()
			var q float64
			for b.Loop() {
				r := community.Modularize(gg, 1, rand.NewPCG(1, 9))
				q = community.Q(gg, r.Communities(), 1)
			}
			b.ReportMetric(q, "Q")
		})
	}
}

func BenchmarkBuild(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n, e = 500_000, 3_000_000
	edges := make([]Edge, e)
	for i := range edges {
		edges[i] = Edge{int32(rng.IntN(n)), int32(rng.IntN(n)), 1}
	}
	b.ReportAllocs()
	for b.Loop() {
		FromEdges(n, edges)
	}
}

func BenchmarkComponents(b *testing.B) {
	g := benchGraph(500_000, 3_000_000)
	b.ReportAllocs()
	for b.Loop() {
		Components(g)
	}
}

func BenchmarkPageRank(b *testing.B) {
	g := benchGraph(50_000, 300_000)
	b.ReportAllocs()
	for b.Loop() {
		PageRank(g, 0, 0, 0)
	}
}
