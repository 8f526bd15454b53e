package gen

import "math/rand/v2"

// ref is an emitted item that later items may share, reply to or link: a bounded window of the
// recent past. Ids and handles are recomputed from (plat, num) and acct, so entries hold no
// strings except the share prefix and URL where they matter.
type ref struct {
	t      int64
	num    int64 // per-platform counter: the id is appendID(plat, num)
	acct   int32
	plat   uint8
	lang   uint8
	prefix string // first words of the text (popular posts, for "RT @x: …")
	url    string // canonical URL (articles)
}

// ring keeps the last len(buf) refs in time order.
type ring struct {
	buf  []ref
	head int // next write position
	n    int
}

func newRing(size int) ring { return ring{buf: make([]ref, size)} }

func (r *ring) push(e ref) {
	r.buf[r.head] = e
	r.head = (r.head + 1) % len(r.buf)
	if r.n < len(r.buf) {
		r.n++
	}
}

// at returns the k-th oldest entry.
func (r *ring) at(k int) *ref {
	return &r.buf[(r.head-r.n+k+len(r.buf))%len(r.buf)]
}

// pickAge returns an entry about Exp(mean) seconds older than now (the oldest when the window is
// shorter), or nil when empty. Entries at or after now are never returned.
func (r *ring) pickAge(rng *rand.Rand, now int64, mean float64) *ref {
	if r.n == 0 {
		return nil
	}
	target := now - 1 - int64(rng.ExpFloat64()*mean)
	// Last entry with t <= target.
	lo, hi := 0, r.n
	for lo < hi {
		m := (lo + hi) / 2
		if r.at(m).t <= target {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		if e := r.at(0); e.t < now {
			return e
		}
		return nil
	}
	return r.at(lo - 1)
}

// last returns the newest entry or nil.
func (r *ring) last() *ref {
	if r.n == 0 {
		return nil
	}
	return r.at(r.n - 1)
}
