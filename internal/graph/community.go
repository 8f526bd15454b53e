package graph

import (
	"cmp"
	"math/rand/v2"
	"slices"
)

// CommunityOptions control Communities. The zero value is Louvain at resolution 1 with seed 0.
type CommunityOptions struct {
	// Resolution is γ in Q = Σ_c [ L_c/m − γ (K_c/2m)² ]: above 1 favours smaller communities,
	// below 1 larger ones. Zero means 1.
	Resolution float64
	// Seed fixes the node visiting order: the same graph, options and seed give the same
	// partition.
	Seed uint64
	// Refine adds the Leiden refinement (Traag, Waltman & van Eck 2019) between local moving
	// and aggregation: communities are split into well-connected parts before they are
	// aggregated, so every community returned is connected. The refinement is greedy (the
	// θ → 0 limit of the paper's randomised merge).
	Refine bool
	// MaxLevels bounds the number of aggregation levels; zero means 32.
	MaxLevels int
}

// Partition is a division of the nodes into communities.
type Partition struct {
	// Community holds the community of each node: 0..Count-1, numbered by decreasing size,
	// ties broken by the smallest node id in the community.
	Community  []int32
	Count      int
	Modularity float64 // Q of the partition at the resolution used
	Levels     int     // aggregation levels run
}

// Members returns the nodes of each community, in ascending order.
func (p Partition) Members() [][]int32 {
	out := make([][]int32, p.Count)
	for u, c := range p.Community {
		out[c] = append(out[c], int32(u))
	}
	return out
}

// Modularity returns the modularity of the partition comm of g at resolution gamma (gamma 0
// means 1), following Newman and the convention of igraph and networkx for self-loops:
//
//	Q = Σ_c [ L_c/m − γ (K_c/2m)² ]
//
// where L_c is the weight of the edges inside c (self-loops once), K_c the sum of the strengths
// of its nodes (a self-loop counts twice) and m the total weight. A graph without edges has Q = 0.
func Modularity(g *Graph, comm []int32, gamma float64) float64 {
	if gamma == 0 {
		gamma = 1
	}
	if g.m2 == 0 {
		return 0
	}
	nc := 0
	for _, c := range comm {
		nc = max(nc, int(c)+1)
	}
	in := make([]float64, nc)
	tot := make([]float64, nc)
	for u := range g.Nodes() {
		c := comm[u]
		tot[c] += g.k[u]
		in[c] += g.diag[u]
		row, ws := g.Neighbors(u)
		for i, v := range row {
			if comm[v] == c {
				in[c] += ws[i]
			}
		}
	}
	var q float64
	for c := range nc {
		q += in[c]/g.m2 - gamma*(tot[c]/g.m2)*(tot[c]/g.m2)
	}
	return q
}

// Communities partitions g by the Louvain method (Blondel et al. 2008) with queue-based local
// moving, optionally with the Leiden refinement (opt.Refine). It runs in about O(e) time per
// level and O(n + e) memory. Isolated nodes form communities of their own.
func Communities(g *Graph, opt CommunityOptions) Partition {
	gamma := opt.Resolution
	if gamma == 0 {
		gamma = 1
	}
	maxLevels := opt.MaxLevels
	if maxLevels <= 0 {
		maxLevels = 32
	}
	n := g.Nodes()
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	lv := &level{off: g.off, nbr: g.nbr, w: g.w, diag: g.diag, k: g.k}
	node := make([]int32, n) // original node -> node of the current level
	for i := range node {
		node[i] = int32(i)
	}
	part := make([]int32, n) // community of each current-level node
	for i := range part {
		part[i] = int32(i)
	}
	levels := 0
	if g.m2 > 0 {
		for levels < maxLevels {
			levels++
			lv.move(part, gamma, g.m2, rng)
			ref := part
			if opt.Refine {
				ref = lv.refine(part, gamma, g.m2, rng)
			}
			ref = slices.Clone(ref)
			nref := renumber(ref)
			if nref == lv.n() {
				break // nothing to aggregate: the partition is final
			}
			coarsePart := make([]int32, nref)
			for u, r := range ref {
				coarsePart[r] = part[u]
			}
			for i, u := range node {
				node[i] = ref[u]
			}
			lv = lv.aggregate(ref, nref)
			part = coarsePart
			renumber(part)
		}
	}
	comm := make([]int32, n)
	for i, u := range node {
		comm[i] = part[u]
	}
	count := canonical(comm)
	return Partition{Community: comm, Count: count, Modularity: Modularity(g, comm, gamma), Levels: levels}
}

