// Package bm25 is an in-memory inverted index scored with BM25F: several weighted fields per
// document (a claim's text and its title, say), one saturation per term over the fields'
// length-normalised frequencies, and a per-hit Explanation of every term's contribution.
//
// The package is pure: no I/O, no global state. Terms are opaque strings chosen by the caller
// (stems, name keys, bigrams...), so analysis lives elsewhere. Posting lists are compact
// slices of 8-byte entries (document, field, tf), and a forward index keeps each document's
// terms the same way. The first search after Add or Delete turns the postings into impact
// lists: per term and live document, the saturated frequency tf~/(k1+tf~) as a float32, in
// one flat array (a pass over all postings, a few tens of milliseconds and 8 bytes a
// posting for 25,000 documents). Search then adds w·idf·(k1+1) times it, term at a time,
// into a pooled dense array, the terms that can add most first (repeated query terms are
// merged), and stops adding documents once the remaining terms cannot lift an unseen one
// into the top k (MaxScore): the long lists of common terms are then only galloped through
// or scanned for the documents still in the running. The top k is exact (up to float32
// rounding), and a query allocates nothing but its result slice (none when the caller
// passes one to reuse). FieldScores reads the candidates' forward entries against a hash
// table of the query's terms.
//
// # Scoring
//
// For a document d and a query term t of weight w (BM25F as in Robertson and Zaragoza, "The
// Probabilistic Relevance Framework", 2009, with the (k1+1) factor of classic BM25):
//
//	tf~(t,d) = Σ_f W_f · tf(t,d,f) / ((1 − b_f) + b_f · len(d,f) / avglen_f)
//	score    = Σ_t w · idf(t) · tf~ · (k1 + 1) / (k1 + tf~)
//	idf(t)   = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
//
// where N is the number of live documents and df(t) the number of documents with t in any
// field. With one field of weight 1 this is classic BM25 (the idf of Lucene, which never goes
// negative).
//
// # Concurrency
//
// Search, Score, Explain and the statistics may run concurrently with each other. Add and
// Delete must not run concurrently with anything else: callers that mix them guard the index
// with a sync.RWMutex (Add and Delete under the write lock).
package bm25

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Field describes one field of the documents.
type Field struct {
	Name   string  // for explanations
	Weight float64 // W_f, the boost of a match in this field; 0 means 1
	B      float64 // b_f, the strength of length normalisation in [0, 1]
}

// Options configure an Index.
type Options struct {
	K1     float64 // term-frequency saturation; 0 means 1.2
	Fields []Field // at most MaxFields; none means one field "text" with B 0.75
}

// MaxFields is the largest number of fields an index can have.
const MaxFields = 16

// DefaultOptions returns k1 = 1.2 and one field "text" of weight 1 with b = 0.75.
func DefaultOptions() Options {
	return Options{K1: 1.2, Fields: []Field{{Name: "text", Weight: 1, B: 0.75}}}
}

// posting is one (document, field) occurrence of a term. A term's postings are sorted by
// document, then field.
type posting struct {
	doc   uint32
	tf    uint16 // saturates at 65535
	field uint8
}

// fwdEntry is one (term, field) of a document, in the forward index FieldScores reads.
type fwdEntry struct {
	term  uint32
	tf    uint16
	field uint8
}

// Index is an inverted index of documents made of fields of terms. Documents are numbered
// from 0 in the order they are added. See the package doc for concurrency.
type Index struct {
	k1     float64
	fields []Field

	ids   map[string]uint32 // term -> term id
	terms []string          // term id -> term
	post  [][]posting       // term id -> postings
	df    []uint32          // term id -> documents containing the term
	logDF []float32         // term id -> ln(df + 0.5), so that idf = ln(N+1) − logDF

	fwd      []fwdEntry // every document's terms, by document then term and field
	fwdStart []uint32   // doc -> its first entry in fwd; ndocs+1 entries

	lens    []uint32  // [doc*nf + f]: terms in field f of doc
	sumLens []float64 // per field, over live documents
	deleted []uint64  // bitset
	ndocs   int       // documents added
	live    int       // documents not deleted

	// nrm caches W_f / ((1 − b_f) + b_f · len / avglen_f) per document and field, built on
	// the first search after a change (Add and Delete clear it).
	nrm   atomic.Pointer[normCache]
	nrmMu sync.Mutex

	pool sync.Pool // *scratch
}

