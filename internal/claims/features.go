package claims

import (
	"math"
	"slices"

	"fimi/internal/bm25"
)

// Features of a (query, candidate claim) pair, the input of the Model. Their order is the
// order of Model.Weights; FeatureNames lists them.
const (
	fBM25         = iota // log(1 + BM25F score)
	fBM25Rel             // BM25F score / best score among the candidates
	fBM25Rank            // log(1 + rank among the candidates by BM25F)
	fBM25Text            // log(1 + BM25 of Claim.Text alone)
	fBM25Title           // log(1 + BM25 of Claim.Title alone)
	fQueryCov            // idf-weighted share of the item's content terms found in the claim
	fClaimCov            // idf-weighted share of the claim's text terms found in the item
	fTitleCov            // same for the claim's title
	fAllCov              // same over text, title and keywords
	fUnmatched           // log(1 + idf mass of the claim's text and title terms missing from the item)
	fBigramCov           // share of the claim's bigrams found in the item
	fBigrams             // log(1 + bigrams shared)
	fNameCov             // share of the claim's names found in the item (0 without names)
	fNameMiss            // the claim has names and none is in the item
	fQueryNameCov        // share of the item's names found in the claim
	fNumberCov           // share of the claim's numbers found in the item
	fNumberClash         // both have numbers and share none
	fURL                 // a link in common
	fGrams               // Dice coefficient of character 4-grams
	fClaimLen            // log(1 + content words of the claim)
	fQueryLen            // log(1 + content words of the item)
	fTranslated          // share of the matched query mass matched only through translation
	fMatched             // log(1 + content terms of the item found in the claim)
	fTrailer             // the embedded-tweet trailer (author) shares a term with the claim
	fMaxIDF              // highest idf among the shared terms / highest idf of the query
	fMedia               // the item links a picture or video and the claim is about one
	fClaimMedia          // the claim is about a picture or video
	fWordHits            // log(1 + distinct words of the claim's text and title found in the item)
	fWordShare           // share of the distinct words of the claim's text and title found in the item
	fWindow              // most matched item terms in a window of the item's length-of-claim, / distinct claim words
	fDebunk              // the item says it is a fact-check or debunk
	fNegation            // the window of fWindow holds a negation and the claim none
	numFeatures
)

var featureNames = [numFeatures]string{
	"bm25", "bm25_rel", "bm25_rank", "bm25_text", "bm25_title", "query_cov", "claim_cov", "title_cov",
	"all_cov", "unmatched", "bigram_cov", "bigrams", "name_cov", "name_miss", "query_name_cov",
	"number_cov", "number_clash", "url", "grams", "claim_len", "query_len", "translated", "matched",
	"trailer", "max_idf", "media", "claim_media", "word_hits", "word_share",
	"window", "debunk", "negation",
}

// FeatureNames returns the names of the model's features, in order.
func FeatureNames() []string { return append([]string(nil), featureNames[:]...) }

// scratch holds per-query buffers.
type scratch struct {
	matched []bool  // per group: matched by the candidate
	viaSame []bool  // per group: matched other than by translation
	inWin   []int32 // per group: occurrences in the window
	events  []int32 // windowHits: positions in seq of matched groups and negations
}

// windowHits slides a window of about twice the claim's distinct words over the item's
// content tokens (seq: their groups) and returns the most distinct matched groups seen in
// one window, divided by the claim's distinct words (at most 1): a claim repeated in an item
// has its words close together, while an article on the same topic scatters them. Entries
// of -1 in seq are negations; neg reports whether the best window holds one.
//
// On a long item it visits only the positions of the matched groups and the negations
// (p.seqAt), which gives the same result: the count can only rise at such a position.
func windowHits(p *prepared, matched []bool, distinct int, sc *scratch) (share float64, neg bool) {
	seq := p.seq
	if distinct == 0 || len(seq) == 0 {
		return 0, false
	}
	w := min(max(2*distinct, 8), 48)
	if cap(sc.inWin) < len(matched) {
		sc.inWin = make([]int32, len(matched))
	}
	in := sc.inWin[:len(matched)]
	clear(in)
	cur, best, negs := 0, 0, 0
	if len(p.seqStart) > 0 {
		ev := append(sc.events[:0], p.seqNeg...)
		for g, ok := range matched {
			if ok {
				ev = append(ev, p.seqAt[p.seqStart[g]:p.seqStart[g+1]]...)
			}
		}
		slices.Sort(ev)
		sc.events = ev
		l := 0
		for _, i := range ev {
			if g := seq[i]; g < 0 {
				negs++
			} else {
				if in[g] == 0 {
					cur++
				}
				in[g]++
			}
			for ; ev[l] <= i-int32(w); l++ {
				if o := seq[ev[l]]; o < 0 {
					negs--
				} else {
					in[o]--
					if in[o] == 0 {
						cur--
					}
				}
			}
			if cur > best {
				best, neg = cur, negs > 0
			}
		}
		return min(1, float64(best)/float64(distinct)), neg
	}
	for i, g := range seq {
		switch {
		case g < 0:
			negs++
		case matched[g]:
			if in[g] == 0 {
				cur++
			}
			in[g]++
		}
		if i >= w {
			switch o := seq[i-w]; {
			case o < 0:
				negs--
			case matched[o]:
				in[o]--
				if in[o] == 0 {
					cur--
				}
			}
		}
		if cur > best {
			best, neg = cur, negs > 0
		}
	}
	return min(1, float64(best)/float64(distinct)), neg
}

