package coord

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"fimi/internal/graph"
)

// Result is a coordination network: the edges that reached the minimum weight, the actors they
// join, and the communities (networks) among them. It does not share memory with the Builder
// that made it, except for immutable strings.
type Result struct {
	Options  Options   `json:"options"`
	Stats    Stats     `json:"stats"`
	Actors   []Actor   `json:"actors"`   // actors with at least one kept edge, by score
	Edges    []Edge    `json:"edges"`    // kept edges, by kind, weight and names
	Networks []Network `json:"networks"` // communities of at least MinMembers actors, by size
	// Modularity is the modularity of the community partition of the combined graph.
	Modularity float64 `json:"modularity"`
}

// Pair is one piece of evidence: two posts doing the same thing within the window.
type Pair struct {
	Kind       Kind      `json:"kind"`
	Key        string    `json:"key"`    // the URL, shared item, text key or hashtag set
	ItemA      string    `json:"item_a"` // post of the edge's actor A (the earlier post for a self-loop)
	ItemB      string    `json:"item_b"`
	TimeA      time.Time `json:"time_a"`
	TimeB      time.Time `json:"time_b"`
	GapSeconds float64   `json:"gap_s"` // |TimeB − TimeA|
}

// KeyCount is a shared key with a count (the members who matched on it).
type KeyCount struct {
	Key string `json:"key"`
	N   uint32 `json:"n"`
}

// Edge joins two actors that did the same thing within the window, for one kind. A self-loop
// has A == B.
type Edge struct {
	Kind   Kind    `json:"kind"`
	A      string  `json:"a"` // A < B
	B      string  `json:"b"`
	Weight float64 `json:"weight"` // by Options.Weight
	// Pairs is the number of matching post pairs (CooRTweet's weight).
	Pairs int `json:"pairs"`
	// PostsA is the number of distinct posts of A with a matching post of B within the window
	// (the QUT toolkit's weight of the directed edge A→B); PostsB the other way.
	PostsA         int       `json:"posts_a"`
	PostsB         int       `json:"posts_b"`
	First          time.Time `json:"first"` // earliest post of a matching pair
	Last           time.Time `json:"last"`  // latest post of a matching pair
	MeanGapSeconds float64   `json:"mean_gap_s"`
	// Keys is the number of distinct keys (links, shared items, texts) the pair matched on;
	// KeySample lists up to three of them, the first key first.
	Keys      int      `json:"keys"`
	KeySample []string `json:"key_sample,omitempty"`
	Evidence  []Pair   `json:"evidence,omitempty"` // the pairs closest in time
}

// Actor is an account or outlet with at least one kept edge.
type Actor struct {
	Name  string `json:"name"`
	Posts int    `json:"posts"` // posts seen (after Since)
	// CoPosts is the number of its posts with a matching post of another actor in any kind,
	// whether or not that edge reached the minimum weight.
	CoPosts    int     `json:"co_posts"`
	Degree     int     `json:"degree"`   // actors it has kept edges with
	Strength   float64 `json:"strength"` // sum of the weights of its kept edges to others
	SelfLoop   float64 `json:"self_loop,omitempty"`
	Burstiness float64 `json:"burstiness"` // Goh–Barabási burstiness of its posting gaps
	// Score is the coordination score in [0, 1): CoPosts/Posts × Strength/(Strength+MinWeight),
	// high when most of its posts are matched and its matches repeat.
	Score float64 `json:"score"`
	// PageRank is the actor's weighted PageRank in the kept graph (sums to 1 over actors):
	// central actors of large, dense networks rank high.
	PageRank  float64 `json:"pagerank"`
	Network   int     `json:"network"`   // index into Result.Networks, or -1
	Component int     `json:"component"` // connected component of the kept graph
	Community int     `json:"community"` // community of the kept graph (networks are the large ones)
}