// New returns an empty index.
func New(opt Options) *Index {
	if opt.K1 <= 0 {
		opt.K1 = 1.2
	}
	if len(opt.Fields) == 0 {
		opt.Fields = DefaultOptions().Fields
	}
	if len(opt.Fields) > MaxFields {
		opt.Fields = opt.Fields[:MaxFields]
	}
	fields := slices.Clone(opt.Fields)
	for i := range fields {
		if fields[i].Weight == 0 {
			fields[i].Weight = 1
		}
		fields[i].B = min(max(fields[i].B, 0), 1)
	}
	return &Index{k1: opt.K1, fields: fields, ids: map[string]uint32{}, sumLens: make([]float64, len(fields))}
}

// Fields returns the index's fields (a copy).
func (ix *Index) Fields() []Field { return slices.Clone(ix.fields) }

// K1 returns the index's k1.
func (ix *Index) K1() float64 { return ix.k1 }

// Add indexes a document whose field i holds the terms fields[i] (repeated terms count
// several times; extra fields beyond the index's are ignored) and returns its number. The
// index keeps no reference to the slices.
func (ix *Index) Add(fields ...[]string) uint32 {
	doc := uint32(ix.ndocs)
	nf := len(ix.fields)
	ix.nrm.Store(nil)
	ix.ndocs++
	ix.live++
	ix.lens = append(ix.lens, make([]uint32, nf)...)
	if len(ix.deleted)*64 < ix.ndocs {
		ix.deleted = append(ix.deleted, 0)
	}
	type occ struct {
		term  uint32
		field uint8
	}
	counts := make(map[occ]uint32)
	for f, terms := range fields {
		if f >= nf {
			break
		}
		ix.lens[int(doc)*nf+f] = uint32(len(terms))
		ix.sumLens[f] += float64(len(terms))
		for _, t := range terms {
			id, ok := ix.ids[t]
			if !ok {
				id = uint32(len(ix.terms))
				ix.ids[t] = id
				ix.terms = append(ix.terms, t)
				ix.post = append(ix.post, nil)
				ix.df = append(ix.df, 0)
				ix.logDF = append(ix.logDF, 0)
			}
			counts[occ{id, uint8(f)}]++
		}
	}
	keys := make([]occ, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b occ) int {
		if a.term != b.term {
			return int(a.term) - int(b.term)
		}
		return int(a.field) - int(b.field)
	})
	for i, k := range keys {
		if i == 0 || keys[i-1].term != k.term {
			ix.df[k.term]++
			ix.logDF[k.term] = float32(math.Log(float64(ix.df[k.term]) + 0.5))
		}
		tf := uint16(min(counts[k], math.MaxUint16))
		ix.post[k.term] = append(ix.post[k.term], posting{doc: doc, tf: tf, field: k.field})
		ix.fwd = append(ix.fwd, fwdEntry{term: k.term, tf: tf, field: k.field})
	}
	if len(ix.fwdStart) == 0 {
		ix.fwdStart = append(ix.fwdStart, 0)
	}
	ix.fwdStart = append(ix.fwdStart, uint32(len(ix.fwd)))
	return doc
}

// Delete removes a document from results and from the length statistics. Document
// frequencies keep counting it (they are not stored per document), which slightly lowers
// the idf of its terms until the index is rebuilt. Deleting twice or an unknown number is a
// no-op.
func (ix *Index) Delete(doc uint32) {
	if int(doc) >= ix.ndocs || ix.isDeleted(doc) {
		return
	}
	ix.deleted[doc/64] |= 1 << (doc % 64)
	ix.live--
	ix.nrm.Store(nil)
	nf := len(ix.fields)
	for f := range nf {
		ix.sumLens[f] -= float64(ix.lens[int(doc)*nf+f])
	}
}

func (ix *Index) isDeleted(doc uint32) bool { return ix.deleted[doc/64]&(1<<(doc%64)) != 0 }

// Deleted reports whether doc has been deleted.
func (ix *Index) Deleted(doc uint32) bool { return int(doc) < ix.ndocs && ix.isDeleted(doc) }

// Len returns the number of live documents (N).
func (ix *Index) Len() int { return ix.live }

