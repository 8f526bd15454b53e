package coord

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// ErrOutOfOrder is returned (wrapped in an *OrderError) when a post is older than the post
// before it.
var ErrOutOfOrder = errors.New("post out of time order")

// OrderError reports a post older than the newest post already added.
type OrderError struct {
	Item      string
	Time      time.Time
	Watermark time.Time // time of the newest post added so far
}

func (e *OrderError) Error() string {
	return fmt.Sprintf("coord: item %q at %s is older than %s: %v", e.Item, e.Time.UTC().Format(time.RFC3339Nano),
		e.Watermark.UTC().Format(time.RFC3339Nano), ErrOutOfOrder)
}

func (e *OrderError) Unwrap() error { return ErrOutOfOrder }

// Builder detects coordination incrementally: Add posts in time order, call Result whenever a
// network is wanted, and keep adding newer posts afterwards; nothing is recomputed from scratch.
//
// State kept, and its bound:
//   - per kind and key (URL, shared item, text key, hashtag set, replied item), the posts
//     inside the kind's window: at most MaxKeyPosts per key, and only keys with a post inside
//     the window (stale keys are swept in amortised O(1) per post);
//   - the posts inside the largest window (item id, actor, time, the partners already counted),
//     in chunks of 1,024 dropped as a whole once past the window;
//   - one record per actor (about 100 bytes) and the hashtag document frequencies: these grow
//     with the number of distinct actors and hashtags;
//   - one accumulator per pair of actors that ever co-occurred, per kind: about 120 bytes, plus
//     8 per further distinct key and 32 per further evidence pair once the pair repeats; and the
//     key and item id strings quoted by evidence (one reference each). This grows with the
//     number of distinct co-occurring pairs. Forget bounds it on unbounded streams by dropping
//     weak edges not seen for a while (the string table is not compacted).
//
// Nothing else of a post is kept, so memory does not grow with the number of posts beyond
// these tables. A Builder is not safe for concurrent use.
type Builder struct {
	opt    Options
	kinds  []*kindState
	maxWin int64
	names  map[string]int32
	actors []actorState
	ring   postRing
	strs   []string          // keys and item ids referenced by edges (1-based refs)
	keyRef map[uint64]uint32 // key hash -> its string in strs
	keyer
	last   int64 // newest post time (Unix ns)
	any    bool
	stats  Stats
	forget int64 // next Forget sweep time

	keys    []string
	matches []match
}

// actorState is what the builder keeps per actor.
type actorState struct {
	name    string
	posts   int32
	coPosts int32 // posts with a partner post of another actor
	lastT   int64
	gaps    int32   // inter-post gaps seen
	mean    float64 // Welford mean of the gaps (seconds)
	m2      float64 // Welford sum of squared deviations
}

// postRec is a post inside the window.
type postRec struct {
	item    string
	t       int64
	actor   int32
	co      bool
	itemRef uint32   // index+1 into Builder.strs once quoted
	credit  []uint32 // actor<<3 | kind: partners this post was already counted for
}

func (r *postRec) credited(actor int32, k Kind) bool {
	return slices.Contains(r.credit, uint32(actor)<<3|uint32(k))
}

// kindState holds the windows and edges of one kind.
type kindState struct {
	kind       Kind
	win        int64
	buckets    map[string]*bucket
	peak       int
	sinceSweep int
	edges      edgeStore
	stats      KindStats
}

// bucket holds the recent posts of one key, oldest first.
type bucket struct {
	e      []entry
	last   int64
	keyRef uint32 // index+1 into Builder.strs once quoted
}

type entry struct {
	ord   uint64
	t     int64
	actor int32
}

type match struct {
	ord   uint64
	t     int64
	actor int32
	key   string
	kh    uint64 // hash of key
	bk    *bucket
}

