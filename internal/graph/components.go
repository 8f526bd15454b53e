package graph

// Components labels the connected components of g: comp[u] is the component of u, numbered
// 0..count-1 by decreasing size, ties by the smallest node id. Isolated nodes are components of
// their own.
func Components(g *Graph) (comp []int32, count int) {
	n := g.Nodes()
	comp = make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	stack := make([]int32, 0, 64)
	next := int32(0)
	for s := range n {
		if comp[s] >= 0 {
			continue
		}
		comp[s] = next
		stack = append(stack[:0], int32(s))
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			row, _ := g.Neighbors(int(u))
			for _, v := range row {
				if comp[v] < 0 {
					comp[v] = next
					stack = append(stack, v)
				}
			}
		}
		next++
	}
	return comp, canonical(comp)
}