// Terms returns the number of distinct terms.
func (ix *Index) Terms() int { return len(ix.terms) }

// DocFreq returns the number of documents that contain term in any field (deleted ones
// included, see Delete).
func (ix *Index) DocFreq(term string) int {
	if id, ok := ix.ids[term]; ok {
		return int(ix.df[id])
	}
	return 0
}

// TermID returns the number the index gave term, if it has seen it. Term numbers are dense
// from 0 in order of first appearance and never change.
func (ix *Index) TermID(term string) (uint32, bool) {
	id, ok := ix.ids[term]
	return id, ok
}

// TermIDBytes is TermID for a term given as bytes; it does not allocate.
func (ix *Index) TermIDBytes(term []byte) (uint32, bool) {
	id, ok := ix.ids[string(term)]
	return id, ok
}

// TermText returns the term numbered id.
func (ix *Index) TermText(id uint32) string { return ix.terms[id] }

// IDFOf returns the idf of the term numbered id.
func (ix *Index) IDFOf(id uint32) float64 { return idf(ix.live, int(ix.df[id])) }

// IDFTable returns a function giving the idf of a term number at the index's current size
// without computing a logarithm (ln(1 + (N−df+0.5)/(df+0.5)) = ln(N+1) − ln(df+0.5), the
// latter kept per term), in float32 precision. Valid until the next Add or Delete.
func (ix *Index) IDFTable() func(id uint32) float64 {
	logN := math.Log(float64(ix.live) + 1)
	logDF := ix.logDF
	df := ix.df
	live := uint32(ix.live)
	return func(id uint32) float64 {
		if df[id] > live { // more documents were deleted than the term lost: clamp
			return math.Log(1 + 0.5/(float64(live)+0.5))
		}
		return logN - float64(logDF[id])
	}
}

// IDFs is a snapshot of the idf of every term at the index's current size, like IDFTable
// but as a value whose Of method the compiler inlines. Valid until the next Add or Delete.
type IDFs struct {
	logN  float64
	clamp float64
	live  uint32
	df    []uint32
	logDF []float32
}

// IDFs returns the snapshot of the index's idf values.
func (ix *Index) IDFs() IDFs {
	return IDFs{logN: math.Log(float64(ix.live) + 1), clamp: math.Log(1 + 0.5/(float64(ix.live)+0.5)),
		live: uint32(ix.live), df: ix.df, logDF: ix.logDF}
}

// Of returns the idf of the term numbered id.
func (t IDFs) Of(id uint32) float64 {
	if t.df[id] > t.live {
		return t.clamp
	}
	return t.logN - float64(t.logDF[id])
}

// IDF returns the idf of term; a term never seen has the highest idf.
func (ix *Index) IDF(term string) float64 { return idf(ix.live, ix.DocFreq(term)) }