// NewBuilder returns a builder for opt.
func NewBuilder(opt Options) (*Builder, error) {
	opt, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	b := &Builder{opt: opt, names: map[string]int32{}, keyRef: map[uint64]uint32{}, keyer: newKeyer(opt)}
	for _, k := range opt.Kinds {
		w := int64(opt.WindowOf(k))
		b.kinds = append(b.kinds, &kindState{kind: k, win: w, buckets: map[string]*bucket{}, edges: newEdgeStore(),
			stats: KindStats{Kind: k, WindowSeconds: time.Duration(w).Seconds()}})
		b.maxWin = max(b.maxWin, w)
	}
	return b, nil
}

// Build runs a Builder over the posts next returns (in time order) and returns the result.
func Build(opt Options, next func() (Post, bool)) (*Result, error) {
	b, err := NewBuilder(opt)
	if err != nil {
		return nil, err
	}
	for {
		p, ok := next()
		if !ok {
			break
		}
		if err := b.Add(p); err != nil {
			return nil, err
		}
	}
	return b.Result(), nil
}

// Options returns the resolved options.
func (b *Builder) Options() Options { return b.opt }

// Watermark returns the time of the newest post added, or the zero time.
func (b *Builder) Watermark() time.Time {
	if !b.any {
		return time.Time{}
	}
	return time.Unix(0, b.last).UTC()
}

// Add adds the next post. Posts must come in non-decreasing time: an older post is refused with
// an *OrderError and leaves the builder unchanged. Posts without a time, before Options.Since
// or without an actor are counted and skipped.
func (b *Builder) Add(p Post) error {
	if p.Time.IsZero() {
		b.stats.Posts++
		b.stats.Skipped++
		return nil
	}
	t := p.Time.UnixNano()
	if b.any && t < b.last {
		return &OrderError{Item: p.Item, Time: p.Time, Watermark: b.Watermark()}
	}
	b.any, b.last = true, t
	b.stats.Posts++
	if !b.opt.Since.IsZero() && p.Time.Before(b.opt.Since) {
		b.stats.Skipped++
		return nil
	}
	name := p.Account
	if b.opt.By == ByOutlet {
		name = p.Outlet
	}
	if name == "" {
		b.stats.Skipped++
		return nil
	}
	a := b.actor(name, t)
	if b.hasKind(CoHashtag) {
		b.tags.count(p.Hashtags)
	}
	ord := b.ring.add(postRec{item: p.Item, t: t, actor: a})
	b.ring.evict(t - b.maxWin)
	for _, ks := range b.kinds {
		b.keys = b.appendKeys(b.keys[:0], ks.kind, &p)
		if len(b.keys) == 0 {
			continue
		}
		ks.stats.Posts++
		b.matches = b.matches[:0]
		for _, key := range b.keys {
			b.matches = ks.collect(b.matches, key, ord, a, t, b.opt.MaxKeyPosts)
		}
		if len(b.matches) > 0 {
			b.pair(ks, ord, a, t)
		}
		ks.sinceSweep++
		if ks.sinceSweep > len(ks.buckets)/2+4096 {
			ks.sweep(t)
		}
	}
	if b.opt.Forget > 0 && t >= b.forget {
		b.forgetEdges(t)
	}
	return nil
}

func (b *Builder) hasKind(k Kind) bool {
	for _, ks := range b.kinds {
		if ks.kind == k {
			return true
		}
	}
	return false
}

// actor interns an actor and updates its activity.
func (b *Builder) actor(name string, t int64) int32 {
	id, ok := b.names[name]
	if !ok {
		id = int32(len(b.actors))
		b.names[name] = id
		b.actors = append(b.actors, actorState{name: name, lastT: t})
	}
	s := &b.actors[id]
	if s.posts > 0 {
		gap := float64(t-s.lastT) / 1e9
		s.gaps++
		d := gap - s.mean
		s.mean += d / float64(s.gaps)
		s.m2 += d * (gap - s.mean)
	}
	s.posts++
	s.lastT = t
	return id
}

