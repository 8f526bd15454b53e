package export

import (
	"bufio"
	"encoding/csv"
	"io"

	"fimi/internal/coord"
)

// WriteEdgesCSV writes the kept edges as CSV with a header: a, b (the actors), network_a,
// network_b, then the edge attributes (kind, weight, pairs, posts_a, posts_b, keys, first,
// last, mean_gap_s, key_sample, evidence). Self-loops have a == b.
func WriteEdgesCSV(w io.Writer, r *coord.Result) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	head := []string{"a", "b", "network_a", "network_b"}
	for _, a := range edgeAttrs {
		head = append(head, a.name)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	ns, idx := nodes(r)
	row := make([]string, len(head))
	for i := range r.Edges {
		e := &r.Edges[i]
		row[0], row[1], row[2], row[3] = e.A, e.B, "", ""
		if a, b, ok := endpoints(idx, e); ok {
			row[2], row[3] = ns[a].networkID, ns[b].networkID
		}
		for j, a := range edgeAttrs {
			row[4+j] = a.get(e)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteActorsCSV writes the actors as CSV with a header: name, then the node attributes.
func WriteActorsCSV(w io.Writer, r *coord.Result) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	head := []string{"name"}
	for _, a := range nodeAttrs {
		head = append(head, a.name)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	ns, _ := nodes(r)
	row := make([]string, len(head))
	for i := range ns {
		row[0] = ns[i].Name
		for j, a := range nodeAttrs {
			row[1+j] = a.get(&ns[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
