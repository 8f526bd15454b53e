package echo

import "math"

// Relation is how a later item repeats an earlier one.
type Relation uint8

// Relations, from the strongest evidence to none.
const (
	None        Relation = iota
	Copy                 // near-verbatim: the same words in the same order, small edits
	Rewording            // the same content in other words or order, same language
	Translation          // the same content in another language
)

var relationNames = [...]string{"none", "copy", "rewording", "translation"}

// String returns "none", "copy", "rewording" or "translation".
func (r Relation) String() string {
	if int(r) < len(relationNames) {
		return relationNames[r]
	}
	return "unknown"
}

// MarshalText writes the String form, for JSON.
func (r Relation) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Similarities are the exact similarities of two items that decide their relation. Weights
// are inverse document frequencies once the detector has seen 1,000 items (1 before, and in
// Compare).
type Similarities struct {
	CopyContainment float64 // shared word bigrams / bigrams of the shorter text
	LengthRatio     float64 // words of the shorter / words of the longer
	// TermCoverage: the smaller, over the two texts, of the weighted share of a text's units
	// whose term (stem) the other text has: same-language overlap that a long text cannot
	// inflate.
	TermCoverage float64
	// PivotCoverage: the smaller, over the two texts, of the weighted share of a text's units
	// that meet the other text's pivot tokens (an English sense, a name, a number, a cognate).
	PivotCoverage float64
	// Translation is PivotCoverage with each direction divided by the share of the other
	// text's units that the lexicon knows (at least 0.7): a text in a language with a
	// small dictionary cannot cover much of its translation.
	Translation float64
	// TermContainment and TranslationContainment are TermCoverage and Translation in the
	// direction of the text with fewer units only: how much of it the longer one holds.
	TermContainment        float64
	TranslationContainment float64
	// Order: of the units of the text with fewer units that meet the other text's pivot
	// tokens, the share whose nearest matching unit in the other text lies at about the same
	// relative position (within a fifth of its length): translations and rewordings keep
	// the order of what they say, texts that merely share a topic do not.
	Order float64
	// Spread: the least, over the thirds of the text with fewer units (when it has 9 or
	// more), of the share of units that meet the other text: low when only a part of it is
	// shared, as when two posts share a sentence, high when it is repeated throughout
	// (maybe within a longer text).
	Spread      float64
	SharedTerms int // terms in common
	SharedUnits int // units of the smaller side that meet the other text's pivot
	// NumberConflict: both texts have numbers and share fewer than half of the smaller
	// set: different facts, so not a rewording or translation of each other.
	NumberConflict bool
	// NameConflict: both texts name people or places (capitalised words inside sentences)
	// and more than a quarter of the smaller set of names is not in the other: the same
	// template about someone or somewhere else. It vetoes
	// copies (below Thresholds.CopyAnyway) and rewordings, not translations (name keys
	// across scripts and inflections are too unreliable).
	NameConflict bool
}

// maxSet bounds the sizes of pivot and term sets that similarities compares (MaxWords and
// maxUnitTokens bound them in practice).
const maxSet = 1 << 16

// scratch holds the buffers of one similarity computation.
type scratch struct {
	ta, tb []int32 // term i of a (b) is in b (a) at index ta[i]-1 (0: not in it)
	pa, pb []int32 // pivot token i of a (b) is token pa[i]-1 of b (pb[i]-1 of a); 0: absent
	// units of the other text by pivot token, for Order: those of token p are
	// punits[pstart[p]:pstart[p+1]]
	pstart, punits []int32
	// Weights of a's units and pivot tokens when a is the same for many calls (the new
	// item against its candidates): set by weigh, nil otherwise.
	wUnit, wPivot []float64
	weighed       *features // the features wUnit and wPivot belong to
}

// weigh caches the weights of f's units and pivot tokens in sc for similarities calls
// with f as a.
func (sc *scratch) weigh(f *features, w *docFreq) {
	sc.wUnit, sc.wPivot, sc.weighed = sc.wUnit[:0], sc.wPivot[:0], f
	logN := w.langLogN(f.lang)
	for i := range f.ulen {
		sc.wUnit = append(sc.wUnit, w.weightIn(f.terms[f.uterm[i]], logN))
	}
	for _, h := range f.pivot {
		sc.wPivot = append(sc.wPivot, w.weight(h))
	}
}

// matchIdx records in ma (mb), for the elements of a (b) also in b (a), their index in the
// other set plus one, and returns their number.
func matchIdx(a, b []uint32, ma, mb []int32) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			ma[i], mb[j] = int32(j+1), int32(i+1)
			n++
			i++
			j++
		}
	}
	return n
}

