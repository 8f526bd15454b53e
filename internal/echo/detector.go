package echo

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"time"

	"fimi/internal/echo/postings"
)

// Doc is one item given to the detector.
type Doc struct {
	ID        string    // unique item id; an id already added is ignored
	Text      string    // title and text as the caller wants them compared
	Lang      string    // ISO 639-1; detected when empty
	Published time.Time // items must come in non-decreasing time order (earlier times are taken as the latest)
	Account   string
	Outlet    string
}

// Pair is a verified echo: B (the later item) repeats A (the earlier one).
type Pair struct {
	A, B       string   // item ids: A earlier, B later
	Relation   Relation // Copy, Rewording or Translation
	Similarity float64  // the similarity that decided the relation, in [0, 1]
	// Evidence holds all the similarities of the pair, for explanations and tuning.
	Evidence Similarities
}

// Key returns an idempotent key of the pair, "A\x00B", for storing pairs without duplicates.
func (p Pair) Key() string { return p.A + "\x00" + p.B }

// item is what the detector keeps of an indexed item.
type item struct {
	id      string
	account uint32 // interned: Detector.strs
	outlet  uint32 // interned
	t       int64  // unix nanoseconds
	grp     *group
	seeded  bool // member of a seeded group, re-added after a restart
	feat    stored
}

// Detector finds copies, rewordings and translations among items added in time order and
// keeps echo groups. Not safe for concurrent use: one goroutine calls Add, Expire and the
// accessors (the ingest pipeline's single writer); Prepare may run on other goroutines.
type Detector struct {
	opt    Options
	gloss  *glossaries
	free   chan *analyzer // analyzers with their word caches, for Prepare
	an     *analyzer      // for Add
	idx    *postings.Index
	items  itemStore
	byID   idMap
	intern map[string]uint32
	strs   []string // interned strings by id; 0 is ""
	keys   []uint32
	order  []unitWeight
	cands  []postings.Candidate
	sc     scratch
	cf     features // candidate features view
	qf     features // new item features view
	qbuf   []uint32 // qf's pivot
	cbuf   []uint32 // cf's pivot
	latest int64

	groups map[string]*group // by id, live and seeded
	seedOf map[string]*group // item id → seeded group, until the item is re-added
	stats  counters
	df     *docFreq
}

type counters struct {
	added, skipped, pairs, candidates, verified int64
}

// New returns an empty detector. Zero fields of opt take their DefaultOptions values.
func New(opt Options) (*Detector, error) {
	o, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	idx, err := postings.New(postings.Options{Slots: maxIndexKeys, MaxChain: o.MaxChain})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOptions, err)
	}
	d := &Detector{opt: o, idx: idx, items: newItemStore(), byID: idMap{m: map[uint64]uint32{}}, intern: map[string]uint32{}, strs: []string{""},
		groups: map[string]*group{}, seedOf: map[string]*group{}, df: newDocFreq()}
	d.gloss = newGlossaries(&d.opt)
	d.free = make(chan *analyzer, 2*runtime.GOMAXPROCS(0)+2)
	d.an = newAnalyzer(&d.opt, d.gloss)
	return d, nil
}

func newGlossaries(o *Options) *glossaries {
	if o.Lexicon.Words == nil || o.Lexicon.ToEnglish == nil {
		return nil
	}
	return &glossaries{lex: o.Lexicon, opt: o, langs: map[string]*glossary{}}
}

// Options returns the options in force.
func (d *Detector) Options() Options { return d.opt }

// Prepared is a document analysed by Prepare, ready for AddPrepared.
type Prepared struct {
	doc  Doc
	st   stored
	skip bool
}

// Prepare analyses a document (language detection, tokens, stems, pivot) without touching
// the detector's state, so that callers can prepare documents on several goroutines and add
// them in order with AddPrepared. Safe for concurrent use with everything but New.
func (d *Detector) Prepare(doc Doc) Prepared {
	var a *analyzer
	select {
	case a = <-d.free:
	default:
		a = newAnalyzer(&d.opt, d.gloss)
	}
	p := prepare(a, doc)
	select {
	case d.free <- a:
	default:
	}
	return p
}

