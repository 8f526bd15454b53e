package claims

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"fimi/internal/bm25"
	"fimi/internal/fimi"
	"fimi/internal/text/lang"
)

// Query is an item (or free text) to match against the claims.
type Query struct {
	Text      string
	Lang      string    // ISO 639-1; "" to detect it
	Published time.Time // when the item appeared; zero if unknown (then the date of an embedded-tweet trailer is used)
	K         int       // results wanted; 0 means Options.TopK
	// Evidence says which results carry their Evidence (default: those with a decision).
	Evidence EvidenceMode
}

// EvidenceMode says which results of Match carry Evidence. Collecting evidence costs about
// as much as scoring a candidate, so by default only the results that get stored or shown
// have it.
type EvidenceMode uint8

// Evidence modes.
const (
	EvidenceDecided EvidenceMode = iota // results with a decision (confirmed or suggested)
	EvidenceAll                         // every result
	EvidenceNone                        // none: ranking only
)

// Result is one claim matched by an item.
type Result struct {
	ClaimID  string   `json:"claim_id"`
	Score    float64  `json:"score"`              // calibrated probability that the item carries the claim, in [0, 1]
	Decision string   `json:"decision,omitempty"` // fimi.DecisionConfirmed, fimi.DecisionSuggested or ""
	Evidence Evidence `json:"evidence"`
}

// Matcher matches items against a set of fact-checked claims.
//
// Locking: claims are analysed outside any lock; a sync.RWMutex then guards the index and
// the claim table, which Add and Delete change under the write lock and Match reads under
// the read lock. Any number of Match calls run concurrently with each other and wait only
// for the short insertion step of an Add.
type Matcher struct {
	opt    Options
	detect func(string) string
	trans  *translations
	words  *wordCache

	mu   sync.RWMutex
	ix   *bm25.Index
	docs []claimDoc        // by index document number
	byID map[string]uint32 // claim ID -> live document
	pool sync.Pool         // *matchScratch

	// totals caches the idf mass of every claim's fields, by document; Add and Delete
	// clear it, the next Match rebuilds it (under totMu, holding the read lock).
	totals atomic.Pointer[[]idfMass]
	totMu  sync.Mutex
}

// idfMass is the idf mass of the content tokens of a claim's fields.
type idfMass [numFields]float64

// claimTotals returns the idf mass of every claim's fields at the index's current size.
// Call under the read lock.
func (m *Matcher) claimTotals(idfs bm25.IDFs) []idfMass {
	if t := m.totals.Load(); t != nil {
		return *t
	}
	m.totMu.Lock()
	defer m.totMu.Unlock()
	if t := m.totals.Load(); t != nil {
		return *t
	}
	t := make([]idfMass, len(m.docs))
	for n := range m.docs {
		for _, tok := range m.docs[n].toks {
			if tok.term != noTerm {
				t[n][tok.field] += idfs.Of(tok.term)
			}
		}
	}
	m.totals.Store(&t)
	return t
}

// NewMatcher returns a matcher over claims (which may be empty).
func NewMatcher(claims []fimi.Claim, opt Options) *Matcher {
	opt = opt.withDefaults()
	m := &Matcher{
		opt:  opt,
		byID: map[string]uint32{},
		ix: bm25.New(bm25.Options{K1: opt.K1, Fields: []bm25.Field{
			{Name: fieldNames[fieldText], Weight: 1, B: opt.BText},
			{Name: fieldNames[fieldTitle], Weight: opt.TitleWeight, B: opt.BTitle},
			{Name: fieldNames[fieldExtra], Weight: opt.ExtraWeight, B: 0.5},
		}}),
		trans: newTranslations(opt.Dictionary),
		words: newWordCache(),
	}
	det := lang.Default()
	m.detect = func(s string) string {
		code, _ := det.Detect(s)
		return code
	}
	m.addAll(claims)
	return m
}

// Options returns the matcher's options, defaults filled in.
func (m *Matcher) Options() Options { return m.opt }

// addAll analyses claims on all CPUs, then inserts them in order.
func (m *Matcher) addAll(claims []fimi.Claim) {
	cfs := make([]*claimFields, len(claims))
	var wg sync.WaitGroup
	workers := 4
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(claims); i += workers {
				cfs[i] = analyzeClaim(claims[i], m.detect, m.words)
			}
		})
	}
	wg.Wait()
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, cf := range cfs {
		m.insert(cf)
	}
}

// Add adds a claim, or replaces the claim with the same ID. The claim is analysed before
// the write lock is taken.
func (m *Matcher) Add(c fimi.Claim) {
	cf := analyzeClaim(c, m.detect, m.words)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.insert(cf)
}

// Delete removes the claim with this ID, if there is one.
func (m *Matcher) Delete(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if n, ok := m.byID[id]; ok {
		m.totals.Store(nil)
		m.ix.Delete(n)
		m.docs[n].deleted = true
		delete(m.byID, id)
	}
}

// Len returns the number of claims.
func (m *Matcher) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.byID)
}

func (m *Matcher) insert(cf *claimFields) {
	m.totals.Store(nil)
	if old, ok := m.byID[cf.doc.id]; ok {
		m.ix.Delete(old)
		m.docs[old].deleted = true
	}
	n := m.ix.Add(cf.terms[:]...)
	d := cf.link(m.ix)
	d.doc = n
	m.docs = append(m.docs, d)
	m.byID[d.id] = n
}

func (d *claimDoc) num() uint32 { return d.doc }

// matchScratch holds the buffers of one Match call.
type matchScratch struct {
	p      prepared
	order  []int32
	docs   []uint32
	fields []float64
	perHit []float64
	hits   []bm25.Hit
	feats  []float64
	sc     scratch
	cands  []candidate
	sorted []candidate
}

