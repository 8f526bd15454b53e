package graph

import "math"

// PageRank returns the weighted PageRank of every node (summing to 1): a random walker follows
// an edge with probability proportional to its weight (a self-loop keeps it in place) and
// jumps to a uniformly random node with probability 1−damping, or always from a node without
// edges. It iterates until the L1 change falls below tol or maxIter iterations; damping 0 means
// 0.85, tol 0 means 1e-9 and maxIter 0 means 100.
func PageRank(g *Graph, damping, tol float64, maxIter int) []float64 {
	if damping == 0 {
		damping = 0.85
	}
	if tol == 0 {
		tol = 1e-9
	}
	if maxIter == 0 {
		maxIter = 100
	}
	n := g.Nodes()
	if n == 0 {
		return nil
	}
	out := make([]float64, n) // total weight leaving each node, a self-loop counted once
	for u := range n {
		out[u] = g.k[u] - g.diag[u]/2
	}
	x := make([]float64, n)
	y := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	for range maxIter {
		dangling := 0.0
		for u := range n {
			if out[u] == 0 {
				dangling += x[u]
			}
			y[u] = 0
		}
		for u := range n {
			if out[u] == 0 {
				continue
			}
			s := damping * x[u] / out[u]
			row, ws := g.Neighbors(u)
			for i, v := range row {
				y[v] += s * ws[i]
			}
			y[u] += s * g.diag[u] / 2
		}
		base := (1-damping)/float64(n) + damping*dangling/float64(n)
		delta := 0.0
		for u := range n {
			y[u] += base
			delta += math.Abs(y[u] - x[u])
		}
		x, y = y, x
		if delta < tol {
			break
		}
	}
	return x
}