func prepare(a *analyzer, doc Doc) Prepared {
	if doc.Lang == "" {
		doc.Lang = a.opt.Detect(doc.Text)
	}
	f := a.analyze(doc.Lang, doc.Text)
	return Prepared{doc: doc, st: f.pack(0), skip: f.content < a.opt.MinWords}
}

// Add analyses and adds one document: see AddPrepared.
func (d *Detector) Add(doc Doc) ([]Pair, []Event) {
	return d.AddPrepared(prepare(d.an, doc))
}

// AddPrepared adds a prepared document and returns the pairs it forms with earlier live
// items (most similar first, at most MaxPairs) and the group events it caused (created,
// grown, merged). Documents with fewer than MinWords content words, and ids already added,
// are ignored (nil, nil). Both slices are the caller's.
func (d *Detector) AddPrepared(p Prepared) ([]Pair, []Event) {
	doc := p.doc
	if _, dup := d.byID.get(doc.ID, &d.items); dup || doc.ID == "" {
		return nil, nil
	}
	if p.skip {
		d.stats.skipped++
		return nil, nil
	}
	t := doc.Published.UnixNano()
	if doc.Published.IsZero() || t < d.latest {
		t = d.latest
	}
	d.latest = t
	if d.opt.Horizon > 0 {
		d.Expire(time.Unix(0, t-int64(d.opt.Horizon)))
	}
	p.st.lang = d.internStr(doc.Lang)
	f := &d.qf
	d.qbuf = p.st.unpack(f, doc.Lang, d.qbuf)
	d.rankUnits(f)
	d.cands = d.idx.Query(d.cands, d.unitTokens(f, d.opt.QueryUnits, maxQueryKeys, maxUnitTokens))
	d.stats.candidates += int64(len(d.cands))
	// Verify the candidates sharing the most tokens, newest first among equals.
	d.cands = d.topCandidates(d.cands)
	if len(d.cands) > d.opt.MaxVerify {
		slices.SortFunc(d.cands, func(a, b postings.Candidate) int {
			if a.Hits != b.Hits {
				return int(b.Hits - a.Hits)
			}
			return cmp.Compare(b.Ref, a.Ref)
		})
		d.cands = d.cands[:d.opt.MaxVerify]
	}
	var pairs []Pair
	var with []postings.Ref
	if len(d.cands) > 0 {
		d.sc.weigh(f, d.df)
	}
	for _, c := range d.cands {
		it := d.items.at(c.Ref)
		d.stats.verified++
		d.cbuf = it.feat.unpack(&d.cf, d.strs[it.feat.lang], d.cbuf)
		ev := similarities(f, &d.cf, d.df, &d.sc, &d.opt.Thresholds)
		rel, sim := decide(&d.opt.Thresholds, f, &d.cf, &ev, &d.sc)
		if rel == None {
			continue
		}
		if ev.Order < 0 {
			ev.Order = orders(f, &d.cf, &d.sc)
		}
		pairs = append(pairs, Pair{A: it.id, B: doc.ID, Relation: rel, Similarity: sim, Evidence: ev})
		with = append(with, c.Ref)
	}
	d.sc.weighed = nil
	if len(pairs) > 1 {
		order := make([]int, len(pairs))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			switch {
			case pairs[a].Similarity > pairs[b].Similarity:
				return -1
			case pairs[a].Similarity < pairs[b].Similarity:
				return 1
			}
			return 0
		})
		order = order[:min(len(order), d.opt.MaxPairs)]
		ps, ws := make([]Pair, 0, len(order)), make([]postings.Ref, 0, len(order))
		for _, i := range order {
			ps = append(ps, pairs[i])
			ws = append(ws, with[i])
		}
		pairs, with = ps, ws
	}
	keys := d.unitTokens(f, d.opt.IndexUnits, maxIndexKeys, indexUnitTokens) // same weights as the query's
	wasFlat := d.df.flat
	d.df.add(f)
	d.setWeights(f)
	if wasFlat && !d.df.flat {
		// Weights turned on: weigh the units of the items already held.
		var cf features
		for ref := d.items.head; ref < d.items.next; ref++ {
			it := d.items.at(ref)
			d.cbuf = it.feat.unpack(&cf, d.strs[it.feat.lang], d.cbuf)
			d.setWeights(&cf)
		}
	}
	ref := d.idx.Add(keys, t)
	if r := d.items.push(item{id: doc.ID, account: d.internStr(doc.Account), outlet: d.internStr(doc.Outlet), t: t, feat: p.st}); r != ref {
		panic("echo: index and item refs out of step")
	}
	it := d.items.at(ref)
	d.byID.put(doc.ID, ref)
	d.stats.added++
	others := make([]*item, len(with))
	for i, r := range with {
		others[i] = d.items.at(r)
	}
	// The groups before linking: linking may merge a re-added seeded member's group with
	// another, and a pair that causes such a merge is new, not one reported before the restart.
	seed := d.seedOf[doc.ID]
	var before []*group
	if seed != nil {
		before = make([]*group, len(others))
		for i, o := range others {
			before[i] = o.grp
		}
	}
	events := d.link(it, pairs, others)
	pairs = d.dropSeeded(seed, pairs, others, before)
	d.stats.pairs += int64(len(pairs))
	return pairs, events
}