// level is the graph of one aggregation level, CSR like Graph.
type level struct {
	off  []int
	nbr  []int32
	w    []float64
	diag []float64
	k    []float64
}

func (lv *level) n() int { return len(lv.k) }

// move is the local-moving phase: nodes are visited from a queue (initially all nodes in a
// random order) and each moves to the neighbouring community with the largest modularity gain;
// the neighbours of a moved node outside its new community are queued again. It reports
// whether any node moved.
func (lv *level) move(part []int32, gamma, m2 float64, rng *rand.Rand) bool {
	n := lv.n()
	tot := make([]float64, n)
	for u, c := range part {
		tot[c] += lv.k[u]
	}
	queue := make([]int32, n)
	for i := range queue {
		queue[i] = int32(i)
	}
	rng.Shuffle(n, func(i, j int) { queue[i], queue[j] = queue[j], queue[i] })
	inQueue := make([]bool, n)
	for i := range inQueue {
		inQueue[i] = true
	}
	neighW := make([]float64, n)
	touched := make([]int32, 0, 64)
	eps := 1e-12 * max(1, m2)
	moved := false
	head, size := 0, n
	for size > 0 {
		u := queue[head]
		head++
		if head == n {
			head = 0
		}
		size--
		inQueue[u] = false
		cu := part[u]
		ku := lv.k[u]
		lo, hi := lv.off[u], lv.off[u+1]
		touched = touched[:0]
		for i := lo; i < hi; i++ {
			c := part[lv.nbr[i]]
			if neighW[c] == 0 {
				touched = append(touched, c)
			}
			neighW[c] += lv.w[i]
		}
		tot[cu] -= ku
		best, bestGain := cu, neighW[cu]-gamma*tot[cu]*ku/m2
		for _, c := range touched {
			if c == cu {
				continue
			}
			if gain := neighW[c] - gamma*tot[c]*ku/m2; gain > bestGain+eps {
				best, bestGain = c, gain
			}
		}
		tot[best] += ku
		for _, c := range touched {
			neighW[c] = 0
		}
		if best == cu {
			continue
		}
		part[u] = best
		moved = true
		for i := lo; i < hi; i++ {
			v := lv.nbr[i]
			if part[v] != best && !inQueue[v] {
				inQueue[v] = true
				tail := head + size
				if tail >= n {
					tail -= n
				}
				queue[tail] = v
				size++
			}
		}
	}
	return moved
}

