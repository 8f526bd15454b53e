package claims

import (
	"slices"
	"sync/atomic"

	"fimi/internal/bm25"
	"fimi/internal/text"
)

// Alternative kinds: how a query term meets a claim term.
const (
	viaSame        uint8 = iota // the same stem, number or URL
	viaTranslation              // an English translation of the word
	viaName                     // the cross-script key of a name
	viaCognate                  // the cognate key of a word of another language
)

// qgroup is one distinct content term of the query with the ways it can match.
type qgroup struct {
	tok      int     // first token of the group
	weight   float64 // query weight of one occurrence (by where it stands)
	tf       int
	idf      float64 // highest idf of its alternatives found in the index (0: none)
	kind     Kind
	name     bool
	trailer  bool
	anyTrans bool // has translations
}

// qalt is one index term a group can match through.
type qalt struct {
	term  uint32
	group int32
	via   uint8
}

// prepared is an analysed query.
type prepared struct {
	lang     string
	tokens   []Token
	groups   []qgroup
	strs     []string  // per alternative before resolution: term text
	slots    []*idSlot // per alternative before resolution: where its term number is cached, or nil
	altsRaw  []qalt    // term unresolved (index into strs)
	alts     []qalt    // resolved, sorted by term
	altTab   altTable  // term -> first of its alts
	bigBuf   []byte    // bigram terms, one after the other
	bigEnd   []int32   // end of each bigram term in bigBuf
	bigIDs   []uint32  // resolved bigram terms, sorted
	terms    []bm25.Ref
	grams    []uint32 // character n-gram hashes of the words, with repeats
	gramSet  gramSet  // of grams
	byTerm   map[string]int
	ids      []uint32
	ntrans   []int
	seq      []int32 // group of each content token, in text order (at most maxSeq)
	seqStart []int32 // long items: group g sits at seq positions seqAt[seqStart[g]:seqStart[g+1]]
	seqAt    []int32
	seqNeg   []int32 // long items: positions of negations in seq
	debunk   bool    // the text says it is a fact-check (hasDebunkMarker)
	lower    []byte  // scratch of hasDebunkMarker
	words    int     // content words outside the trailer
	media    bool    // links a picture or video
	qidf     float64
}

// reset empties p for reuse.
func (p *prepared) reset(lang string) {
	p.lang = lang
	p.tokens = p.tokens[:0]
	p.groups = p.groups[:0]
	p.strs = p.strs[:0]
	clear(p.slots)
	p.slots = p.slots[:0]
	p.altsRaw = p.altsRaw[:0]
	p.alts = p.alts[:0]
	p.bigBuf = p.bigBuf[:0]
	p.bigEnd = p.bigEnd[:0]
	p.bigIDs = p.bigIDs[:0]
	p.terms = p.terms[:0]
	p.grams = p.grams[:0]
	p.seq = p.seq[:0]
	p.seqStart, p.seqAt, p.seqNeg = p.seqStart[:0], p.seqAt[:0], p.seqNeg[:0]
	p.words, p.qidf, p.media = 0, 0, false
	if p.byTerm == nil {
		p.byTerm = map[string]int{}
	}
	clear(p.byTerm)
}

