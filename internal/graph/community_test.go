package graph

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"
)

// planted returns a graph of k groups of size s: each pair inside a group is linked with
// probability pin, across groups with probability pout, with integer weights 1..3.
func planted(seed uint64, k, s int, pin, pout float64) (*Graph, []int32) {
	rng := rand.New(rand.NewPCG(seed, 1))
	n := k * s
	truth := make([]int32, n)
	for u := range n {
		truth[u] = int32(u / s)
	}
	var edges []Edge
	for u := range n {
		for v := u + 1; v < n; v++ {
			p := pout
			if truth[u] == truth[v] {
				p = pin
			}
			if rng.Float64() < p {
				edges = append(edges, Edge{int32(u), int32(v), float64(1 + rng.IntN(3))})
			}
		}
	}
	return FromEdges(n, edges), truth
}

func toGonum(g *Graph) *simple.WeightedUndirectedGraph {
	gg := simple.NewWeightedUndirectedGraph(0, 0)
	for u := range g.Nodes() {
		gg.AddNode(simple.Node(u))
	}
	for u := range g.Nodes() {
		row, ws := g.Neighbors(u)
		for i, v := range row {
			if int(v) > u {
				gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(u), simple.Node(v), ws[i]))
			}
		}
	}
	return gg
}

func gonumCommunities(comm []int32) [][]graph.Node {
	var out [][]graph.Node
	for u, c := range comm {
		for int(c) >= len(out) {
			out = append(out, nil)
		}
		out[c] = append(out[c], simple.Node(u))
	}
	return out
}

func fromGonum(n int, cs [][]graph.Node) []int32 {
	comm := make([]int32, n)
	for c, nodes := range cs {
		for _, nd := range nodes {
			comm[nd.ID()] = int32(c)
		}
	}
	return comm
}

// sameSplit reports whether two partitions group the nodes identically.
func sameSplit(a, b []int32) bool {
	ab := map[int32]int32{}
	ba := map[int32]int32{}
	for u := range a {
		if x, ok := ab[a[u]]; ok && x != b[u] {
			return false
		}
		if x, ok := ba[b[u]]; ok && x != a[u] {
			return false
		}
		ab[a[u]], ba[b[u]] = b[u], a[u]
	}
	return true
}

func TestModularityMatchesGonum(t *testing.T) {
	g, truth := planted(7, 4, 15, 0.4, 0.05)
	gg := toGonum(g)
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]int32, g.Nodes())
	for u := range random {
		random[u] = int32(rng.IntN(5))
	}
	singletons := make([]int32, g.Nodes())
	for u := range singletons {
		singletons[u] = int32(u)
	}
	for _, tc := range []struct {
		name string
		comm []int32
	}{{"truth", truth}, {"random", random}, {"singletons", singletons}, {"one", make([]int32, g.Nodes())}} {
		for _, gamma := range []float64{0.5, 1, 2} {
			got := Modularity(g, tc.comm, gamma)
			want := community.Q(gg, gonumCommunities(tc.comm), gamma)
			if math.Abs(got-want) > 1e-9 {
				t.Errorf("%s γ=%v: Q = %v, gonum %v", tc.name, gamma, got, want)
			}
		}
	}
}

func TestModularitySelfLoop(t *testing.T) {
	// Triangle 0-1-2 with a loop of weight 1 on 0, and an edge 2-3: by hand with m = 5,
	// K({0,1,2}) = 2+1+... strengths: k0 = 1+1+2 = 4, k1 = 2, k2 = 3, k3 = 1; 2m = 10.
	// L = 3 edges + loop 1 = 4 inside {0,1,2}; Q = 4/5 - (9/10)² + 0/5 - (1/10)² = -0.02.
	g := FromEdges(4, []Edge{{0, 1, 1}, {1, 2, 1}, {0, 2, 1}, {0, 0, 1}, {2, 3, 1}})
	got := Modularity(g, []int32{0, 0, 0, 1}, 1)
	if want := 4.0/5 - 0.81 - 0.01; math.Abs(got-want) > 1e-12 {
		t.Errorf("Q = %v, want %v", got, want)
	}
}