func idf(n, df int) float64 {
	if df > n {
		df = n
	}
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// AvgLen returns the mean length of field f over live documents.
func (ix *Index) AvgLen(f int) float64 {
	if ix.live == 0 || f < 0 || f >= len(ix.fields) {
		return 0
	}
	return ix.sumLens[f] / float64(ix.live)
}

// FieldLen returns the number of terms in field f of doc.
func (ix *Index) FieldLen(doc uint32, f int) int {
	if int(doc) >= ix.ndocs || f < 0 || f >= len(ix.fields) {
		return 0
	}
	return int(ix.lens[int(doc)*len(ix.fields)+f])
}

// Term is one query term with its weight (0 or less: ignored).
type Term struct {
	Text   string
	Weight float64
}

// Hit is one scored document.
type Hit struct {
	Doc   uint32
	Score float64
}

// norms holds, per field, W_f and the two constants of the length normalisation.
type norms struct {
	w, c0, c1 [MaxFields]float64 // B = c0 + c1·len
}

func (ix *Index) norms() (n norms) {
	for f, fd := range ix.fields {
		avg := ix.AvgLen(f)
		n.w[f] = fd.Weight
		n.c0[f] = 1 - fd.B
		if avg > 0 {
			n.c1[f] = fd.B / avg
		}
	}
	return n
}

// tfNorm returns W_f · tf / B for one posting.
func (ix *Index) tfNorm(n *norms, p posting) float64 {
	l := float64(ix.lens[int(p.doc)*len(ix.fields)+int(p.field)])
	return n.w[p.field] * float64(p.tf) / (n.c0[p.field] + n.c1[p.field]*l)
}

// normCache holds, for the index as it is: W_f / ((1 − b_f) + b_f · len / avglen_f) per
// document and field, [doc*nf + f]; and every term's impact list: per live document with
// the term, tf~/(k1 + tf~) (tf~ summed over the fields), so that Search adds w·idf·(k1+1)
// times it with one multiplication. The lists are one flat array (imp[start[t]:start[t+1]]
// for term t) that the garbage collector does not scan.
type normCache struct {
	doc    []float32
	start  []uint32 // term id -> first impact; len(terms)+1 entries
	imp    []impact
	maxSat []float32 // term id -> largest sat of its impacts
}

// impact is one document of a term's impact list.
type impact struct {
	doc uint32
	sat float32 // tf~ / (k1 + tf~)
}

// normTable returns the normCache, building it if a change cleared it (a pass over all
// postings). Safe for concurrent searches.
func (ix *Index) normTable() *normCache {
	if t := ix.nrm.Load(); t != nil {
		return t
	}
	ix.nrmMu.Lock()
	defer ix.nrmMu.Unlock()
	if t := ix.nrm.Load(); t != nil {
		return t
	}
	n := ix.norms()
	nf := len(ix.fields)
	k1 := ix.k1
	t := &normCache{doc: make([]float32, len(ix.lens)), start: make([]uint32, len(ix.post)+1), maxSat: make([]float32, len(ix.post))}
	for i, l := range ix.lens {
		f := i % nf
		t.doc[i] = float32(n.w[f] / (n.c0[f] + n.c1[f]*float64(l)))
	}
	total := 0
	for _, ps := range ix.post {
		for i := range ps {
			if i == 0 || ps[i-1].doc != ps[i].doc {
				total++
			}
		}
	}
	t.imp = make([]impact, 0, total)
	for id, ps := range ix.post {
		t.start[id] = uint32(len(t.imp))
		var m float32
		for i := 0; i < len(ps); {
			doc := ps[i].doc
			var tf float64
			for ; i < len(ps) && ps[i].doc == doc; i++ {
				tf += float64(ps[i].tf) * float64(t.doc[int(doc)*nf+int(ps[i].field)])
			}
			if ix.isDeleted(doc) {
				continue
			}
			sat := float32(tf / (k1 + tf))
			t.imp = append(t.imp, impact{doc, sat})
			m = max(m, sat)
		}
		t.maxSat[id] = m
	}
	t.start[len(ix.post)] = uint32(len(t.imp))
	ix.nrm.Store(t)
	return t
}

type scratch struct {
	acc     []float32
	touched []uint32
	terms   []qterm
	cands   []uint32
	mark    []uint64  // bitset of documents: in the partial top k, then candidates
	qtab    termTable // for FieldScores
	top     partialTop
}

// qterm is a query term being searched: its id, scale w·idf·(k1+1) and the most it can add
// to a document's score.
type qterm struct {
	id    uint32
	scale float64
	bound float64
}

// Search returns the k best live documents for the query, best first (ties by lower
// document number), appended to dst[:0]. Repeated query terms add up.
func (ix *Index) Search(q []Term, k int, dst []Hit) []Hit {
	return ix.search(len(q), func(i int) (uint32, float64, bool) {
		id, ok := ix.ids[q[i].Text]
		return id, q[i].Weight, ok
	}, k, dst)
}

// Ref is a query term given by its number (TermID), which spares Search a map lookup.
type Ref struct {
	ID     uint32
	Weight float64
}

// SearchRefs is Search for terms given by number; numbers the index never gave are ignored.
func (ix *Index) SearchRefs(q []Ref, k int, dst []Hit) []Hit {
	return ix.search(len(q), func(i int) (uint32, float64, bool) {
		return q[i].ID, q[i].Weight, int(q[i].ID) < len(ix.terms)
	}, k, dst)
}

// search scores term at a time into a dense accumulator, the terms that can add most first
// (rare terms, whose posting lists are short). A min-heap of k documents reached so far
// gives a lower bound of the final k-th score. Once that bound exceeds what the remaining
// terms can add together, no unseen document can enter the top k (MaxScore, Turtle and
// Flood 1995): from then on only the documents that can still reach the bound are scored,
// and the long lists of common terms are galloped through or scanned against a bitset. The
// result is exact.
func (ix *Index) search(nq int, term func(int) (uint32, float64, bool), k int, dst []Hit) []Hit {
	dst = dst[:0]
	if k <= 0 || ix.live == 0 {
		return dst
	}
	s, _ := ix.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	if len(s.acc) < ix.ndocs {
		s.acc = make([]float32, ix.ndocs+ix.ndocs/4)
	}
	if len(s.mark)*64 < ix.ndocs {
		s.mark = make([]uint64, (ix.ndocs+ix.ndocs/4)/64+1)
	}
	acc, mark := s.acc, s.mark
	nc := ix.normTable()
	k1 := ix.k1
	logN := math.Log(float64(ix.live) + 1)
	// Repeated terms (a word and a translation of another, say) are walked once, their
	// weights summed.
	q := &s.qtab
	q.reset(nq)
	for i := range nq {
		id, w, ok := term(i)
		if !ok || w <= 0 || nc.start[id] == nc.start[id+1] {
			continue
		}
		q.add(id, w*ix.idfFast(id, logN)*(k1+1))
	}
	terms := s.terms[:0]
	for h, key := range q.keys {
		if key != 0 {
			id, scale := key-1, q.vals[h]
			terms = append(terms, qterm{id, scale, scale * float64(nc.maxSat[id]) * (1 + 1e-5)})
		}
	}
	slices.SortFunc(terms, func(a, b qterm) int {
		switch {
		case a.bound > b.bound:
			return -1
		case a.bound < b.bound:
			return 1
		}
		return cmp.Compare(a.id, b.id)
	})
	var rest float64 // upper bound of what the terms not yet processed can add
	for _, t := range terms {
		rest += t.bound
	}
	top := &s.top
	top.reset(k, ix.ndocs)
	touched := s.touched[:0]
	ti := 0
	for ; ti < len(terms); ti++ {
		if float64(top.min()) > rest {
			break // no unseen document can make the top k
		}
		t := terms[ti]
		scale := float32(t.scale)
		floor := top.floor
		for _, p := range nc.imp[nc.start[t.id]:nc.start[t.id+1]] {
			a := acc[p.doc]
			if a == 0 {
				touched = append(touched, p.doc)
			}
			a += scale * p.sat
			acc[p.doc] = a
			if a > floor {
				top.offer(mark, p.doc, a)
				floor = top.floor
			}
		}
		rest -= t.bound
	}
	top.clearMarks(mark)
	h := hitHeap(dst)
	if ti < len(terms) {
		// Candidates: the documents whose partial score plus everything left reaches the
		// bound, marked in the bitset.
		theta := float64(top.min())
		cands := s.cands[:0]
		for _, doc := range touched {
			if float64(acc[doc])+rest >= theta {
				cands = append(cands, doc)
				mark[doc/64] |= 1 << (doc % 64)
			}
		}
		sorted := false
		for ; ti < len(terms); ti++ {
			t := terms[ti]
			scale := float32(t.scale)
			imp := nc.imp[nc.start[t.id]:nc.start[t.id+1]]
			if len(cands)*16 < len(imp) {
				if !sorted {
					slices.Sort(cands)
					sorted = true
				}
				j := 0
				for _, doc := range cands {
					if j = gallopImpact(imp, j, doc); j == len(imp) {
						break
					}
					if imp[j].doc == doc {
						acc[doc] += scale * imp[j].sat
						j++
					}
				}
				continue
			}
			for _, p := range imp {
				if mark[p.doc/64]&(1<<(p.doc%64)) != 0 {
					acc[p.doc] += scale * p.sat
				}
			}
		}
		// theta is a lower bound of the k-th final score: no document below it can enter.
		theta32 := top.min()
		for _, doc := range cands {
			mark[doc/64] &^= 1 << (doc % 64)
			if a := acc[doc]; a >= theta32 {
				h = h.offer(Hit{doc, float64(a)}, k)
			}
		}
		s.cands = cands[:0]
		for _, doc := range touched {
			acc[doc] = 0
		}
	} else {
		floor := top.min() // the k-th score, all terms in (0 while fewer than k documents)
		for _, doc := range touched {
			if a := acc[doc]; a >= floor {
				h = h.offer(Hit{doc, float64(a)}, k)
			}
			acc[doc] = 0
		}
	}
	s.touched = touched[:0]
	s.terms = terms[:0]
	ix.pool.Put(s)
	h.sort()
	return []Hit(h)
}

// partialTop is a min-heap of the k live documents with the best partial scores so far. Scores
// only grow, so its minimum, once it holds k documents, is a lower bound of the final k-th
// score. Members are marked in a bitset, and pos holds their place in the heap.
type partialTop struct {
	k     int
	h     []Hit
	pos   []int32 // by document, valid for members
	floor float32 // the minimum once full; until then 0 (every document is offered)
}

func (t *partialTop) reset(k, ndocs int) {
	t.k, t.h, t.floor = k, t.h[:0], 0
	if len(t.pos) < ndocs {
		t.pos = make([]int32, ndocs+ndocs/4)
	}
}

// min returns the lower bound of the k-th score (0 until k documents are in).
func (t *partialTop) min() float32 { return t.floor }

// offer considers doc with its new partial score a (> t.floor).
func (t *partialTop) offer(mark []uint64, doc uint32, a float32) {
	bit := uint64(1) << (doc % 64)
	if mark[doc/64]&bit != 0 {
		i := int(t.pos[doc])
		t.h[i].Score = float64(a)
		t.down(i)
	} else {
		mark[doc/64] |= bit
		if len(t.h) < t.k {
			t.h = append(t.h, Hit{doc, float64(a)})
			i := len(t.h) - 1
			t.pos[doc] = int32(i)
			for i > 0 {
				p := (i - 1) / 2
				if t.h[p].Score <= t.h[i].Score {
					break
				}
				t.swap(i, p)
				i = p
			}
		} else {
			old := t.h[0].Doc
			mark[old/64] &^= 1 << (old % 64)
			t.h[0] = Hit{doc, float64(a)}
			t.pos[doc] = 0
			t.down(0)
		}
	}
	if len(t.h) == t.k {
		t.floor = float32(t.h[0].Score)
	}
}

func (t *partialTop) swap(i, j int) {
	t.h[i], t.h[j] = t.h[j], t.h[i]
	t.pos[t.h[i].Doc] = int32(i)
	t.pos[t.h[j].Doc] = int32(j)
}

func (t *partialTop) down(i int) {
	h := t.h
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && h[r].Score < h[l].Score {
			m = r
		}
		if h[m].Score >= h[i].Score {
			return
		}
		t.swap(i, m)
		i = m
	}
}