// features computes the features of candidate d (BM25F score s, rank r, best score best,
// BM25 of each field alone perField) into x. Call under the read lock.
func (m *Matcher) features(p *prepared, d *claimDoc, total idfMass, s float64, r int, best float64, perField []float64, idfs bm25.IDFs, sc *scratch, x []float64) {
	clear(x)
	x[fBM25] = math.Log1p(s)
	if best > 0 {
		x[fBM25Rel] = s / best
	}
	x[fBM25Rank] = math.Log1p(float64(r))
	x[fBM25Text] = math.Log1p(perField[fieldText])
	x[fBM25Title] = math.Log1p(perField[fieldTitle])

	// Which query groups the claim's terms meet.
	ng := len(p.groups)
	if cap(sc.matched) < ng {
		sc.matched = make([]bool, ng)
		sc.viaSame = make([]bool, ng)
	}
	matched, same := sc.matched[:ng], sc.viaSame[:ng]
	clear(matched)
	clear(same)
	var covered [numFields]float64 // idf mass of each field's tokens found in the query
	namesHit, names, wordHits := 0, 0, 0
	for i := range d.toks {
		t := &d.toks[i]
		if t.term == noTerm {
			continue
		}
		hit := m.markAlt(p, t.term, matched, same)
		if t.key != noTerm && m.markAlt(p, t.key, matched, same) {
			hit = true
		}
		if t.key2 != noTerm && m.markAlt(p, t.key2, matched, same) {
			hit = true
		}
		if t.cog != noTerm && m.markAlt(p, t.cog, matched, same) {
			hit = true
		}
		if hit {
			covered[t.field] += idfs.Of(t.term)
			if t.first {
				wordHits++
			}
		}
		if t.flags&Name != 0 && t.field != fieldExtra {
			names++
			if hit {
				namesHit++
			}
		}
	}
	if total[fieldText] > 0 {
		x[fClaimCov] = covered[fieldText] / total[fieldText]
	}
	if total[fieldTitle] > 0 {
		x[fTitleCov] = covered[fieldTitle] / total[fieldTitle]
	}
	if all := total[fieldText] + total[fieldTitle] + total[fieldExtra]; all > 0 {
		x[fAllCov] = (covered[fieldText] + covered[fieldTitle] + covered[fieldExtra]) / all
	}
	x[fUnmatched] = math.Log1p(max(0, total[fieldText]+total[fieldTitle]-covered[fieldText]-covered[fieldTitle]))

	var qcov, qtrans, maxHit, maxQ float64
	nMatched, qNames, qNamesHit, trailer := 0, 0, 0, 0.0
	for g := range p.groups {
		gr := &p.groups[g]
		if gr.trailer {
			if matched[g] {
				trailer = 1
			}
			continue
		}
		maxQ = max(maxQ, gr.idf)
		if gr.name {
			qNames++
		}
		if !matched[g] {
			continue
		}
		nMatched++
		qcov += gr.idf
		maxHit = max(maxHit, gr.idf)
		if !same[g] {
			qtrans += gr.idf
		}
		if gr.name {
			qNamesHit++
		}
	}
	if p.qidf > 0 {
		x[fQueryCov] = qcov / p.qidf
	}
	if qcov > 0 {
		x[fTranslated] = qtrans / qcov
	}
	if maxQ > 0 {
		x[fMaxIDF] = maxHit / maxQ
	}
	x[fMatched] = math.Log1p(float64(nMatched))
	x[fTrailer] = trailer
	if names > 0 {
		x[fNameCov] = float64(namesHit) / float64(names)
		if namesHit == 0 {
			x[fNameMiss] = 1
		}
	}
	if qNames > 0 {
		x[fQueryNameCov] = float64(qNamesHit) / float64(qNames)
	}

	// Bigrams.
	bh := intersectCount(d.bigrams, p.bigIDs)
	if len(d.bigrams) > 0 {
		x[fBigramCov] = float64(bh) / float64(len(d.bigrams))
	}
	x[fBigrams] = math.Log1p(float64(bh))

	// Numbers and links.
	qNums := 0
	for _, g := range p.groups {
		if g.kind == Number && !g.trailer {
			qNums++
		}
	}
	numHit := 0
	for _, n := range d.numbers {
		if m.hasAlt(p, n) {
			numHit++
		}
	}
	if len(d.numbers) > 0 {
		x[fNumberCov] = float64(numHit) / float64(len(d.numbers))
		if qNums > 0 && numHit == 0 {
			x[fNumberClash] = 1
		}
	}
	for _, t := range d.toks {
		if t.kind == URL && m.hasAlt(p, t.term) {
			x[fURL] = 1
			break
		}
	}
	if n := p.gramSet.n + len(d.grams); n > 0 {
		x[fGrams] = 2 * float64(p.gramHits(d.grams)) / float64(n)
	}
	if d.media {
		x[fClaimMedia] = 1
		if p.media {
			x[fMedia] = 1
		}
	}
	var neg bool
	x[fWindow], neg = windowHits(p, matched, d.distinct, sc)
	if neg && !d.negated {
		x[fNegation] = 1
	}
	if p.debunk {
		x[fDebunk] = 1
	}
	x[fWordHits] = math.Log1p(float64(wordHits))
	if d.distinct > 0 {
		x[fWordShare] = float64(wordHits) / float64(d.distinct)
	}
	x[fClaimLen] = math.Log1p(float64(d.words))
	x[fQueryLen] = math.Log1p(float64(p.words))
}