// collect drops the posts of key that left the window, appends the remaining ones to ms, and
// adds the new post to the key.
func (ks *kindState) collect(ms []match, key string, ord uint64, a int32, t int64, maxPosts int) []match {
	bk := ks.buckets[key]
	if bk == nil {
		bk = &bucket{}
		ks.buckets[key] = bk
		ks.peak = max(ks.peak, len(ks.buckets))
	}
	lo := t - ks.win
	i := 0
	for i < len(bk.e) && bk.e[i].t < lo {
		i++
	}
	bk.e = bk.e[i:]
	if len(bk.e) > 0 {
		kh := hashKey(key)
		for _, e := range bk.e {
			ms = append(ms, match{ord: e.ord, t: e.t, actor: e.actor, key: key, kh: kh, bk: bk})
		}
	}
	if maxPosts > 0 && len(bk.e) >= maxPosts {
		bk.e = bk.e[len(bk.e)-maxPosts+1:]
		ks.stats.Capped++
	}
	if len(bk.e) == cap(bk.e) && len(bk.e) > 0 {
		// Reallocate rather than grow a slice whose front was dropped.
		bk.e = append(make([]entry, 0, 2*len(bk.e)), bk.e...)
	}
	bk.e = append(bk.e, entry{ord: ord, t: t, actor: a})
	bk.last = t
	return ms
}

// sweep removes keys without a post inside the window.
func (ks *kindState) sweep(t int64) {
	lo := t - ks.win
	for key, bk := range ks.buckets {
		if bk.last < lo {
			delete(ks.buckets, key)
		}
	}
	ks.sinceSweep = 0
	if ks.peak > 1<<16 && len(ks.buckets) < ks.peak/4 {
		// Go maps do not shrink: copy the survivors into a fresh one.
		m := make(map[string]*bucket, len(ks.buckets))
		for k, v := range ks.buckets {
			m[k] = v
		}
		ks.buckets = m
		ks.peak = len(m)
	}
}

// pair records the matches of the new post (ord, actor a, time t) against the posts in
// b.matches.
func (b *Builder) pair(ks *kindState, ord uint64, a int32, t int64) {
	ms := b.matches
	// Group by partner actor; a partner post matched through several keys counts once.
	slices.SortStableFunc(ms, func(x, y match) int {
		if c := cmp.Compare(x.actor, y.actor); c != 0 {
			return c
		}
		return cmp.Compare(x.ord, y.ord)
	})
	ms = slices.CompactFunc(ms, func(x, y match) bool { return x.ord == y.ord })
	rp := b.ring.get(ord)
	k := ks.kind
	for i := 0; i < len(ms); {
		j := i + 1
		for j < len(ms) && ms[j].actor == ms[i].actor {
			j++
		}
		group := ms[i:j]
		i = j
		o := group[0].actor
		e := ks.edges.edge(o, a)
		fresh := e.pairs == 0
		e.pairs += uint32(len(group))
		// The new post counts once towards its partner o; each partner post counts once
		// towards a (QUT: count(distinct message_id) per direction). A self-loop has one side.
		newSide, oldSide := &e.postsLo, &e.postsLo
		if a != e.lo {
			newSide = &e.postsHi
		}
		if o != e.lo {
			oldSide = &e.postsHi
		}
		rp.credit = append(rp.credit, uint32(o)<<3|uint32(k))
		*newSide++
		if fresh || group[0].t < e.first {
			e.first = group[0].t
		}
		e.last = t
		for _, m := range group {
			mp := b.ring.get(m.ord)
			if mp != nil && !mp.credited(a, k) {
				mp.credit = append(mp.credit, uint32(a)<<3|uint32(k))
				*oldSide++
			}
			gap := t - m.t
			e.gapSum += float64(gap) / 1e9
			keyRef := m.bk.keyRef
			if keyRef == 0 {
				keyRef = b.ref(&m.bk.keyRef, m.key)
				b.keyRef[m.kh] = keyRef
			}
			ks.edges.countKey(e, m.kh)
			if b.opt.Evidence > 0 && mp != nil {
				// a is the lo actor's post (the earlier one for a self-loop).
				ev := evRef{key: keyRef, a: b.ref(&mp.itemRef, mp.item), b: b.ref(&rp.itemRef, rp.item), ta: m.t, tb: t}
				if o != a && o != e.lo {
					ev.a, ev.b, ev.ta, ev.tb = ev.b, ev.a, ev.tb, ev.ta
				}
				ks.edges.addEvidence(e, b.opt.Evidence, ev)
			}
			if o != a && mp != nil && !mp.co {
				mp.co = true
				b.actors[o].coPosts++
			}
		}
		ks.stats.Pairs += int64(len(group))
		if o != a && !rp.co {
			rp.co = true
			b.actors[a].coPosts++
		}
	}
}