// clearMarks unmarks the heap's documents.
func (t *partialTop) clearMarks(mark []uint64) {
	for _, x := range t.h {
		mark[x.Doc/64] &^= 1 << (x.Doc % 64)
	}
}

// idfFast is the idf of term id with ln(N+1) given (see IDFTable).
func (ix *Index) idfFast(id uint32, logN float64) float64 {
	if int(ix.df[id]) > ix.live {
		return idf(ix.live, int(ix.df[id]))
	}
	return logN - float64(ix.logDF[id])
}

// Score returns the score of doc for the query, and its part from each field alone
// (the per-field parts saturate separately, so they do not sum to the total) appended to
// perField[:0]. It costs a binary search per query term.
func (ix *Index) Score(q []Term, doc uint32, perField []float64) (float64, []float64) {
	perField = perField[:0]
	for range ix.fields {
		perField = append(perField, 0)
	}
	if int(doc) >= ix.ndocs || ix.isDeleted(doc) {
		return 0, perField
	}
	n := ix.norms()
	k1 := ix.k1
	var total float64
	for _, t := range q {
		if t.Weight <= 0 {
			continue
		}
		id, ok := ix.ids[t.Text]
		if !ok {
			continue
		}
		ps := ix.post[id]
		i, _ := slices.BinarySearchFunc(ps, doc, func(p posting, d uint32) int { return int(p.doc) - int(d) })
		scale := t.Weight * idf(ix.live, int(ix.df[id])) * (k1 + 1)
		var tf float64
		for ; i < len(ps) && ps[i].doc == doc; i++ {
			x := ix.tfNorm(&n, ps[i])
			tf += x
			perField[ps[i].field] += scale * x / (k1 + x)
		}
		if tf > 0 {
			total += scale * tf / (k1 + tf)
		}
	}
	return total, perField
}