// prepare analyses the query text and lists its terms into p. It needs no lock.
func (m *Matcher) prepare(p *prepared, s, lang string) {
	p.reset(lang)
	p.tokens, _ = analyze(s, lang, p.tokens, m.words)
	o := &m.opt
	byTerm := p.byTerm
	var prevWord string
	grams := p.grams
	tr := m.translator(lang)
	for i, t := range p.tokens {
		if t.Kind == Word && len(p.seq) < maxSeq && isNegation(t.Norm) {
			p.seq = append(p.seq, -1)
		}
		if !t.Content() {
			continue
		}
		if t.Kind == URL && mediaHosts[text.Domain(t.Norm)] {
			p.media = true
		}
		w := 1.0
		switch {
		case t.Flags&Trailer != 0:
			w = o.TrailerWeight
		case t.Flags&InMention != 0:
			w = o.MentionWeight
		case t.Flags&InTag != 0:
			w = o.TagWeight
		case t.Flags&InURL != 0:
			w = o.LinkWordWeight
		}
		if t.Kind == Word {
			if t.Flags&(Trailer|InMention) == 0 {
				p.words++
				grams = t.appendGrams(grams, lang)
			}
			if prevWord != "" && w > 0 {
				p.bigBuf = append(append(append(p.bigBuf, prevWord...), bigramSep...), t.Term...)
				p.bigEnd = append(p.bigEnd, int32(len(p.bigBuf)))
			}
			prevWord = t.Term
		} else {
			prevWord = ""
		}
		if w <= 0 {
			continue
		}
		g, ok := byTerm[t.Term]
		if ok {
			if len(p.seq) < maxSeq {
				p.seq = append(p.seq, int32(g))
			}
			p.groups[g].tf++
			p.groups[g].weight = max(p.groups[g].weight, w)
			p.groups[g].trailer = p.groups[g].trailer && t.Flags&Trailer != 0
			continue
		}
		if len(p.groups) >= o.MaxQueryTerms {
			continue // a long item: its first MaxQueryTerms distinct terms stand for it
		}
		g = len(p.groups)
		byTerm[t.Term] = g
		if len(p.seq) < maxSeq {
			p.seq = append(p.seq, int32(g))
		}
		qg := qgroup{tok: i, weight: w, tf: 1, kind: t.Kind, name: t.Flags&Name != 0, trailer: t.Flags&Trailer != 0}
		var ws [4]*idSlot // the word's cached term numbers, where the token's terms are the word's
		if w := t.w; w != nil {
			if t.Term == w.term {
				ws[0] = &w.ids[0]
			}
			if t.Key == w.key {
				ws[1] = &w.ids[1]
			}
			if t.key2 == w.key2 {
				ws[2] = &w.ids[2]
			}
			ws[3] = &w.ids[3]
		}
		p.addAlt(t.Term, g, viaSame, ws[0])
		if t.Key != "" {
			p.addAlt(t.keyTerm(), g, viaName, ws[1])
		}
		if t.key2 != "" {
			p.addAlt(t.key2Term(), g, viaName, ws[2])
		}
		if lang != "en" && o.CognateWeight > 0 {
			if c := t.cogTerm(); c != "" {
				p.addAlt(c, g, viaCognate, ws[3])
			}
		}
		if t.Kind == Word && tr != nil {
			es, tab := tr.translate(t.Norm, t.Term)
			for _, v := range es {
				if e := tab.eng[v]; e != t.Term {
					p.addAlt(e, g, viaTranslation, tr.slot(tab, v))
					qg.anyTrans = true
				}
			}
		}
		p.groups = append(p.groups, qg)
	}
	p.grams = grams
	p.gramSet.build(grams)
	if len(p.seq) >= seqEvents {
		p.indexSeq()
	}
	p.debunk, p.lower = hasDebunkMarker(s, p.lower)
}

// maxSeq bounds the content tokens whose order is kept for the window feature; from
// seqEvents tokens on, the positions of each group are listed (indexSeq) so that the window
// visits only those of the matched groups.
const (
	maxSeq    = 2048
	seqEvents = 192
)

// indexSeq lists the positions in p.seq of each group and of the negations.
func (p *prepared) indexSeq() {
	n := len(p.groups)
	p.seqStart = slices.Grow(p.seqStart[:0], n+1)[:n+1]
	clear(p.seqStart)
	for _, g := range p.seq {
		if g >= 0 {
			p.seqStart[g+1]++
		}
	}
	for g := range n {
		p.seqStart[g+1] += p.seqStart[g]
	}
	p.seqAt = slices.Grow(p.seqAt[:0], len(p.seq))[:int(p.seqStart[n])]
	next := p.ntrans[:0] // scratch: next free slot of each group
	for g := range n {
		next = append(next, int(p.seqStart[g]))
	}
	for i, g := range p.seq {
		if g < 0 {
			p.seqNeg = append(p.seqNeg, int32(i))
			continue
		}
		p.seqAt[next[g]] = int32(i)
		next[g]++
	}
	p.ntrans = next[:0]
}

func (p *prepared) addAlt(term string, g int, via uint8, slot *idSlot) {
	p.altsRaw = append(p.altsRaw, qalt{term: uint32(len(p.strs)), group: int32(g), via: via})
	p.strs = append(p.strs, term)
	p.slots = append(p.slots, slot)
}

// idSlot caches the index term number of a word's term or a translation: 0 until looked
// up, then (index terms at the time + 1) << 32 | number, where the number is noTerm for a
// term the index did not have then. Numbers never change, so a number found stays valid; a
// term not found is looked up again once the index has gained terms.
type idSlot struct{ v atomic.Uint64 }

