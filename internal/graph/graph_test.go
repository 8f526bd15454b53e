package graph

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
)

func TestBuilderMergesAndLoops(t *testing.T) {
	b := NewBuilder(4, 0)
	b.AddEdge(0, 1, 1)
	b.AddEdge(1, 0, 2) // parallel edge, reversed
	b.AddEdge(2, 2, 1.5)
	b.AddEdge(1, 3, 1)
	b.AddEdge(3, 2, 0)  // ignored: zero weight
	b.AddEdge(3, 2, -1) // ignored: negative
	g := b.Build()
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"w(0,1)", g.Weight(0, 1), 3},
		{"w(1,0)", g.Weight(1, 0), 3},
		{"w(1,3)", g.Weight(1, 3), 1},
		{"w(2,3)", g.Weight(2, 3), 0},
		{"loop(2)", g.Loop(2), 1.5},
		{"strength(2)", g.Strength(2), 3}, // a loop counts twice
		{"strength(1)", g.Strength(1), 4},
		{"m", g.TotalWeight(), 3 + 1 + 1.5},
		{"edges", float64(g.Edges()), 2},
		{"degree(1)", float64(g.Degree(1)), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if math.Abs(tt.got-tt.want) > 1e-12 {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
	if row, _ := g.Neighbors(1); len(row) != 2 || row[0] != 0 || row[1] != 3 {
		t.Errorf("neighbours of 1 = %v, want [0 3]", row)
	}
}

func TestComponents(t *testing.T) {
	// {0,1,2} {3,4} {5} {6,7,8,9}
	g := FromEdges(10, []Edge{{0, 1, 1}, {1, 2, 1}, {3, 4, 1}, {6, 7, 1}, {7, 8, 1}, {8, 9, 1}, {5, 5, 1}})
	comp, n := Components(g)
	if n != 4 {
		t.Fatalf("count = %d, want 4", n)
	}
	want := []int32{1, 1, 1, 2, 2, 3, 0, 0, 0, 0} // by size, then smallest member
	for u := range want {
		if comp[u] != want[u] {
			t.Fatalf("comp = %v, want %v", comp, want)
		}
	}
}

func TestPageRankMatchesGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 60
	var edges []Edge
	gg := simple.NewWeightedDirectedGraph(0, 0)
	for i := range n {
		gg.AddNode(simple.Node(i))
	}
	seen := map[[2]int]bool{}
	for range 200 {
		u, v := rng.IntN(n), rng.IntN(n)
		if u == v || seen[[2]int{min(u, v), max(u, v)}] {
			continue
		}
		seen[[2]int{min(u, v), max(u, v)}] = true
		w := 1 + float64(rng.IntN(5))
		edges = append(edges, Edge{int32(u), int32(v), w})
		gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(u), simple.Node(v), w))
		gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(v), simple.Node(u), w))
	}
	g := FromEdges(n, edges)
	got := PageRank(g, 0.85, 1e-12, 1000)
	want := network.PageRank(gg, 0.85, 1e-12)
	sum := 0.0
	for u := range n {
		sum += got[u]
		if math.Abs(got[u]-want[int64(u)]) > 1e-6 {
			t.Errorf("node %d: %v, gonum %v", u, got[u], want[int64(u)])
		}
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("sum = %v, want 1", sum)
	}
}

func TestCoreNumbers(t *testing.T) {
	// A 4-clique {0,1,2,3}, a triangle {4,5,6} hanging off 3, a path 6-7-8, an isolated 9 and a
	// loop-only 10.
	var edges []Edge
	for u := int32(0); u < 4; u++ {
		for v := u + 1; v < 4; v++ {
			edges = append(edges, Edge{u, v, 1})
		}
	}
	edges = append(edges, Edge{3, 4, 1}, Edge{4, 5, 1}, Edge{5, 6, 1}, Edge{4, 6, 1}, Edge{6, 7, 1}, Edge{7, 8, 1}, Edge{10, 10, 5})
	got := CoreNumbers(FromEdges(11, edges))
	want := []int32{3, 3, 3, 3, 2, 2, 2, 1, 1, 0, 0}
	for u := range want {
		if got[u] != want[u] {
			t.Fatalf("core numbers %v, want %v", got, want)
		}
	}
	// Against the definition on random graphs: peel nodes of degree < k repeatedly.
	rng := rand.New(rand.NewPCG(8, 8))
	for range 20 {
		n := 40
		var es []Edge
		for range 90 {
			es = append(es, Edge{int32(rng.IntN(n)), int32(rng.IntN(n)), 1})
		}
		g := FromEdges(n, es)
		core := CoreNumbers(g)
		for k := int32(1); k <= 6; k++ {
			alive := make([]bool, n)
			for i := range alive {
				alive[i] = true
			}
			for changed := true; changed; {
				changed = false
				for u := range n {
					if !alive[u] {
						continue
					}
					d := int32(0)
					row, _ := g.Neighbors(u)
					for _, v := range row {
						if alive[v] {
							d++
						}
					}
					if d < k {
						alive[u], changed = false, true
					}
				}
			}
			for u := range n {
				if alive[u] != (core[u] >= k) {
					t.Fatalf("node %d: core %d, in the %d-core by peeling: %v", u, core[u], k, alive[u])
				}
			}
		}
	}
}