// FieldScores computes, for each of docs (sorted by number, without repeats), the score of
// each field alone for the query (as the per-field parts of Score), into
// out[i*len(Fields()) + f], which it returns (grown if needed, zeroed first). It reads the
// documents' own terms (a forward index kept beside the postings) against a hash table of
// the query's, so scoring many candidates costs much less than one Search.
func (ix *Index) FieldScores(q []Term, docs []uint32, out []float64) []float64 {
	return ix.fieldScores(len(q), func(i int) (uint32, float64, bool) {
		id, ok := ix.ids[q[i].Text]
		return id, q[i].Weight, ok
	}, docs, out)
}

// FieldScoresRefs is FieldScores for terms given by number.
func (ix *Index) FieldScoresRefs(q []Ref, docs []uint32, out []float64) []float64 {
	return ix.fieldScores(len(q), func(i int) (uint32, float64, bool) {
		return q[i].ID, q[i].Weight, int(q[i].ID) < len(ix.terms)
	}, docs, out)
}

func (ix *Index) fieldScores(nq int, term func(int) (uint32, float64, bool), docs []uint32, out []float64) []float64 {
	nf := len(ix.fields)
	if cap(out) < len(docs)*nf {
		out = make([]float64, len(docs)*nf)
	}
	out = out[:len(docs)*nf]
	clear(out)
	if len(docs) == 0 {
		return out
	}
	n := ix.norms()
	k1 := ix.k1
	s, _ := ix.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	// The query's terms in a hash table (repeats add up), probed with each document's terms.
	q := &s.qtab
	q.reset(nq)
	for qi := range nq {
		id, w, ok := term(qi)
		if !ok || w <= 0 {
			continue
		}
		q.add(id, w*idf(ix.live, int(ix.df[id]))*(k1+1))
	}
	for i, d := range docs {
		if int(d) >= ix.ndocs {
			continue
		}
		for _, e := range ix.fwd[ix.fwdStart[d]:ix.fwdStart[d+1]] {
			scale, ok := q.get(e.term)
			if !ok {
				continue
			}
			x := ix.tfNorm(&n, posting{doc: d, tf: e.tf, field: e.field})
			out[i*nf+int(e.field)] += scale * x / (k1 + x)
		}
	}
	ix.pool.Put(s)
	return out
}