// termID returns the index term number of term, through slot when it is not nil. Call
// under the read lock.
func (m *Matcher) termID(slot *idSlot, term string) (uint32, bool) {
	if slot == nil {
		return m.ix.TermID(term)
	}
	n := uint64(m.ix.Terms()) + 1
	if v := slot.v.Load(); v != 0 {
		if id := uint32(v); id != noTerm {
			return id, true
		}
		if v>>32 == n {
			return noTerm, false
		}
	}
	id, ok := m.ix.TermID(term)
	if !ok {
		id = noTerm
	}
	slot.v.Store(n<<32 | uint64(id))
	return id, ok
}

// resolve finds the query's terms in the index and builds the BM25 query. Call it under the
// matcher's read lock.
func (m *Matcher) resolve(p *prepared) {
	o := &m.opt
	ix := m.ix
	// Look every alternative up once; count the translations found per group to share
	// their weight.
	p.ids = slices.Grow(p.ids[:0], len(p.altsRaw))[:len(p.altsRaw)]
	p.ntrans = slices.Grow(p.ntrans[:0], len(p.groups))[:len(p.groups)]
	clear(p.ntrans)
	ids, ntrans := p.ids, p.ntrans
	for i, a := range p.altsRaw {
		id, ok := m.termID(p.slots[i], p.strs[a.term])
		if !ok {
			id = noTerm
		} else if a.via == viaTranslation {
			ntrans[a.group]++
		}
		ids[i] = id
	}
	idfs := ix.IDFs()
	p.alts = p.alts[:0]
	p.terms = p.terms[:0]
	for i, a := range p.altsRaw {
		id := ids[i]
		if id == noTerm {
			continue
		}
		g := &p.groups[a.group]
		w := g.weight * float64(min(g.tf, 3))
		switch a.via {
		case viaTranslation:
			w *= o.TranslationWeight / float64(ntrans[a.group])
		case viaName:
			w *= o.NameWeight
		case viaCognate:
			w *= o.CognateWeight
		}
		if a.via == viaSame || a.via == viaTranslation {
			g.idf = max(g.idf, idfs.Of(id))
		}
		p.alts = append(p.alts, qalt{term: id, group: a.group, via: a.via})
		p.terms = append(p.terms, bm25.Ref{ID: id, Weight: w})
	}
	slices.SortFunc(p.alts, func(a, b qalt) int {
		if a.term != b.term {
			if a.term < b.term {
				return -1
			}
			return 1
		}
		return int(a.group) - int(b.group)
	})
	p.altTab.build(p.alts)
	p.bigIDs = p.bigIDs[:0]
	from := int32(0)
	for _, end := range p.bigEnd {
		if id, ok := ix.TermIDBytes(p.bigBuf[from:end]); ok {
			p.bigIDs = append(p.bigIDs, id)
			p.terms = append(p.terms, bm25.Ref{ID: id, Weight: o.BigramWeight})
		}
		from = end
	}
	p.bigIDs = sortUnique(p.bigIDs)
	p.qidf = 0
	for _, g := range p.groups {
		if !g.trailer {
			p.qidf += g.idf
		}
	}
}

// altTable finds the alternatives of a query that an index term meets: an open-addressing
// hash table from term to the first of its entries in the sorted alternatives.
type altTable struct {
	bits  [1 << 10]uint64 // of the terms' low 16 bits: rules most absent terms out
	keys  []uint32        // term, or noTerm for an empty slot
	first []int32
	mask  uint32
}

// build indexes alts, sorted by term.
func (t *altTable) build(alts []qalt) {
	n := 16
	for n < 2*len(alts) {
		n *= 2
	}
	if cap(t.keys) < n {
		t.keys = make([]uint32, n)
		t.first = make([]int32, n)
	}
	t.keys, t.first = t.keys[:n], t.first[:n]
	for i := range t.keys {
		t.keys[i] = noTerm
	}
	t.mask = uint32(n - 1)
	clear(t.bits[:])
	for i, a := range alts {
		if i > 0 && alts[i-1].term == a.term {
			continue
		}
		t.bits[(a.term>>6)&1023] |= 1 << (a.term & 63)
		h := (a.term * 0x9E3779B1) & t.mask
		for t.keys[h] != noTerm {
			h = (h + 1) & t.mask
		}
		t.keys[h] = a.term
		t.first[h] = int32(i)
	}
}

// find returns the index of the first alternative of term, or -1.
func (t *altTable) find(term uint32) int {
	if t.bits[(term>>6)&1023]&(1<<(term&63)) == 0 {
		return -1
	}
	h := (term * 0x9E3779B1) & t.mask
	for {
		k := t.keys[h]
		if k == term {
			return int(t.first[h])
		}
		if k == noTerm {
			return -1
		}
		h = (h + 1) & t.mask
	}
}
