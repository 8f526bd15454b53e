package graph

// CoreNumbers returns the core number of every node (Batagelj & Zaversnik 2003, O(n + e)):
// the largest k such that the node belongs to the k-core, the maximal subgraph in which every
// node has at least k neighbours. Self-loops and weights are ignored.
func CoreNumbers(g *Graph) []int32 {
	n := g.Nodes()
	deg := make([]int32, n)
	maxDeg := int32(0)
	for u := range n {
		deg[u] = int32(g.Degree(u))
		maxDeg = max(maxDeg, deg[u])
	}
	// Bucket sort the nodes by degree.
	bin := make([]int32, maxDeg+2)
	for _, d := range deg {
		bin[d+1]++
	}
	for d := int32(1); d <= maxDeg+1; d++ {
		bin[d] += bin[d-1]
	}
	pos := make([]int32, n)
	vert := make([]int32, n)
	next := make([]int32, maxDeg+1)
	copy(next, bin[:maxDeg+1])
	for u := range n {
		pos[u] = next[deg[u]]
		vert[pos[u]] = int32(u)
		next[deg[u]]++
	}
	start := bin[:maxDeg+1] // start[d]: first position of degree d
	for i := range n {
		v := vert[i]
		row, _ := g.Neighbors(int(v))
		for _, u := range row {
			if deg[u] > deg[v] {
				du := deg[u]
				pu := pos[u]
				pw := start[du]
				w := vert[pw]
				if u != w {
					pos[u], pos[w] = pw, pu
					vert[pu], vert[pw] = w, u
				}
				start[du]++
				deg[u]--
			}
		}
	}
	return deg
}