// termTable is an open-addressing hash table from term number to a query term's scale,
// behind a bitmap of the terms' low 16 bits that rules most absent terms out.
type termTable struct {
	bits  [1 << 10]uint64
	keys  []uint32 // term + 1; 0 marks an empty slot
	vals  []float64
	shift uint32
}

func (t *termTable) reset(n int) {
	size, shift := 64, uint32(32-6)
	for size < 4*n {
		size *= 2
		shift--
	}
	if cap(t.keys) < size {
		t.keys, t.vals = make([]uint32, size), make([]float64, size)
	}
	t.keys, t.vals, t.shift = t.keys[:size], t.vals[:size], shift
	clear(t.keys)
	clear(t.bits[:])
}

func (t *termTable) add(id uint32, v float64) {
	t.bits[(id>>6)&1023] |= 1 << (id & 63)
	k := id + 1
	mask := uint32(len(t.keys) - 1)
	for h := (k * 0x9E3779B1) >> t.shift; ; h = (h + 1) & mask {
		switch t.keys[h] {
		case k:
			t.vals[h] += v
			return
		case 0:
			t.keys[h], t.vals[h] = k, v
			return
		}
	}
}

func (t *termTable) get(id uint32) (float64, bool) {
	if t.bits[(id>>6)&1023]&(1<<(id&63)) == 0 {
		return 0, false
	}
	k := id + 1
	mask := uint32(len(t.keys) - 1)
	for h := (k * 0x9E3779B1) >> t.shift; ; h = (h + 1) & mask {
		switch t.keys[h] {
		case k:
			return t.vals[h], true
		case 0:
			return 0, false
		}
	}
}