func growClear[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// intersect counts the common elements of two sorted sets.
func intersect[T uint16 | uint32](a, b []T) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
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

// coverage is one direction: the weighted shares of f's units whose term is in the other
// text (tm) and whose pivot tokens meet it (pm), the weighted share of f's units known to
// the lexicon, and the number of units met.
//
// Unit weights come from wUnit when given, else from f.uw when set, else from w. The weight
// of a matched pivot token is wPivot of its index in f when given, else wOther of its index
// in the other text when given (pm holds it), else from w.
//
// spread is the least, over the thirds of f's units, of the share of units met: a text
// that repeats the other throughout meets units in every third, one that only shares a
// sentence with it does not (1 for texts of fewer than spreadMin units).
func coverage(f *features, tm []int32, pm []int32, w *docFreq, wUnit, wPivot, wOther []float64) (term, pivot, known, spread float64, met int) {
	if f.utok8 != nil || f.utok == nil {
		return coverageOf(f, f.utok8, tm, pm, w, wUnit, wPivot, wOther)
	}
	return coverageOf(f, f.utok, tm, pm, w, wUnit, wPivot, wOther)
}

// spreadMin is the fewest units for which coverage measures the spread of the matches.
const spreadMin = 9

func coverageOf[T uint8 | uint16](f *features, utok []T, tm []int32, pm []int32, w *docFreq, wUnit, wPivot, wOther []float64) (term, pivot, known, spread float64, met int) {
	var tot, gotT, gotP, kn float64
	var third [3]int // units met per third
	off := 0
	logN := w.langLogN(f.lang)
	for i, l := range f.ulen {
		n := int(l &^ unknownUnit)
		ti := f.uterm[i]
		var wu float64
		switch {
		case wUnit != nil:
			wu = wUnit[i]
		case f.uw != nil && f.uw[i] != 0:
			wu = weightDeq[f.uw[i]]
		default:
			wu = w.weightIn(f.terms[ti], logN)
		}
		tot += wu
		if l&unknownUnit == 0 {
			kn += wu
		}
		if tm[ti] != 0 {
			gotT += wu
		}
		best := 0.0
		for _, pi := range utok[off : off+n] {
			if o := pm[pi]; o != 0 {
				switch {
				case wPivot != nil:
					best = max(best, wPivot[pi])
				case wOther != nil:
					best = max(best, wOther[o-1])
				default:
					best = max(best, w.weight(f.pivot[pi]))
				}
			}
		}
		if best > 0 {
			met++
			third[3*i/len(f.ulen)]++
		}
		gotP += min(wu, best)
		off += n
	}
	if tot == 0 {
		return 0, 0, 0, 0, 0
	}
	spread = 1
	if n := len(f.ulen); n >= spreadMin {
		for k, m := range third {
			// units in third k: those i with 3i/n == k
			size := (n*(k+1)+2)/3 - (n*k+2)/3
			spread = min(spread, float64(m)/float64(size))
		}
	}
	return gotT / tot, gotP / tot, kn / tot, spread, met
}

// similarities computes the similarities of a and b with the weights w (nil: all 1). With
// thresholds t (the detector's hot path), Order is left at -1 for decide to compute if it
// needs it (sc must not be used for another pair in between), and a pair that cannot be a
// copy and shares fewer pivot tokens than t.MinShared gets only CopyContainment and
// LengthRatio: decide finds no relation for it.
func similarities(a, b *features, w *docFreq, sc *scratch, t *Thresholds) Similarities {
	lazy := t != nil
	var s Similarities
	if len(a.bigrams) > 0 && len(b.bigrams) > 0 {
		s.CopyContainment = float64(intersect(a.bigrams, b.bigrams)) / float64(min(len(a.bigrams), len(b.bigrams)))
	}
	if a.words > 0 && b.words > 0 {
		s.LengthRatio = float64(min(a.words, b.words)) / float64(max(a.words, b.words))
	}
	sc.pa, sc.pb = growClear(sc.pa, len(a.pivot)), growClear(sc.pb, len(b.pivot))
	if shared := matchIdx(a.pivot, b.pivot, sc.pa, sc.pb); lazy && shared < t.MinShared && s.CopyContainment < t.Copy {
		s.Order = -1
		return s
	}
	sc.ta, sc.tb = growClear(sc.ta, len(a.terms)), growClear(sc.tb, len(b.terms))
	s.SharedTerms = matchIdx(a.terms, b.terms, sc.ta, sc.tb)
	var wu, wp []float64
	if sc.weighed == a {
		wu, wp = sc.wUnit, sc.wPivot
	}
	ta, pa, ka, sa, ma := coverage(a, sc.ta, sc.pa, w, wu, wp, nil)
	tb, pb, kb, sb, mb := coverage(b, sc.tb, sc.pb, w, nil, nil, wp)
	s.Spread = sa
	if len(b.ulen) < len(a.ulen) {
		s.Spread = sb
	}
	s.TermCoverage = min(ta, tb)
	s.PivotCoverage = min(pa, pb)
	s.Translation = min(pa/max(kb, knownFloor), pb/max(ka, knownFloor))
	s.SharedUnits = min(ma, mb)
	// Containment: the coverages of the text with fewer units (a post carrying an
	// article's lead, a quoted sentence).
	if len(a.ulen) <= len(b.ulen) {
		s.TermContainment, s.TranslationContainment = ta, pa/max(kb, knownFloor)
	} else {
		s.TermContainment, s.TranslationContainment = tb, pb/max(ka, knownFloor)
	}
	s.Order = -1
	if !lazy {
		s.Order = orders(a, b, sc)
	}
	if len(a.numbers) > 0 && len(b.numbers) > 0 {
		s.NumberConflict = 2*intersect(a.numbers, b.numbers) < min(len(a.numbers), len(b.numbers))
	}
	if len(a.names) > 0 && len(b.names) > 0 {
		m := min(len(a.names), len(b.names))
		s.NameConflict = 4*(m-intersect(a.names, b.names)) > m
	}
	return s
}

// orders computes Similarities.Order of a and b after similarities (with sc).
func orders(a, b *features, sc *scratch) float64 {
	if len(a.ulen) <= len(b.ulen) {
		return order(a, b, sc.pa, sc)
	}
	return order(b, a, sc.pb, sc)
}

// decide returns the relation of two items and its similarity score, and fills in s.Order
// when similarities left it to be computed and the decision needs it.
func decide(t *Thresholds, a, b *features, s *Similarities, sc *scratch) (Relation, float64) {
	if s.CopyContainment >= t.Copy && s.LengthRatio >= t.CopyLength && (!s.NameConflict || s.CopyContainment >= t.CopyAnyway) {
		return Copy, s.CopyContainment
	}
	if s.NumberConflict || s.SharedUnits < t.MinShared {
		return None, 0
	}
	inOrder := func() bool {
		if t.InOrder <= 0 || s.Spread < t.SpreadInOrder {
			return false
		}
		if s.Order < 0 {
			s.Order = orders(a, b, sc)
		}
		return s.Order >= t.InOrder
	}
	if a.lang == b.lang || a.lang == "" || b.lang == "" {
		if s.NameConflict {
			return None, 0
		}
		if s.TermCoverage >= t.Rewording {
			return Rewording, s.TermCoverage
		}
		if s.PivotCoverage >= t.RewordingInOrder && inOrder() {
			return Rewording, max(s.TermCoverage, s.PivotCoverage)
		}
		return None, s.TermCoverage
	}
	if s.Translation >= t.Translation || s.SharedUnits >= t.MinSharedInOrder && s.Translation >= t.TranslationInOrder && inOrder() {
		return Translation, min(s.Translation, 1)
	}
	return None, s.Translation
}

// minDocsForIDF is how many documents the detector must have seen before similarities are
// weighted by inverse document frequency; before, and in Compare, every term weighs 1.
const minDocsForIDF = 1000

// docFreq counts, approximately, in how many documents each term and pivot hash occurred: a
// fixed array of counters indexed by the hash (collisions only add counts), 4 MiB.
type docFreq struct {
	counts []uint32
	n      int64
	logN   float64
	flat   bool // weights are all 1 (fewer than minDocsForIDF documents, or Compare)
	// Per language: terms are weighted within their language, so that the common words of
	// a language with few documents do not look rare.
	langs map[string]*langCount
}

type langCount struct {
	n    int64
	logN float64
}

const dfBits = 20

// logTab[c] is ln(c+1) for small counts.
var logTab = func() (t [1 << 12]float64) {
	for i := range t {
		t[i] = math.Log(float64(i) + 1)
	}
	return
}()

func newDocFreq() *docFreq {
	return &docFreq{counts: make([]uint32, 1<<dfBits), flat: true, langs: map[string]*langCount{}}
}

func (d *docFreq) slot(h uint32) uint32 { return (h * 0x9E3779B1) >> (32 - dfBits) }

func (d *docFreq) add(f *features) {
	for _, h := range f.terms {
		d.counts[d.slot(h)]++
	}
	for _, h := range f.pivot {
		d.counts[d.slot(h)]++
	}
	d.n++
	d.logN = math.Log(float64(d.n) + 1)
	d.flat = d.n < minDocsForIDF
	lc := d.langs[f.lang]
	if lc == nil {
		lc = &langCount{}
		d.langs[f.lang] = lc
	}
	lc.n++
	lc.logN = math.Log(float64(lc.n) + 1)
}

// termWeights returns a function weighting the terms of language lang within it (the
// global weight until the language has minLangDocs documents).
func (d *docFreq) langLogN(lang string) float64 {
	if d == nil {
		return 0
	}
	if lc := d.langs[lang]; lc != nil && lc.n >= minLangDocs {
		return lc.logN
	}
	return d.logN
}

// weightIn is weight with the document count logN of a language.
func (d *docFreq) weightIn(h uint32, logN float64) float64 {
	if d == nil || d.flat {
		return 1
	}
	c := d.counts[d.slot(h)]
	var l float64
	if c < uint32(len(logTab)) {
		l = logTab[c]
	} else {
		l = math.Log(float64(c) + 1)
	}
	return max(logN-l, 0.1)
}

// weight is the inverse document frequency of a hash, ln((N+1)/(df+1)), at least 0.1; 1
// when the weights are flat. A nil docFreq weighs everything 1.
func (d *docFreq) weight(h uint32) float64 {
	if d == nil || d.flat {
		return 1
	}
	c := d.counts[d.slot(h)]
	var l float64
	if c < uint32(len(logTab)) {
		l = logTab[c]
	} else {
		l = math.Log(float64(c) + 1)
	}
	return max(d.logN-l, 0.1)
}

// minLangDocs is how many documents a language needs before its terms are weighted within
// it.
const minLangDocs = 5

// weightQ quantizes a weight for features.uw (1/16 steps, 1..255); weightDeq reverses it.
func weightQ(w float64) uint8 { return uint8(min(max(math.Round(w*16), 1), 255)) }

var weightDeq = func() (t [256]float64) {
	for i := range t {
		t[i] = float64(i) / 16
	}
	return
}()

// knownFloor is the least share of a text's units known to the lexicon that
// Similarities.Translation divides by.
const knownFloor = 0.7

// orderSlack is how far, as a share of the texts' lengths in units, matching units may lie
// apart and still count as in order (Similarities.Order).
const orderSlack = 0.2

// unitTok returns the pivot index of the j-th unit token of f.
func unitTok(f *features, j int) int {
	if f.utok8 != nil {
		return int(f.utok8[j])
	}
	return int(f.utok[j])
}

// order computes Similarities.Order for x against y, where pm maps x's pivot tokens to
// y's (matchIdx).
func order(x, y *features, pm []int32, sc *scratch) float64 {
	if len(x.ulen) == 0 || len(y.ulen) == 0 {
		return 0
	}
	// Units of y by pivot token (counting sort).
	sc.pstart = growClear(sc.pstart, len(y.pivot)+1)
	off := 0
	for _, l := range y.ulen {
		n := int(l &^ unknownUnit)
		for j := off; j < off+n; j++ {
			sc.pstart[unitTok(y, j)+1]++
		}
		off += n
	}
	for p := 1; p < len(sc.pstart); p++ {
		sc.pstart[p] += sc.pstart[p-1]
	}
	sc.punits = growN(sc.punits, off)
	off = 0
	for i, l := range y.ulen {
		n := int(l &^ unknownUnit)
		for j := off; j < off+n; j++ {
			p := unitTok(y, j)
			sc.punits[sc.pstart[p]] = int32(i)
			sc.pstart[p]++
		}
		off += n
	}
	// pstart[p] now ends p's run: shift back.
	copy(sc.pstart[1:], sc.pstart[:len(sc.pstart)-1])
	sc.pstart[0] = 0
	nx, ny := float64(len(x.ulen)), float64(len(y.ulen))
	met, near := 0, 0
	off = 0
	for i, l := range x.ulen {
		n := int(l &^ unknownUnit)
		pos := (float64(i) + 0.5) / nx
		best := 2.0
		for j := off; j < off+n; j++ {
			o := pm[unitTok(x, j)]
			if o == 0 {
				continue
			}
			for _, u := range sc.punits[sc.pstart[o-1]:sc.pstart[o]] {
				best = min(best, math.Abs(pos-(float64(u)+0.5)/ny))
			}
		}
		off += n
		if best <= 1 {
			met++
			if best <= orderSlack {
				near++
			}
		}
	}
	if met == 0 {
		return 0
	}
	return float64(near) / float64(met)
}
