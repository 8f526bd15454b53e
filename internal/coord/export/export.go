// Package export writes coordination networks (coord.Result) for other tools: GraphML (yEd,
// Cytoscape, networkx, igraph), GEXF 1.3 (Gephi), CSV edge and actor lists, and JSON.
//
// Every format carries the same node attributes (network, community, component, posts,
// coordinated posts, degree, strength, score, burstiness, PageRank, self-loop weight) and edge attributes
// (kind, weight, pairs, posts per side, distinct keys, first and last match, mean gap, up to
// three of the keys, evidence). Parallel edges of different kinds between two actors are kept as separate edges
// (GEXF marks them with its edge kind). Writers stream to the io.Writer and return its first
// error; they hold no state and are safe for concurrent use on different writers.
package export

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"fimi/internal/coord"
)

// Formats lists the format names Write accepts.
var Formats = []string{"graphml", "gexf", "csv", "actors-csv", "json"}

// ErrFormat is returned (wrapped) for an unknown format name.
var ErrFormat = fmt.Errorf("unknown export format")

// Write writes r in the named format (see Formats).
func Write(w io.Writer, format string, r *coord.Result) error {
	switch strings.ToLower(format) {
	case "graphml":
		return WriteGraphML(w, r)
	case "gexf":
		return WriteGEXF(w, r)
	case "csv", "edges-csv":
		return WriteEdgesCSV(w, r)
	case "actors-csv":
		return WriteActorsCSV(w, r)
	case "json":
		return WriteJSON(w, r)
	}
	return fmt.Errorf("%w %q (want one of %s)", ErrFormat, format, strings.Join(Formats, ", "))
}

// FormatForFile returns the format for a file name by its extension (".graphml", ".gexf",
// ".csv", ".json"), or "".
func FormatForFile(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return ""
	}
	switch strings.ToLower(name[i+1:]) {
	case "graphml":
		return "graphml"
	case "gexf":
		return "gexf"
	case "csv":
		return "csv"
	case "json":
		return "json"
	}
	return ""
}

// WriteJSON writes r as one indented JSON document.
func WriteJSON(w io.Writer, r *coord.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// attr is one exported attribute: a name, an XML Schema-ish type and how to read it.
type attr[T any] struct {
	name string
	typ  string // "string", "int", "double"
	get  func(*T) string
}

func fInt(i int) string       { return strconv.Itoa(i) }
func fFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
func fTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// node is an actor with its network id resolved.
type node struct {
	coord.Actor
	networkID string
}

var nodeAttrs = []attr[node]{
	{"network", "string", func(n *node) string { return n.networkID }},
	{"community", "int", func(n *node) string { return fInt(n.Community) }},
	{"component", "int", func(n *node) string { return fInt(n.Component) }},
	{"posts", "int", func(n *node) string { return fInt(n.Posts) }},
	{"co_posts", "int", func(n *node) string { return fInt(n.CoPosts) }},
	{"degree", "int", func(n *node) string { return fInt(n.Degree) }},
	{"strength", "double", func(n *node) string { return fFloat(n.Strength) }},
	{"score", "double", func(n *node) string { return fFloat(n.Score) }},
	{"burstiness", "double", func(n *node) string { return fFloat(n.Burstiness) }},
	{"pagerank", "double", func(n *node) string { return fFloat(n.PageRank) }},
	{"self_loop", "double", func(n *node) string { return fFloat(n.SelfLoop) }},
}

var edgeAttrs = []attr[coord.Edge]{
	{"kind", "string", func(e *coord.Edge) string { return e.Kind.String() }},
	{"weight", "double", func(e *coord.Edge) string { return fFloat(e.Weight) }},
	{"pairs", "int", func(e *coord.Edge) string { return fInt(e.Pairs) }},
	{"posts_a", "int", func(e *coord.Edge) string { return fInt(e.PostsA) }},
	{"posts_b", "int", func(e *coord.Edge) string { return fInt(e.PostsB) }},
	{"keys", "int", func(e *coord.Edge) string { return fInt(e.Keys) }},
	{"first", "string", func(e *coord.Edge) string { return fTime(e.First) }},
	{"last", "string", func(e *coord.Edge) string { return fTime(e.Last) }},
	{"mean_gap_s", "double", func(e *coord.Edge) string { return fFloat(e.MeanGapSeconds) }},
	{"key_sample", "string", func(e *coord.Edge) string { return strings.Join(e.KeySample, " ") }},
	{"evidence", "string", func(e *coord.Edge) string { return evidence(e) }},
}

// evidence renders the evidence pairs as "itemA itemB gap_s key" separated by "; ".
func evidence(e *coord.Edge) string {
	var b strings.Builder
	for i, p := range e.Evidence {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %s %ss %s", p.ItemA, p.ItemB, fFloat(p.GapSeconds), p.Key)
	}
	return b.String()
}

// nodes returns the actors with network ids and a name -> index map.
func nodes(r *coord.Result) ([]node, map[string]int) {
	ns := make([]node, len(r.Actors))
	idx := make(map[string]int, len(r.Actors))
	for i, a := range r.Actors {
		ns[i] = node{Actor: a}
		if a.Network >= 0 && a.Network < len(r.Networks) {
			ns[i].networkID = r.Networks[a.Network].ID
		}
		idx[a.Name] = i
	}
	return ns, idx
}

// endpoints returns the node indices of an edge, or false when an endpoint is not an actor of r
// (a Result built by coord always has both).
func endpoints(idx map[string]int, e *coord.Edge) (int, int, bool) {
	a, ok1 := idx[e.A]
	b, ok2 := idx[e.B]
	return a, b, ok1 && ok2
}