func (d *Detector) internStr(s string) uint32 {
	if s == "" {
		return 0
	}
	if v, ok := d.intern[s]; ok {
		return v
	}
	id := uint32(len(d.strs))
	d.strs = append(d.strs, s)
	d.intern[s] = id
	return id
}

// Expire drops items published before t from the index (they are no longer paired with new
// items) and groups whose members have all expired. Add calls it with the newest time minus
// Options.Horizon.
func (d *Detector) Expire(before time.Time) {
	t := before.UnixNano()
	d.idx.Expire(t)
	live := d.idx.Next() - postings.Ref(d.idx.Len())
	d.items.dropBefore(live, func(it *item) {
		d.byID.delete(it.id)
		if g := it.grp; g != nil {
			g.live--
			if g.live <= 0 {
				delete(d.groups, g.id)
			}
		}
	})
}

// MemoryStats describes the memory the detector holds.
type MemoryStats struct {
	Items         int     `json:"items"`          // live indexed items
	Groups        int     `json:"groups"`         // groups held (with live members, or seeded)
	IndexBytes    int64   `json:"index_bytes"`    // LSH tables, links and times
	ItemBytes     int64   `json:"item_bytes"`     // item records and their feature sets
	GroupBytes    int64   `json:"group_bytes"`    // group records and member lists
	LexiconBytes  int64   `json:"lexicon_bytes"`  // pivot glossaries built from the lexicon
	BytesPerItem  float64 `json:"bytes_per_item"` // (index + item + group bytes) / items
	Added         int64   `json:"added"`          // items indexed since New
	Skipped       int64   `json:"skipped"`        // items below MinWords
	Pairs         int64   `json:"pairs"`          // pairs returned
	Candidates    int64   `json:"candidates"`     // LSH candidates seen
	Verifications int64   `json:"verifications"`  // candidates verified
}

// MemoryStats estimates the bytes held, from sizes of the structures (not a heap walk).
func (d *Detector) MemoryStats() MemoryStats {
	s := MemoryStats{Items: d.items.len(), Groups: len(d.groups), IndexBytes: d.idx.MemoryBytes(),
		LexiconBytes: d.gloss.memoryBytes(), Added: d.stats.added, Skipped: d.stats.skipped, Pairs: d.stats.pairs,
		Candidates: d.stats.candidates, Verifications: d.stats.verified}
	s.ItemBytes = d.items.memoryBytes()
	for ref := d.items.head; ref < d.items.next; ref++ {
		it := d.items.at(ref)
		s.ItemBytes += it.feat.memoryBytes() + int64(len(it.id)) + 24 // features, id bytes, id map entry
	}
	for _, g := range d.groups {
		s.GroupBytes += g.memoryBytes()
	}
	if s.Items > 0 {
		s.BytesPerItem = float64(s.IndexBytes+s.ItemBytes+s.GroupBytes) / float64(s.Items)
	}
	return s
}