// gallopImpact returns the first index at or after from whose impact's document is at
// least d.
func gallopImpact(ps []impact, from int, d uint32) int {
	if from >= len(ps) || ps[from].doc >= d {
		return from
	}
	step := 1
	lo, hi := from, from+1
	for hi < len(ps) && ps[hi].doc < d {
		lo = hi
		step *= 2
		hi = from + step
	}
	hi = min(hi, len(ps))
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ps[m].doc < d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// FieldTF is the frequency of a term in one field of a document.
type FieldTF struct {
	Field  string
	TF     int     // occurrences in the field
	Len    int     // terms in the field
	AvgLen float64 // mean length of the field
	Norm   float64 // W_f · tf / ((1 − b_f) + b_f · Len / AvgLen)
}

// TermExplanation is the contribution of one query term to a document's score.
type TermExplanation struct {
	Term    string
	Weight  float64 // query weight
	DocFreq int
	IDF     float64
	Fields  []FieldTF // fields where the term occurs
	TF      float64   // tf~, the sum of the fields' Norm
	Score   float64   // Weight · IDF · TF · (k1+1) / (k1+TF)
}

// Explanation tells how a document's score was computed, in the manner of bleve's
// search.Explanation: one entry per query term that matched.
type Explanation struct {
	Doc   uint32
	Score float64
	K1    float64
	N     int // live documents
	Terms []TermExplanation
}

// Explain returns the Explanation of doc's score for the query. Its Score equals what
// Search reports, up to float32 rounding.
func (ix *Index) Explain(q []Term, doc uint32) Explanation {
	e := Explanation{Doc: doc, K1: ix.k1, N: ix.live}
	if int(doc) >= ix.ndocs || ix.isDeleted(doc) {
		return e
	}
	n := ix.norms()
	for _, t := range q {
		if t.Weight <= 0 {
			continue
		}
		id, ok := ix.ids[t.Text]
		if !ok {
			continue
		}
		ps := ix.post[id]
		i, _ := slices.BinarySearchFunc(ps, doc, func(p posting, d uint32) int { return int(p.doc) - int(d) })
		te := TermExplanation{Term: t.Text, Weight: t.Weight, DocFreq: int(ix.df[id]), IDF: idf(ix.live, int(ix.df[id]))}
		for ; i < len(ps) && ps[i].doc == doc; i++ {
			f := int(ps[i].field)
			x := ix.tfNorm(&n, ps[i])
			te.Fields = append(te.Fields, FieldTF{Field: ix.fields[f].Name, TF: int(ps[i].tf), Len: ix.FieldLen(doc, f), AvgLen: ix.AvgLen(f), Norm: x})
			te.TF += x
		}
		if te.TF == 0 {
			continue
		}
		te.Score = t.Weight * te.IDF * te.TF * (ix.k1 + 1) / (ix.k1 + te.TF)
		e.Score += te.Score
		e.Terms = append(e.Terms, te)
	}
	return e
}

// String renders the explanation on several lines, one per term.
func (e Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%.4f = sum of %d terms (k1=%g, N=%d)\n", e.Score, len(e.Terms), e.K1, e.N)
	for _, t := range e.Terms {
		fmt.Fprintf(&b, "  %.4f %q: weight %g × idf %.3f (df %d) × tf~ %.3f saturated;", t.Score, t.Term, t.Weight, t.IDF, t.DocFreq, t.TF)
		for _, f := range t.Fields {
			fmt.Fprintf(&b, " %s tf %d len %d/%.1f", f.Field, f.TF, f.Len, f.AvgLen)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// hitHeap is a min-heap of at most k hits (worst on top).
type hitHeap []Hit

// worse reports whether a ranks below b: lower score, or equal score and higher doc.
func worse(a, b Hit) bool { return a.Score < b.Score || a.Score == b.Score && a.Doc > b.Doc }

func (h hitHeap) offer(x Hit, k int) hitHeap {
	if len(h) < k {
		h = append(h, x)
		for i := len(h) - 1; i > 0; {
			p := (i - 1) / 2
			if !worse(h[i], h[p]) {
				break
			}
			h[i], h[p] = h[p], h[i]
			i = p
		}
		return h
	}
	if !worse(h[0], x) {
		return h
	}
	h[0] = x
	h.down(0, len(h))
	return h
}

func (h hitHeap) down(i, n int) {
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && worse(h[r], h[l]) {
			m = r
		}
		if !worse(h[m], h[i]) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// sort orders the heap best first (heapsort in place).
func (h hitHeap) sort() {
	for n := len(h) - 1; n > 0; n-- {
		h[0], h[n] = h[n], h[0]
		h.down(0, n)
	}
}
