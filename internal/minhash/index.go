package minhash

import (
	"errors"
	"fmt"
	"slices"
	"unsafe"
)

// Ref identifies an item in an Index: refs are given out in insertion order from 1; 0 is
// never a valid ref.
type Ref uint64

// Candidate is an item returned by Query with the number of bands in which it collided with
// the query signature (1..Bands).
type Candidate struct {
	Ref  Ref
	Hits int32
}

// Options configure an Index. Bands·Rows signature values are used; signatures given to Add
// and Query must have at least that many.
type Options struct {
	Bands int // number of bands b (16)
	Rows  int // values per band r (4): a pair of Jaccard similarity s is found with probability 1-(1-s^r)^b
	// MaxChain is the most items visited per band and query, newest first (64). It bounds the
	// cost of a query when many items share a band key (mass copies): the newest are the ones
	// returned.
	MaxChain int
	// Horizon, when positive, makes every Add expire items whose time is older than the new
	// item's time minus Horizon (in the caller's time unit).
	Horizon int64
}

// DefaultOptions returns 16 bands of 4 rows (a pair with Jaccard 0.5 is found with
// probability 0.65, 0.7 with 0.98), chains walked 64 deep, no horizon.
func DefaultOptions() Options {
	return Options{Bands: 16, Rows: 4, MaxChain: 64}
}

// ErrOptions is returned (wrapped) by NewIndex for options it cannot use.
var ErrOptions = errors.New("minhash: invalid options")

const (
	blockShift = 12
	blockSize  = 1 << blockShift // items per storage block, freed together by expiry
	// maxSpan bounds how far apart in refs live items, table heads and links may be, so that
	// 32-bit stored refs and distances are unambiguous.
	maxSpan = 1 << 30
)

// block stores the links and times of blockSize consecutive refs.
type block struct {
	links []uint32 // blockSize·bands distances back to the previous item with the same band key; 0 ends the chain
	times [blockSize]int64
}

// Index is a banded LSH index over MinHash signatures with expiry. See the package
// documentation for the layout, memory and concurrency.
type Index struct {
	opt    Options
	tab    table
	blocks []*block
	base   Ref // first ref of blocks[0]
	live   Ref // refs below live are expired
	next   Ref // ref of the next Add
	swept  Ref // next at the last table rebuild
	keys   []uint64
	latest int64 // time of the newest item
}

// NewIndex returns an empty index. Zero fields of opt take their DefaultOptions values.
func NewIndex(opt Options) (*Index, error) {
	def := DefaultOptions()
	if opt.Bands == 0 {
		opt.Bands = def.Bands
	}
	if opt.Rows == 0 {
		opt.Rows = def.Rows
	}
	if opt.MaxChain == 0 {
		opt.MaxChain = def.MaxChain
	}
	if opt.Bands < 1 || opt.Bands > 1024 || opt.Rows < 1 || opt.Rows > 64 || opt.MaxChain < 1 || opt.Horizon < 0 {
		return nil, fmt.Errorf("%w: bands %d, rows %d, max chain %d, horizon %d", ErrOptions, opt.Bands, opt.Rows, opt.MaxChain, opt.Horizon)
	}
	x := &Index{opt: opt, base: 1, live: 1, next: 1, swept: 1}
	x.tab.init(1024)
	return x, nil
}

// Options returns the options in force.
func (x *Index) Options() Options { return x.opt }

// SignatureLen is the number of signature values the index reads: Bands·Rows.
func (x *Index) SignatureLen() int { return x.opt.Bands * x.opt.Rows }

// Len returns the number of live (not expired) items.
func (x *Index) Len() int { return int(x.next - x.live) }

// Next returns the ref the next Add will give.
func (x *Index) Next() Ref { return x.next }

// Live reports whether ref was added and has not expired.
func (x *Index) Live(ref Ref) bool { return ref >= x.live && ref < x.next }

// Time returns the time given when ref was added, or 0 when ref is not live.
func (x *Index) Time(ref Ref) int64 {
	if !x.Live(ref) {
		return 0
	}
	off := ref - x.base
	return x.blocks[off>>blockShift].times[off&(blockSize-1)]
}

