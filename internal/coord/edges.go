package coord

import (
	"slices"
)

// Edge storage. A data set with hot keys and a wide window yields millions of actor pairs that
// co-occurred once, so an accumulator is kept small and free of pointers: strings (keys and item
// ids quoted as evidence) are referenced by index into Builder.strs, accumulators live in
// fixed-size chunks (no copying as they grow, nothing for the garbage collector to scan), and
// what only repeated edges need (further keys and evidence) sits in an overflow record created
// on the second key or pair. An edge costs about 120 bytes, index included.

// evRef is an evidence pair by reference: key and item ids index Builder.strs (1-based).
type evRef struct {
	key, a, b uint32 // a is the post of the edge's lo actor (the earlier one for a self-loop)
	ta, tb    int64  // Unix ns
}

func (p evRef) gap() int64 {
	if p.tb >= p.ta {
		return p.tb - p.ta
	}
	return p.ta - p.tb
}

// edgeAcc accumulates one pair of actors (lo <= hi; lo == hi for a self-loop).
type edgeAcc struct {
	lo, hi           int32
	pairs            uint32
	postsLo, postsHi uint32
	nkeys            uint32 // distinct keys
	first, last      int64
	gapSum           float64 // seconds
	key0             uint64  // hash of the first key
	ev0              evRef   // the best evidence pair, when nev > 0
	nev              uint32
	extra            int32 // 1-based index into edgeStore.extra; 0: none
}

// edgeExtra holds what an edge needs once it has more than one pair.
type edgeExtra struct {
	keys []uint64 // hashes of the distinct keys other than key0, ascending
	ev   []evRef  // evidence after ev0, by increasing gap
}

const edgeChunk = 4096

// edgeStore holds the accumulators of one kind.
type edgeStore struct {
	index  map[uint64]int32 // lo<<32 | hi -> accumulator
	chunks [][]edgeAcc
	n      int32 // slots used
	free   []int32
	extra  []edgeExtra
	freeX  []int32
	list   []evRef // scratch
}

func newEdgeStore() edgeStore { return edgeStore{index: map[uint64]int32{}} }

func pairKey(lo, hi int32) uint64 { return uint64(uint32(lo))<<32 | uint64(uint32(hi)) }

func (s *edgeStore) get(i int32) *edgeAcc { return &s.chunks[i/edgeChunk][i%edgeChunk] }

func (s *edgeStore) len() int { return len(s.index) }

// edge returns the accumulator of pair {x, y}, creating it.
func (s *edgeStore) edge(x, y int32) *edgeAcc {
	lo, hi := min(x, y), max(x, y)
	key := pairKey(lo, hi)
	if i, ok := s.index[key]; ok {
		return s.get(i)
	}
	var i int32
	if n := len(s.free); n > 0 {
		i = s.free[n-1]
		s.free = s.free[:n-1]
	} else {
		if int(s.n) == len(s.chunks)*edgeChunk {
			s.chunks = append(s.chunks, make([]edgeAcc, edgeChunk))
		}
		i = s.n
		s.n++
	}
	e := s.get(i)
	*e = edgeAcc{lo: lo, hi: hi}
	s.index[key] = i
	return e
}

// remove drops an edge.
func (s *edgeStore) remove(key uint64, i int32) {
	e := s.get(i)
	if e.extra > 0 {
		s.extra[e.extra-1] = edgeExtra{}
		s.freeX = append(s.freeX, e.extra-1)
	}
	*e = edgeAcc{}
	delete(s.index, key)
	s.free = append(s.free, i)
}

// extraOf returns the overflow record of e, creating it.
func (s *edgeStore) extraOf(e *edgeAcc) *edgeExtra {
	if e.extra == 0 {
		if n := len(s.freeX); n > 0 {
			e.extra = s.freeX[n-1] + 1
			s.freeX = s.freeX[:n-1]
		} else {
			s.extra = append(s.extra, edgeExtra{})
			e.extra = int32(len(s.extra))
		}
	}
	return &s.extra[e.extra-1]
}

// keys returns the hashes of the distinct keys of e (a fresh slice).
func (s *edgeStore) keys(e *edgeAcc) []uint64 {
	if e.nkeys == 0 {
		return nil
	}
	out := []uint64{e.key0}
	if e.extra > 0 {
		out = append(out, s.extra[e.extra-1].keys...)
	}
	return out
}

// countKey records a shared key among the edge's distinct keys (by 64-bit hash).
func (s *edgeStore) countKey(e *edgeAcc, kh uint64) {
	switch {
	case e.nkeys == 0:
		e.key0, e.nkeys = kh, 1
	case kh != e.key0:
		x := s.extraOf(e)
		if i, ok := slices.BinarySearch(x.keys, kh); !ok {
			x.keys = slices.Insert(x.keys, i, kh)
			e.nkeys++
		}
	}
}

// evidence returns the evidence pairs of e, by increasing gap (a fresh slice).
func (s *edgeStore) evidence(e *edgeAcc) []evRef {
	if e.nev == 0 {
		return nil
	}
	out := []evRef{e.ev0}
	if e.extra > 0 {
		out = append(out, s.extra[e.extra-1].ev...)
	}
	return out
}

// addEvidence keeps the n pairs closest in time (the earlier among equal gaps).
func (s *edgeStore) addEvidence(e *edgeAcc, n int, p evRef) {
	gap := p.gap()
	switch {
	case n <= 0:
		return
	case e.nev == 0:
		e.ev0, e.nev = p, 1
		return
	case n == 1:
		if gap < e.ev0.gap() {
			e.ev0 = p
		}
		return
	}
	var tail []evRef
	if e.extra > 0 {
		tail = s.extra[e.extra-1].ev
	}
	worst := e.ev0
	if len(tail) > 0 {
		worst = tail[len(tail)-1]
	}
	if 1+len(tail) >= n && gap >= worst.gap() {
		return
	}
	list := append(append(s.list[:0], e.ev0), tail...)
	i := len(list)
	for i > 0 && list[i-1].gap() > gap {
		i--
	}
	list = slices.Insert(list, i, p)
	if len(list) > n {
		list = list[:n]
	}
	e.ev0 = list[0]
	x := s.extraOf(e)
	x.ev = append(x.ev[:0], list[1:]...)
	s.list = list
}