// Indexed reports whether an item id is live in the detector (added, not skipped, not
// expired).
func (d *Detector) Indexed(id string) bool {
	_, ok := d.byID.get(id, &d.items)
	return ok
}

const (
	// indexUnitTokens is the most tokens of one unit an item is indexed under (its first
	// sense or stem, and its cognate key): a word with many senses would fill the slots.
	indexUnitTokens = 2
	maxIndexKeys    = 16 // tokens an item is indexed under
	maxQueryKeys    = 48 // tokens a new item queries
)

type unitWeight struct {
	w      float64
	off, n int32
}

// rankUnits orders the units of f in d.order, heaviest first by the weight of their terms
// (ties in text order).
func (d *Detector) rankUnits(f *features) {
	d.order = d.order[:0]
	offs := 0
	logN := d.df.langLogN(f.lang)
	for i, l := range f.ulen {
		n := int32(l &^ unknownUnit)
		d.order = append(d.order, unitWeight{d.df.weightIn(f.terms[f.uterm[i]], logN), int32(offs), n})
		offs += int(n)
	}
	slices.SortStableFunc(d.order, func(a, b unitWeight) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		}
		return 0
	})
}

// unitTokens returns the pivot tokens of the n first units of d.order (rankUnits), at
// most perUnit per unit and maxKeys in all, distinct. The slice is reused.
func (d *Detector) unitTokens(f *features, n, maxKeys, perUnit int) []uint32 {
	d.keys = d.keys[:0]
	for k, u := range d.order {
		if k >= n || len(d.keys) >= maxKeys {
			break
		}
		// A unit's first token (its first sense, or its stem) and its last (its cognate
		// key) first, then the others, at most perUnit.
		for t := int32(0); t < min(u.n, int32(perUnit)); t++ {
			j := u.off
			switch {
			case t == 1:
				j = u.off + u.n - 1
			case t > 1:
				j = u.off + t - 1
			}
			var tok uint32
			if f.utok8 != nil {
				tok = f.pivot[f.utok8[j]]
			} else {
				tok = f.pivot[f.utok[j]]
			}
			if !slices.Contains(d.keys, tok) && len(d.keys) < maxKeys {
				d.keys = append(d.keys, tok)
			}
		}
	}
	return d.keys
}

// topCandidates keeps, in place, the candidates with at least MinHits hits and, when
// more than MaxVerify remain, only those with the most hits down to the count at which
// MaxVerify is reached (ties at that count are kept for the sort): a selection in linear
// time before the sort of a few.
func (d *Detector) topCandidates(cs []postings.Candidate) []postings.Candidate {
	var count [maxQueryKeys + 2]int32
	n := 0
	for _, c := range cs {
		if int(c.Hits) >= d.opt.MinHits {
			count[min(int(c.Hits), maxQueryKeys+1)]++
			n++
		}
	}
	floor := d.opt.MinHits
	if n > d.opt.MaxVerify {
		kept := 0
		for h := maxQueryKeys + 1; h >= floor; h-- {
			kept += int(count[h])
			if kept >= d.opt.MaxVerify {
				floor = h
				break
			}
		}
	}
	out := cs[:0]
	for _, c := range cs {
		if int(c.Hits) >= floor {
			out = append(out, c)
		}
	}
	return out
}

// setWeights writes the current weights of f's units into f.uw (stored with the item).
func (d *Detector) setWeights(f *features) {
	if d.df.flat {
		return
	}
	logN := d.df.langLogN(f.lang)
	for i := range f.uw {
		f.uw[i] = weightQ(d.df.weightIn(f.terms[f.uterm[i]], logN))
	}
}