// Network is a community of coordinated actors.
type Network struct {
	ID      string   `json:"id"`      // "n1", "n2", ... by decreasing size
	Members []string `json:"members"` // by decreasing score
	// Edges is the number of actor pairs inside with a kept edge of any kind; Density divides
	// it by the number of possible pairs.
	Edges   int            `json:"edges"`
	Density float64        `json:"density"`
	Weight  float64        `json:"weight"` // total weight of the edges inside
	Kinds   map[string]int `json:"kinds"`  // edges inside per kind
	// Posts is the members' posts; CoPosts those matched with another actor's post
	// (coordinated posts); CoShare their ratio.
	Posts      int     `json:"posts"`
	CoPosts    int     `json:"co_posts"`
	CoShare    float64 `json:"co_share"`
	Burstiness float64 `json:"burstiness"` // mean of the members' burstiness
	Score      float64 `json:"score"`      // mean of the members' scores
	// Events is the number of keys (links, shared items, texts) on which at least EventShare of
	// the members (and at least two) matched each other within the window: the group acting
	// together, counted over all matches between members, not only kept edges. Keys is the
	// number of keys on which at least two members matched.
	Events int `json:"events"`
	Keys   int `json:"keys"`
	// First and Last bound the matching posts inside the network; SpanSeconds is their distance.
	First       time.Time `json:"first"`
	Last        time.Time `json:"last"`
	SpanSeconds float64   `json:"span_s"`
	// TopKeys are the most shared keys per kind ("co-link": the top links, "co-share": the
	// top shared items, "co-text": the top texts), with the number of members who matched each
	// other on it, most first.
	TopKeys   map[string][]KeyCount `json:"top_keys"`
	Component int                   `json:"component"`
}

// KindStats counts what one kind saw.
type KindStats struct {
	Kind          Kind    `json:"kind"`
	WindowSeconds float64 `json:"window_s"`
	Posts         int64   `json:"posts"`     // posts with at least one key
	Pairs         int64   `json:"pairs"`     // matching post pairs
	Capped        int64   `json:"capped"`    // posts dropped from a hot key's window by MaxKeyPosts
	LiveKeys      int     `json:"live_keys"` // keys held at the time of the result
	Edges         int     `json:"edges"`     // pairs of actors that co-occurred
	Kept          int     `json:"kept"`      // edges kept (weight >= MinWeight)
	Forgotten     int64   `json:"forgotten"` // weak edges dropped by Forget
}

// Stats counts what the builder saw.
type Stats struct {
	Posts     int64       `json:"posts"`      // posts added
	Skipped   int64       `json:"skipped"`    // without a time, before Since or without an actor
	Actors    int         `json:"actors"`     // distinct actors
	LivePosts int         `json:"live_posts"` // posts held inside the window
	Kinds     []KindStats `json:"kinds"`
	Watermark time.Time   `json:"watermark"` // newest post time
}