func (x *Index) keysOf(sig []uint32) []uint64 {
	r := x.opt.Rows
	x.keys = x.keys[:0]
	for b := range x.opt.Bands {
		x.keys = append(x.keys, bandKey(b, sig[b*r:(b+1)*r]))
	}
	return x.keys
}

// Add indexes a signature (at least SignatureLen values) with its time and returns its ref.
// Times must not decrease: an earlier time than the newest item's is taken as the newest's.
// The index keeps no reference to sig.
func (x *Index) Add(sig []uint32, t int64) Ref {
	if len(sig) < x.SignatureLen() {
		panic(fmt.Sprintf("minhash: signature of %d values, index needs %d", len(sig), x.SignatureLen()))
	}
	if t < x.latest {
		t = x.latest
	}
	x.latest = t
	if x.opt.Horizon > 0 {
		x.Expire(t - x.opt.Horizon)
	}
	if x.next-x.live >= maxSpan {
		x.expireRefs(x.next - maxSpan + 1)
	}
	ref := x.next
	off := ref - x.base
	if int(off>>blockShift) == len(x.blocks) {
		x.blocks = append(x.blocks, &block{links: make([]uint32, blockSize*x.opt.Bands)})
	}
	blk := x.blocks[off>>blockShift]
	slot := int(off & (blockSize - 1))
	blk.times[slot] = t
	links := blk.links[slot*x.opt.Bands : (slot+1)*x.opt.Bands]
	for b, key := range x.keysOf(sig) {
		prev, ok := x.tab.put(key, uint32(ref))
		links[b] = 0
		if ok {
			if p := x.full(prev); p >= x.live && p < ref {
				links[b] = uint32(ref - p)
			}
		}
	}
	x.next++
	if x.tab.n > len(x.tab.slots)/4*3 || x.next-x.swept > maxSpan {
		x.rebuild()
	}
	return ref
}

// full turns a stored low-32-bit ref back into a ref; the result is below live or at or
// above next when the stored ref has expired.
func (x *Index) full(low uint32) Ref {
	return x.live + Ref(low-uint32(x.live))
}

// Query appends to dst[:0] the live items that share at least one band key with sig, each
// once with its number of colliding bands, ordered by ref, and returns the slice. At most
// MaxChain items are visited per band, newest first. It allocates only when dst lacks room.
func (x *Index) Query(dst []Candidate, sig []uint32) []Candidate {
	if len(sig) < x.SignatureLen() {
		panic(fmt.Sprintf("minhash: signature of %d values, index needs %d", len(sig), x.SignatureLen()))
	}
	dst = dst[:0]
	r := x.opt.Rows
	for b := range x.opt.Bands {
		low, ok := x.tab.get(bandKey(b, sig[b*r:(b+1)*r]))
		if !ok {
			continue
		}
		ref := x.full(low)
		for steps := 0; steps < x.opt.MaxChain && ref >= x.live && ref < x.next; steps++ {
			dst = append(dst, Candidate{Ref: ref, Hits: 1})
			off := ref - x.base
			d := x.blocks[off>>blockShift].links[int(off&(blockSize-1))*x.opt.Bands+b]
			if d == 0 {
				break
			}
			ref -= Ref(d)
		}
	}
	if len(dst) < 2 {
		return dst
	}
	slices.SortFunc(dst, func(a, b Candidate) int {
		switch {
		case a.Ref < b.Ref:
			return -1
		case a.Ref > b.Ref:
			return 1
		}
		return 0
	})
	out := dst[:1]
	for _, c := range dst[1:] {
		if last := &out[len(out)-1]; last.Ref == c.Ref {
			last.Hits++
			continue
		}
		out = append(out, c)
	}
	return out
}

// Expire drops the items whose time is before t. They are never returned again; their
// storage is freed block by block and their table entries at the next rebuild.
func (x *Index) Expire(before int64) {
	ref := x.live
	for ref < x.next {
		off := ref - x.base
		blk := x.blocks[off>>blockShift]
		// Skip whole blocks whose last item is old.
		if last := blk.times[blockSize-1]; off&(blockSize-1) == 0 && ref+blockSize <= x.next && last < before {
			ref += blockSize
			continue
		}
		if blk.times[off&(blockSize-1)] >= before {
			break
		}
		ref++
	}
	x.expireRefs(ref)
}