type candidate struct {
	doc   uint32
	bm25  float64
	logit float64 // of Options.Model: the calibrated score
	rank  float64 // of Options.RankModel: the order
	x     []float64
}

// Match returns the best claims for the query, best first: at most q.K (or Options.TopK, and
// never more than Options.Candidates) results with a score of at least Options.MinScore. It
// is safe to call concurrently with itself, Add and Delete.
//
// The claims are first retrieved with BM25F over their text, title and keywords using
// the item's stems, name keys, numbers, links, bigrams and English translations; the best
// Options.Candidates are then rescored over features of the pair (see FeatureNames): ordered
// by Options.RankModel, and scored by Options.Model, whose output is a probability
// comparable across queries (so a result may score a little above the one before it).
// Decisions follow from the score and the features (see decide).
func (m *Matcher) Match(q Query) []Result {
	k := q.K
	if k <= 0 {
		k = m.opt.TopK
	}
	p, cands, ms := m.candidates(q)
	defer m.pool.Put(ms)
	if len(cands) == 0 {
		return nil
	}
	published := q.Published
	if published.IsZero() {
		_, published = findTrailer(q.Text)
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]Result, 0, min(k, len(cands)))
	for _, c := range cands {
		if len(out) == k {
			break
		}
		score := sigmoid(c.logit)
		if score < m.opt.MinScore {
			continue
		}
		d := &m.docs[c.doc]
		if d.deleted {
			continue
		}
		r := Result{ClaimID: d.id, Score: score}
		var notes string
		r.Decision, notes = m.decide(score, p, d, c.x, published)
		if q.Evidence == EvidenceAll || q.Evidence == EvidenceDecided && r.Decision != "" {
			r.Evidence = m.evidence(q.Text, p, d)
			r.Evidence.Explanation += notes
		}
		out = append(out, r)
	}
	return out
}

// candidates analyses the query, retrieves and scores candidates, sorted best first.
func (m *Matcher) candidates(q Query) (*prepared, []candidate, *matchScratch) {
	ms, _ := m.pool.Get().(*matchScratch)
	if ms == nil {
		ms = &matchScratch{}
	}
	lg := q.Lang
	if lg == "" {
		lg = m.detect(q.Text)
	}
	p := &ms.p
	m.prepare(p, q.Text, lg)
	m.mu.RLock()
	defer m.mu.RUnlock()
	m.resolve(p)
	ms.hits = m.ix.SearchRefs(p.terms, m.opt.Candidates, ms.hits)
	if len(ms.hits) == 0 {
		return p, nil, ms
	}
	n := len(ms.hits)
	if cap(ms.feats) < n*numFeatures {
		ms.feats = make([]float64, n*numFeatures)
	}
	ms.cands = ms.cands[:0]
	best := ms.hits[0].Score
	// BM25 of each field alone, for all candidates in one pass (documents in order).
	ms.order = ms.order[:0]
	for i := range ms.hits {
		ms.order = append(ms.order, int32(i))
	}
	slices.SortFunc(ms.order, func(a, b int32) int { return cmp.Compare(ms.hits[a].Doc, ms.hits[b].Doc) })
	ms.docs = ms.docs[:0]
	for _, i := range ms.order {
		ms.docs = append(ms.docs, ms.hits[i].Doc)
	}
	ms.fields = m.ix.FieldScoresRefs(p.terms, ms.docs, ms.fields)
	if cap(ms.perHit) < n*numFields {
		ms.perHit = make([]float64, n*numFields)
	}
	perHit := ms.perHit[:n*numFields]
	for k, i := range ms.order {
		copy(perHit[int(i)*numFields:], ms.fields[k*numFields:(k+1)*numFields])
	}
	idfs := m.ix.IDFs()
	totals := m.claimTotals(idfs)
	for i, h := range ms.hits {
		x := ms.feats[i*numFeatures : (i+1)*numFeatures]
		m.features(p, &m.docs[h.Doc], totals[h.Doc], h.Score, i, best, perHit[i*numFields:(i+1)*numFields], idfs, &ms.sc, x)
		ms.cands = append(ms.cands, candidate{doc: h.Doc, bm25: h.Score, logit: m.opt.Model.Logit(x), rank: m.opt.RankModel.Logit(x), x: x})
	}
	// By rank, ties in BM25F order (a stable sort, without moving the candidates around).
	ms.order = ms.order[:0]
	for i := range ms.cands {
		ms.order = append(ms.order, int32(i))
	}
	slices.SortFunc(ms.order, func(a, b int32) int {
		if c := cmp.Compare(ms.cands[b].rank, ms.cands[a].rank); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	ms.sorted = ms.sorted[:0]
	for _, i := range ms.order {
		ms.sorted = append(ms.sorted, ms.cands[i])
	}
	ms.cands, ms.sorted = ms.sorted, ms.cands
	return p, ms.cands, ms
}

// Candidate is a claim retrieved for a query, with its features, for training and
// inspection.
type Candidate struct {
	ClaimID  string
	BM25     float64
	Score    float64   // Options.Model's probability
	Rank     float64   // Options.RankModel's logit, which orders the candidates
	Features []float64 // in the order of FeatureNames
}

// Candidates returns the Options.Candidates claims retrieved by BM25F for the query with
// their features and scores, in the order of Options.RankModel. Training uses it.
func (m *Matcher) Candidates(q Query) []Candidate {
	_, cands, ms := m.candidates(q)
	defer m.pool.Put(ms)
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]Candidate, 0, len(cands))
	for _, c := range cands {
		out = append(out, Candidate{ClaimID: m.docs[c.doc].id, BM25: c.bm25, Score: sigmoid(c.logit), Rank: c.rank, Features: slices.Clone(c.x)})
	}
	return out
}