// Result computes the network from the posts added so far. It may be called repeatedly; the
// builder keeps accepting newer posts afterwards. It costs O(edges) plus community detection
// on the kept graph.
func (b *Builder) Result() *Result {
	opt := b.opt
	r := &Result{Options: opt}
	r.Stats = b.stats
	r.Stats.Actors = len(b.actors)
	r.Stats.LivePosts = b.ring.live
	r.Stats.Watermark = b.Watermark()
	minW := float64(opt.MinWeight)

	// Kept edges and the nodes they touch.
	node := map[int32]int32{}
	var nodes []int32
	nodeOf := func(a int32) int32 {
		if id, ok := node[a]; ok {
			return id
		}
		id := int32(len(nodes))
		node[a] = id
		nodes = append(nodes, a)
		return id
	}
	type kept struct {
		ks *kindState
		e  *edgeAcc
		w  float64
	}
	var keep []kept
	for _, ks := range b.kinds {
		st := ks.stats
		st.LiveKeys = len(ks.buckets)
		st.Edges = ks.edges.len()
		for _, i := range ks.edges.index {
			e := ks.edges.get(i)
			w := b.weight(e)
			if w < minW || (e.lo == e.hi && !opt.SelfLoops) {
				continue
			}
			keep = append(keep, kept{ks, e, w})
			st.Kept++
		}
		r.Stats.Kinds = append(r.Stats.Kinds, st)
	}
	// Deterministic node numbering: by kind, then by actor ids.
	slices.SortFunc(keep, func(x, y kept) int {
		if c := cmp.Compare(x.ks.kind, y.ks.kind); c != 0 {
			return c
		}
		if c := cmp.Compare(x.e.lo, y.e.lo); c != 0 {
			return c
		}
		return cmp.Compare(x.e.hi, y.e.hi)
	})
	for _, k := range keep {
		nodeOf(k.e.lo)
		nodeOf(k.e.hi)
	}
	gb := graph.NewBuilder(len(nodes), len(keep))
	for _, k := range keep {
		gb.AddEdge(int(node[k.e.lo]), int(node[k.e.hi]), k.w)
	}
	g := gb.Build()
	comp, _ := graph.Components(g)
	// Communities are found in the k-core of the kept graph (Options.Core); nodes outside it
	// get community -1.
	inCore := make([]bool, g.Nodes())
	core := graph.CoreNumbers(g)
	for u := range inCore {
		inCore[u] = opt.Core <= 1 || core[u] >= int32(opt.Core)
	}
	sub, orig := graph.Subgraph(g, inCore)
	subPart := graph.Communities(sub, graph.CommunityOptions{Resolution: opt.Resolution, Seed: opt.Seed, Refine: !opt.Louvain})
	r.Modularity = subPart.Modularity
	part := graph.Partition{Community: make([]int32, g.Nodes()), Count: subPart.Count}
	for u := range part.Community {
		part.Community[u] = -1
	}
	for i, u := range orig {
		part.Community[u] = subPart.Community[i]
	}

	// Actors.
	pr := graph.PageRank(g, 0, 0, 0)
	r.Actors = make([]Actor, len(nodes))
	for i, a := range nodes {
		s := &b.actors[a]
		str := g.Strength(i) - 2*g.Loop(i)
		score := 0.0
		if s.posts > 0 {
			score = float64(s.coPosts) / float64(s.posts) * str / (str + minW)
		}
		r.Actors[i] = Actor{Name: s.name, Posts: int(s.posts), CoPosts: int(s.coPosts), Degree: g.Degree(i), Strength: str,
			SelfLoop: g.Loop(i), Burstiness: s.burstiness(), Score: score, PageRank: pr[i], Network: -1, Component: int(comp[i]),
			Community: int(part.Community[i])}
	}

	// Edges.
	r.Edges = make([]Edge, 0, len(keep))
	for _, k := range keep {
		e := k.e
		ed := Edge{Kind: k.ks.kind, A: b.actors[e.lo].name, B: b.actors[e.hi].name, Weight: k.w, Pairs: int(e.pairs),
			PostsA: int(e.postsLo), PostsB: int(e.postsHi), First: time.Unix(0, e.first).UTC(), Last: time.Unix(0, e.last).UTC()}
		if e.lo == e.hi {
			ed.PostsB = ed.PostsA
		}
		if e.pairs > 0 {
			ed.MeanGapSeconds = e.gapSum / float64(e.pairs)
		}
		ed.Keys = int(e.nkeys)
		for _, kh := range k.ks.edges.keys(e) {
			if len(ed.KeySample) == 3 {
				break
			}
			if ref := b.keyRef[kh]; ref > 0 {
				ed.KeySample = append(ed.KeySample, b.strs[ref-1])
			}
		}
		for _, p := range k.ks.edges.evidence(e) {
			ed.Evidence = append(ed.Evidence, Pair{Kind: k.ks.kind, Key: b.strs[p.key-1], ItemA: b.strs[p.a-1], ItemB: b.strs[p.b-1],
				TimeA: time.Unix(0, p.ta).UTC(), TimeB: time.Unix(0, p.tb).UTC(), GapSeconds: float64(p.gap()) / 1e9})
		}
		if ed.A > ed.B {
			ed.A, ed.B, ed.PostsA, ed.PostsB = ed.B, ed.A, ed.PostsB, ed.PostsA
			for i := range ed.Evidence {
				p := &ed.Evidence[i]
				p.ItemA, p.ItemB, p.TimeA, p.TimeB = p.ItemB, p.ItemA, p.TimeB, p.TimeA
			}
		}
		r.Edges = append(r.Edges, ed)
	}
	slices.SortFunc(r.Edges, func(x, y Edge) int {
		if c := cmp.Compare(x.Kind, y.Kind); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Weight, x.Weight); c != 0 {
			return c
		}
		if c := strings.Compare(x.A, y.A); c != 0 {
			return c
		}
		return strings.Compare(x.B, y.B)
	})

	// Networks: communities with at least MinMembers actors (communities are numbered by size).
	members := make([][]int32, subPart.Count)
	for i, c := range subPart.Community {
		members[c] = append(members[c], orig[i])
	}
	netOf := make([]int, part.Count)
	for c := range netOf {
		netOf[c] = -1
	}
	for c, ms := range members {
		if len(ms) < opt.MinMembers {
			continue
		}
		netOf[c] = len(r.Networks)
		n := Network{ID: "n" + itoa(len(r.Networks)+1), Kinds: map[string]int{}, TopKeys: map[string][]KeyCount{}, Component: int(comp[ms[0]])}
		byScore := slices.Clone(ms)
		slices.SortFunc(byScore, func(x, y int32) int {
			if c := cmp.Compare(r.Actors[y].Score, r.Actors[x].Score); c != 0 {
				return c
			}
			return strings.Compare(r.Actors[x].Name, r.Actors[y].Name)
		})
		for _, u := range byScore {
			a := &r.Actors[u]
			a.Network = netOf[c]
			n.Members = append(n.Members, a.Name)
			n.Posts += a.Posts
			n.CoPosts += a.CoPosts
			n.Burstiness += a.Burstiness / float64(len(ms))
			n.Score += a.Score / float64(len(ms))
		}
		if n.Posts > 0 {
			n.CoShare = float64(n.CoPosts) / float64(n.Posts)
		}
		for _, u := range ms {
			row, ws := g.Neighbors(int(u))
			for i, v := range row {
				if v > u && part.Community[v] == int32(c) {
					n.Edges++
					n.Weight += ws[i]
				}
			}
			n.Weight += g.Loop(int(u))
		}
		if k := len(ms); k > 1 {
			n.Density = float64(n.Edges) / float64(k*(k-1)/2)
		}
		r.Networks = append(r.Networks, n)
	}
	// Per-network kinds and time span from the kept edges inside.
	for _, k := range keep {
		u, v := node[k.e.lo], node[k.e.hi]
		c := part.Community[u]
		if c < 0 || part.Community[v] != c || netOf[c] < 0 {
			continue
		}
		ni := netOf[c]
		n := &r.Networks[ni]
		if u != v {
			n.Kinds[k.ks.kind.String()]++
		}
		first, last := time.Unix(0, k.e.first).UTC(), time.Unix(0, k.e.last).UTC()
		if n.First.IsZero() || first.Before(n.First) {
			n.First = first
		}
		if last.After(n.Last) {
			n.Last = last
		}
	}
	b.events(r, node, part.Community, netOf)
	for ni := range r.Networks {
		n := &r.Networks[ni]
		n.SpanSeconds = n.Last.Sub(n.First).Seconds()
	}
	slices.SortFunc(r.Actors, func(x, y Actor) int {
		if c := cmp.Compare(y.Score, x.Score); c != 0 {
			return c
		}
		return strings.Compare(x.Name, y.Name)
	})
	return r
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