// ExpireRefs drops the items with refs below ref.
func (x *Index) ExpireRefs(ref Ref) {
	if ref > x.next {
		ref = x.next
	}
	x.expireRefs(ref)
}

func (x *Index) expireRefs(ref Ref) {
	if ref <= x.live {
		return
	}
	dropped := ref - x.live
	x.live = ref
	n := int((x.live - x.base) >> blockShift)
	if n > 0 {
		clear(x.blocks[:n])
		x.blocks = x.blocks[n:]
		x.base += Ref(n) << blockShift
		if cap(x.blocks) > 2*len(x.blocks)+16 {
			x.blocks = slices.Clone(x.blocks)
		}
	}
	// Table entries of expired items stay until a rebuild; rebuild once they may be half.
	if uint64(dropped) > 0 && x.tab.n > 2*x.opt.Bands*x.Len()+1024 {
		x.rebuild()
	}
}

// rebuild re-creates the table without entries of expired items, sized for a load of at
// most 3/8.
func (x *Index) rebuild() {
	old := x.tab
	liveEntries := 0
	for _, e := range old.slots {
		if e.fp != 0 {
			if p := x.full(e.head); p >= x.live && p < x.next {
				liveEntries++
			}
		}
	}
	size := 1024
	for size*3/8 < liveEntries+1 {
		size *= 2
	}
	x.tab.init(size)
	for _, e := range old.slots {
		if e.fp == 0 {
			continue
		}
		if p := x.full(e.head); p >= x.live && p < x.next {
			x.tab.putFP(e.fp, e.head)
		}
	}
	x.swept = x.next
}

// MemoryBytes returns the bytes held by the index: tables, links, times.
func (x *Index) MemoryBytes() int64 {
	n := int64(len(x.tab.slots)) * int64(unsafe.Sizeof(entry{}))
	n += int64(len(x.blocks)) * int64(blockSize*(4*x.opt.Bands+8)+64)
	n += int64(cap(x.blocks)) * 8
	return n
}

// entry is a table slot: fp holds 32 bits of the band key (never 0 for a used slot), head the
// low 32 bits of the newest ref with the key.
type entry struct {
	fp, head uint32
}

// table is an open-addressing (linear probing) map from band key to newest ref. A key is
// known by its 32-bit fingerprint alone, which also chooses its home slot, so the table can
// be rebuilt at any size from its slots. Two keys with the same fingerprint (about one in
// 2^32 per pair) share a chain, which costs only extra candidates.
type table struct {
	slots []entry
	mask  uint64
	n     int
}

func (t *table) init(size int) {
	t.slots = make([]entry, size)
	t.mask = uint64(size - 1)
	t.n = 0
}

func fpOf(key uint64) uint32 {
	fp := uint32(key >> 32)
	if fp == 0 {
		fp = 1
	}
	return fp
}

func (t *table) home(fp uint32) uint64 { return (uint64(fp) * prime1 >> 32) & t.mask }

func (t *table) get(key uint64) (uint32, bool) {
	fp := fpOf(key)
	for i := t.home(fp); ; i = (i + 1) & t.mask {
		e := t.slots[i]
		if e.fp == 0 {
			return 0, false
		}
		if e.fp == fp {
			return e.head, true
		}
	}
}

// put sets the head of key and returns the previous head, if any.
func (t *table) put(key uint64, head uint32) (uint32, bool) {
	return t.putFP(fpOf(key), head)
}

func (t *table) putFP(fp, head uint32) (uint32, bool) {
	for i := t.home(fp); ; i = (i + 1) & t.mask {
		e := &t.slots[i]
		if e.fp == 0 {
			*e = entry{fp: fp, head: head}
			t.n++
			return 0, false
		}
		if e.fp == fp {
			prev := e.head
			e.head = head
			return prev, true
		}
	}
}