// refine is the Leiden refinement: within each community of part, nodes start as singletons
// and a node that is well connected to its community merges greedily into the well-connected
// refined sub-community with the largest non-negative modularity gain. It returns the refined
// partition (ids are node ids of founding members).
func (lv *level) refine(part []int32, gamma, m2 float64, rng *rand.Rand) []int32 {
	n := lv.n()
	ref := make([]int32, n)
	refTot := make([]float64, n) // strength of each refined community
	refExt := make([]float64, n) // weight from a refined community to the rest of its community
	commTot := make([]float64, n)
	single := make([]bool, n)
	for u := range n {
		ref[u] = int32(u)
		refTot[u] = lv.k[u]
		commTot[part[u]] += lv.k[u]
		single[u] = true
		lo, hi := lv.off[u], lv.off[u+1]
		for i := lo; i < hi; i++ {
			if part[lv.nbr[i]] == part[u] {
				refExt[u] += lv.w[i]
			}
		}
	}
	inC := slices.Clone(refExt) // weight from each node to the rest of its community
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
	neighW := make([]float64, n)
	touched := make([]int32, 0, 64)
	for _, u := range order {
		if !single[u] {
			continue
		}
		c := part[u]
		ku, kc := lv.k[u], commTot[c]
		if inC[u] < gamma*ku*(kc-ku)/m2 {
			continue // not well connected to its community
		}
		lo, hi := lv.off[u], lv.off[u+1]
		touched = touched[:0]
		for i := lo; i < hi; i++ {
			v := lv.nbr[i]
			if part[v] != c {
				continue
			}
			r := ref[v]
			if neighW[r] == 0 {
				touched = append(touched, r)
			}
			neighW[r] += lv.w[i]
		}
		best, bestGain := ref[u], 0.0
		for _, r := range touched {
			if r == ref[u] {
				continue
			}
			if refExt[r] < gamma*refTot[r]*(kc-refTot[r])/m2 {
				continue // r is not well connected to its community
			}
			if gain := neighW[r] - gamma*ku*refTot[r]/m2; gain > bestGain || (gain == bestGain && best != ref[u] && r < best) {
				best, bestGain = r, gain
			}
		}
		if best != ref[u] {
			refExt[best] += inC[u] - 2*neighW[best]
			refTot[best] += ku
			refTot[u] = 0
			ref[u] = best
			single[u] = false
			single[best] = false
		}
		for _, r := range touched {
			neighW[r] = 0
		}
	}
	return ref
}

// aggregate returns the graph whose nodes are the communities of comm (0..nc-1).
func (lv *level) aggregate(comm []int32, nc int) *level {
	// Members of each community, by counting sort.
	start := make([]int, nc+1)
	for _, c := range comm {
		start[c+1]++
	}
	for c := range nc {
		start[c+1] += start[c]
	}
	members := make([]int32, len(comm))
	fill := slices.Clone(start[:nc])
	for u, c := range comm {
		members[fill[c]] = int32(u)
		fill[c]++
	}
	out := &level{off: make([]int, nc+1), diag: make([]float64, nc), k: make([]float64, nc)}
	out.nbr = make([]int32, 0, len(lv.nbr)/2)
	out.w = make([]float64, 0, len(lv.nbr)/2)
	acc := make([]float64, nc)
	touched := make([]int32, 0, 64)
	for c := range nc {
		touched = touched[:0]
		var diag, k float64
		for _, u := range members[start[c]:start[c+1]] {
			diag += lv.diag[u]
			k += lv.k[u]
			lo, hi := lv.off[u], lv.off[u+1]
			for i := lo; i < hi; i++ {
				d := comm[lv.nbr[i]]
				if d == int32(c) {
					diag += lv.w[i]
					continue
				}
				if acc[d] == 0 {
					touched = append(touched, d)
				}
				acc[d] += lv.w[i]
			}
		}
		slices.Sort(touched)
		for _, d := range touched {
			out.nbr = append(out.nbr, d)
			out.w = append(out.w, acc[d])
			acc[d] = 0
		}
		out.off[c+1] = len(out.nbr)
		out.diag[c] = diag
		out.k[c] = k
	}
	return out
}

// renumber maps the ids in comm (non-negative) onto 0..k-1 in order of first appearance and
// returns k.
func renumber(comm []int32) int {
	var hi int32 = -1
	for _, c := range comm {
		hi = max(hi, c)
	}
	id := make([]int32, hi+1)
	for i := range id {
		id[i] = -1
	}
	k := int32(0)
	for i, c := range comm {
		if id[c] < 0 {
			id[c] = k
			k++
		}
		comm[i] = id[c]
	}
	return int(k)
}

// canonical renumbers comm by decreasing community size, ties by smallest member, and returns
// the number of communities.
func canonical(comm []int32) int {
	nc := renumber(comm) // first appearance = smallest member
	size := make([]int, nc)
	for _, c := range comm {
		size[c]++
	}
	order := make([]int32, nc)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(size[b], size[a]) })
	rank := make([]int32, nc)
	for r, c := range order {
		rank[c] = int32(r)
	}
	for i, c := range comm {
		comm[i] = rank[c]
	}
	return nc
}