// events counts, per network, the keys its members matched each other on, over every edge
// accumulated (weak ones too); the keys where at least EventShare of the members took part
// (Events); and the top keys per kind by the number of members.
func (b *Builder) events(r *Result, node map[int32]int32, comm []int32, netOf []int) {
	if len(r.Networks) == 0 {
		return
	}
	netOfActor := func(a int32) int {
		u, ok := node[a]
		if !ok || comm[u] < 0 {
			return -1
		}
		return netOf[comm[u]]
	}
	type kindKey struct {
		kind Kind
		kh   uint64
	}
	parts := make([]map[kindKey][]int32, len(r.Networks))
	for _, ks := range b.kinds {
		for _, i := range ks.edges.index {
			e := ks.edges.get(i)
			if e.lo == e.hi {
				continue
			}
			ni := netOfActor(e.lo)
			if ni < 0 || ni != netOfActor(e.hi) {
				continue
			}
			if parts[ni] == nil {
				parts[ni] = map[kindKey][]int32{}
			}
			for _, kh := range ks.edges.keys(e) {
				kk := kindKey{ks.kind, kh}
				parts[ni][kk] = append(parts[ni][kk], e.lo, e.hi)
			}
		}
	}
	for ni := range r.Networks {
		n := &r.Networks[ni]
		need := max(2, int(math.Ceil(b.opt.EventShare*float64(len(n.Members)))))
		tops := map[Kind][]KeyCount{}
		for kk, ms := range parts[ni] {
			slices.Sort(ms)
			k := len(slices.Compact(ms))
			n.Keys++
			if k >= need {
				n.Events++
			}
			if ref := b.keyRef[kk.kh]; ref > 0 {
				tops[kk.kind] = append(tops[kk.kind], KeyCount{Key: b.strs[ref-1], N: uint32(k)})
			}
		}
		for kind, list := range tops {
			slices.SortFunc(list, func(x, y KeyCount) int {
				if c := cmp.Compare(y.N, x.N); c != 0 {
					return c
				}
				return strings.Compare(x.Key, y.Key)
			})
			n.TopKeys[kind.String()] = list[:min(len(list), b.opt.TopKeys)]
		}
	}
}

// Evidence returns up to n evidence pairs of actor's kept edges, the closest in time first:
// the posts behind its score.
func (r *Result) Evidence(actor string, n int) []Pair {
	var out []Pair
	for _, e := range r.Edges {
		if e.A == actor || e.B == actor {
			out = append(out, e.Evidence...)
		}
	}
	slices.SortStableFunc(out, func(x, y Pair) int {
		if c := cmp.Compare(x.GapSeconds, y.GapSeconds); c != 0 {
			return c
		}
		return x.TimeA.Compare(y.TimeA)
	})
	return out[:min(n, len(out))]
}