func TestCommunitiesAgainstGonum(t *testing.T) {
	for _, tc := range []struct {
		name     string
		seed     uint64
		k, s     int
		pin, out float64
	}{
		{"clear-4x20", 1, 4, 20, 0.5, 0.02},
		{"clear-6x10", 2, 6, 10, 0.6, 0.03},
		{"noisy-5x20", 3, 5, 20, 0.3, 0.06},
		{"noisy-8x12", 4, 8, 12, 0.35, 0.05},
	} {
		for _, refine := range []bool{false, true} {
			name := tc.name + "/louvain"
			if refine {
				name = tc.name + "/leiden"
			}
			t.Run(name, func(t *testing.T) {
				g, truth := planted(tc.seed, tc.k, tc.s, tc.pin, tc.out)
				gg := toGonum(g)
				// Louvain is a heuristic: compare the mean and the best over the same five seeds.
				const runs = 5
				var ours, theirs, oursBest, theirsBest float64 = 0, 0, math.Inf(-1), math.Inf(-1)
				var p Partition
				var gonumComm []int32
				for s := range uint64(runs) {
					p = Communities(g, CommunityOptions{Seed: s, Refine: refine})
					if math.Abs(p.Modularity-Modularity(g, p.Community, 1)) > 1e-12 {
						t.Fatalf("reported Q %v != computed %v", p.Modularity, Modularity(g, p.Community, 1))
					}
					r := community.Modularize(gg, 1, rand.NewPCG(s, 9))
					q := community.Q(gg, r.Communities(), 1)
					gonumComm = fromGonum(g.Nodes(), r.Communities())
					ours += p.Modularity / runs
					theirs += q / runs
					oursBest = max(oursBest, p.Modularity)
					theirsBest = max(theirsBest, q)
					if tc.name[:5] == "clear" {
						if !sameSplit(p.Community, truth) {
							t.Errorf("seed %d: planted partition not recovered: %v", s, p.Community)
						}
						if !sameSplit(gonumComm, truth) {
							t.Errorf("seed %d: gonum did not recover the planted partition either", s)
						}
					}
				}
				if ours < theirs-0.005 || oursBest < theirsBest-0.005 {
					t.Errorf("Q mean %.4f best %.4f; gonum mean %.4f best %.4f", ours, oursBest, theirs, theirsBest)
				}
				best := theirsBest
				t.Logf("Q mean %.4f best %.4f (%d communities); gonum mean %.4f best %.4f", ours, oursBest, p.Count, theirs, best)
			})
		}
	}
}

func TestCommunitiesDeterministic(t *testing.T) {
	g, _ := planted(5, 6, 30, 0.2, 0.05)
	for _, refine := range []bool{false, true} {
		a := Communities(g, CommunityOptions{Seed: 42, Refine: refine})
		b := Communities(g, CommunityOptions{Seed: 42, Refine: refine})
		if !slices.Equal(a.Community, b.Community) || a.Modularity != b.Modularity {
			t.Errorf("refine=%v: same seed, different partitions", refine)
		}
	}
}

func TestLeidenCommunitiesConnected(t *testing.T) {
	for seed := range uint64(20) {
		g, _ := planted(100+seed, 5, 16, 0.25, 0.04)
		p := Communities(g, CommunityOptions{Seed: seed, Refine: true})
		members := p.Members()
		for c, ms := range members {
			// BFS inside the community.
			in := map[int32]bool{}
			for _, u := range ms {
				in[u] = true
			}
			seen := map[int32]bool{ms[0]: true}
			stack := []int32{ms[0]}
			for len(stack) > 0 {
				u := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				row, _ := g.Neighbors(int(u))
				for _, v := range row {
					if in[v] && !seen[v] {
						seen[v] = true
						stack = append(stack, v)
					}
				}
			}
			if len(seen) != len(ms) {
				t.Errorf("seed %d: community %d of %d nodes is disconnected", seed, c, len(ms))
			}
		}
	}
}

func TestCommunitiesResolution(t *testing.T) {
	// Two cliques of 6 joined by one edge: resolution 1 gives 2 communities, a tiny resolution
	// merges them into one.
	var edges []Edge
	for _, base := range []int32{0, 6} {
		for u := base; u < base+6; u++ {
			for v := u + 1; v < base+6; v++ {
				edges = append(edges, Edge{u, v, 1})
			}
		}
	}
	edges = append(edges, Edge{5, 6, 1})
	g := FromEdges(12, edges)
	for _, tc := range []struct {
		gamma float64
		want  int
	}{{1, 2}, {0.01, 1}} {
		for _, refine := range []bool{false, true} {
			if p := Communities(g, CommunityOptions{Resolution: tc.gamma, Refine: refine}); p.Count != tc.want {
				t.Errorf("γ=%v refine=%v: %d communities, want %d", tc.gamma, refine, p.Count, tc.want)
			}
		}
	}
}

func TestCommunitiesEdgeCases(t *testing.T) {
	if p := Communities(FromEdges(0, nil), CommunityOptions{}); p.Count != 0 {
		t.Errorf("empty graph: %d communities", p.Count)
	}
	p := Communities(FromEdges(3, nil), CommunityOptions{})
	if p.Count != 3 || p.Modularity != 0 {
		t.Errorf("isolated nodes: %+v", p)
	}
	// Isolated node and a self-loop only node stay alone.
	p = Communities(FromEdges(4, []Edge{{0, 1, 1}, {2, 2, 3}}), CommunityOptions{Refine: true})
	if p.Count != 3 || p.Community[0] != p.Community[1] {
		t.Errorf("loops: %+v", p)
	}
}