// markAlt marks the query groups that index term t meets and reports whether there was one.
func (m *Matcher) markAlt(p *prepared, t uint32, matched, same []bool) bool {
	i := p.altTab.find(t)
	if i < 0 {
		return false
	}
	hit := false
	for ; i < len(p.alts) && p.alts[i].term == t; i++ {
		g := p.alts[i].group
		matched[g] = true
		if v := p.alts[i].via; v == viaSame || v == viaName {
			same[g] = true
		}
		hit = true
	}
	return hit
}

func (m *Matcher) hasAlt(p *prepared, t uint32) bool { return p.altTab.find(t) >= 0 }

// intersectCount counts the values two sorted unique slices share: a merge, or binary
// searches of the shorter in the longer when one is much longer (a claim's few bigrams
// against an article's many).
func intersectCount(a, b []uint32) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a)*16 < len(b) {
		n, lo := 0, 0
		for _, v := range a {
			i, ok := slices.BinarySearch(b[lo:], v)
			lo += i
			if ok {
				n++
			}
		}
		return n
	}
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// gramFilter is a bitmap of the low 16 bits of a query's n-gram hashes.
type gramFilter [1 << 10]uint64

// gramSet is the set of a query's n-gram hashes: the bitmap rules most other hashes out, an
// open-addressing table (0 marks an empty slot; the hash 0 itself is kept apart) confirms
// the rest. Building it needs no sort.
type gramSet struct {
	bits  gramFilter
	slots []uint32
	shift uint32
	zero  bool // the hash 0 is in the set
	n     int  // distinct hashes
}

// build fills the set with grams (repeats allowed).
func (s *gramSet) build(grams []uint32) {
	clear(s.bits[:])
	size, shift := 64, uint32(32-6)
	for size < 2*len(grams) {
		size *= 2
		shift--
	}
	if cap(s.slots) < size {
		s.slots = make([]uint32, size)
	}
	s.slots = s.slots[:size]
	clear(s.slots)
	s.shift, s.zero, s.n = shift, false, 0
	mask := uint32(size - 1)
	for _, g := range grams {
		if g == 0 {
			if !s.zero {
				s.zero = true
				s.n++
				s.bits[0] |= 1
			}
			continue
		}
		h := (g * 0x9E3779B1) >> shift
		for {
			k := s.slots[h]
			if k == g {
				break
			}
			if k == 0 {
				s.slots[h] = g
				s.n++
				s.bits[(g>>6)&1023] |= 1 << (g & 63)
				break
			}
			h = (h + 1) & mask
		}
	}
}

// has reports whether g is in the set.
func (s *gramSet) has(g uint32) bool {
	if s.bits[(g>>6)&1023]&(1<<(g&63)) == 0 {
		return false
	}
	if g == 0 {
		return s.zero
	}
	mask := uint32(len(s.slots) - 1)
	h := (g * 0x9E3779B1) >> s.shift
	for {
		switch s.slots[h] {
		case g:
			return true
		case 0:
			return false
		}
		h = (h + 1) & mask
	}
}

// gramHits counts the grams of a claim (unique) that the query has.
func (p *prepared) gramHits(grams []uint32) int {
	n := 0
	for _, g := range grams {
		if p.gramSet.has(g) {
			n++
		}
	}
	return n
}