// ref returns the reference of a string quoted by an edge, adding it to the string table the
// first time (*slot caches it).
func (b *Builder) ref(slot *uint32, s string) uint32 {
	if *slot == 0 {
		b.strs = append(b.strs, s)
		*slot = uint32(len(b.strs))
	}
	return *slot
}

// hashKey is FNV-1a, 64 bits.
func hashKey(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// forgetEdges drops weak edges not seen within Forget.
func (b *Builder) forgetEdges(t int64) {
	lo := t - int64(b.opt.Forget)
	for _, ks := range b.kinds {
		for key, i := range ks.edges.index {
			e := ks.edges.get(i)
			if e.last < lo && b.weight(e) < float64(b.opt.MinWeight) {
				ks.edges.remove(key, i)
				ks.stats.Forgotten++
			}
		}
	}
	b.forget = t + int64(b.opt.Forget)/4
}

// weight returns the edge weight under the weight rule.
func (b *Builder) weight(e *edgeAcc) float64 {
	switch b.opt.Weight {
	case WeightPosts:
		return float64(max(e.postsLo, e.postsHi))
	case WeightMinPosts:
		if e.lo == e.hi {
			return float64(e.postsLo)
		}
		return float64(min(e.postsLo, e.postsHi))
	case WeightPairs:
		return float64(e.pairs)
	}
	return float64(e.nkeys)
}

// postRing holds the posts inside the largest window in chunks, indexed by ordinal.
type postRing struct {
	chunks [][]postRec
	base   uint64 // ordinal of chunks[0][0]
	next   uint64
	live   int
}

const chunkSize = 1024

func (r *postRing) add(p postRec) uint64 {
	if r.next-r.base == uint64(len(r.chunks))*chunkSize {
		r.chunks = append(r.chunks, make([]postRec, 0, chunkSize))
	}
	c := &r.chunks[len(r.chunks)-1]
	*c = append(*c, p)
	r.live++
	ord := r.next
	r.next++
	return ord
}

// get returns the post with ordinal ord, or nil once it has been dropped.
func (r *postRing) get(ord uint64) *postRec {
	if ord < r.base || ord >= r.next {
		return nil
	}
	off := ord - r.base
	return &r.chunks[off/chunkSize][off%chunkSize]
}

// evict drops full chunks whose newest post is older than lo.
func (r *postRing) evict(lo int64) {
	n := 0
	for n < len(r.chunks)-1 && r.chunks[n][chunkSize-1].t < lo {
		n++
	}
	if n == 0 {
		return
	}
	for i := range n {
		r.chunks[i] = nil
	}
	r.chunks = r.chunks[n:]
	r.base += uint64(n) * chunkSize
	r.live -= n * chunkSize
	if cap(r.chunks) > 4*len(r.chunks)+16 {
		r.chunks = slices.Clip(slices.Clone(r.chunks))
	}
}

// burstiness returns the Goh–Barabási burstiness (σ−μ)/(σ+μ) of an actor's inter-post gaps:
// −1 for perfectly regular posting, about 0 for a Poisson process, towards 1 for bursts. It is
// 0 with fewer than two gaps.
func (s *actorState) burstiness() float64 {
	if s.gaps < 2 {
		return 0
	}
	sd := math.Sqrt(s.m2 / float64(s.gaps))
	if sd+s.mean == 0 {
		return 0
	}
	return (sd - s.mean) / (sd + s.mean)
}
