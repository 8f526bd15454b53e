// Package postings is a bounded inverted index for streaming candidate search: items are
// added in time order under up to Slots 32-bit keys each, and a query returns the recent
// items that share keys with it, each with its number of shared keys.
//
// # Layout
//
// An open-addressing table maps a key to the newest item holding it (its ref and the slot of
// the key in that item); per item and slot a link gives the distance back to the previous
// item with the same key and that item's slot. A posting list is thus a chain from newest to
// oldest through the items themselves, with no per-key allocation, walked at most MaxChain
// steps: common keys cost a bounded walk and return only their newest items. Items get
// sequential refs; times must not decrease; Expire (or Options.Horizon at each Add) drops
// old items: they are never returned again, their links are freed in blocks of 4,096 items,
// and table entries that point only at expired items are swept when the table is rebuilt.
//
// Memory per item: 4·Slots bytes of links, 8 bytes of time, and 12 bytes per table entry at
// a load between 3/8 and 3/4 (one entry per distinct live key); see MemoryBytes.
//
// # Concurrency
//
// An Index is not safe for concurrent mutation: Add and Expire need exclusive access; Query
// only reads (apart from its own dst) and may run concurrently with other Query calls.
package postings

import (
	"errors"
	"fmt"
	"slices"
	"unsafe"
)

// Ref identifies an item: refs are given in insertion order from 1; 0 is never a ref.
type Ref uint64

// Candidate is an item returned by Query with the number of query keys found in it.
type Candidate struct {
	Ref  Ref
	Hits int32
}

// Options configure an Index.
type Options struct {
	Slots    int   // most keys per item, 1..16 (16)
	MaxChain int   // most items visited per key and query, newest first (32)
	Horizon  int64 // when positive, Add expires items older than its time minus Horizon
}

// DefaultOptions returns 16 slots and chains walked 32 deep, no horizon.
func DefaultOptions() Options { return Options{Slots: 16, MaxChain: 32} }

// ErrOptions is returned (wrapped) by New for options it cannot use.
var ErrOptions = errors.New("postings: invalid options")

const (
	blockShift = 12
	blockSize  = 1 << blockShift
	slotBits   = 4
	slotMask   = 1<<slotBits - 1
	// maxSpan bounds the distance in refs between live items, so that 28-bit distances and
	// ref fragments are unambiguous.
	maxSpan = 1 << (32 - slotBits)
	refMask = maxSpan - 1
)

type block struct {
	links []uint32 // blockSize·slots: distance<<4 | slot of the previous item with the key; 0 ends
	times [blockSize]int64
}

// Index is the inverted index; see the package documentation.
type Index struct {
	opt    Options
	tab    table
	blocks []*block
	base   Ref // first ref of blocks[0]
	live   Ref // refs below live are expired
	next   Ref
	latest int64
	agg    aggTable // Query scratch
}

// New returns an empty index; zero fields of opt take their DefaultOptions values.
func New(opt Options) (*Index, error) {
	d := DefaultOptions()
	if opt.Slots == 0 {
		opt.Slots = d.Slots
	}
	if opt.MaxChain == 0 {
		opt.MaxChain = d.MaxChain
	}
	if opt.Slots < 1 || opt.Slots > 1<<slotBits || opt.MaxChain < 1 || opt.Horizon < 0 {
		return nil, fmt.Errorf("%w: slots %d, max chain %d, horizon %d", ErrOptions, opt.Slots, opt.MaxChain, opt.Horizon)
	}
	x := &Index{opt: opt, base: 1, live: 1, next: 1}
	x.tab.init(1024)
	return x, nil
}

// Options returns the options in force.
func (x *Index) Options() Options { return x.opt }

// Len returns the number of live items.
func (x *Index) Len() int { return int(x.next - x.live) }

// Next returns the ref the next Add will give.
func (x *Index) Next() Ref { return x.next }

// Live reports whether ref was added and has not expired.
func (x *Index) Live(ref Ref) bool { return ref >= x.live && ref < x.next }

func (x *Index) linkAt(ref Ref, slot int) *uint32 {
	off := ref - x.base
	return &x.blocks[off>>blockShift].links[int(off&(blockSize-1))*x.opt.Slots+slot]
}

// full turns a 28-bit ref fragment back into a ref near the live range.
func (x *Index) full(low uint32) Ref {
	return x.live + Ref((low-uint32(x.live))&refMask)
}

// Add indexes an item under keys (at most Slots are used; duplicates must be removed by the
// caller; key 0 is allowed) at time t and returns its ref. Times must not decrease: an
// earlier time is taken as the newest item's.
func (x *Index) Add(keys []uint32, t int64) Ref {
	if t < x.latest {
		t = x.latest
	}
	x.latest = t
	if x.opt.Horizon > 0 {
		x.Expire(t - x.opt.Horizon)
	}
	if x.next-x.live >= maxSpan-blockSize {
		x.expireRefs(x.next - (maxSpan - 2*blockSize))
	}
	ref := x.next
	off := ref - x.base
	if int(off>>blockShift) == len(x.blocks) {
		x.blocks = append(x.blocks, &block{links: make([]uint32, blockSize*x.opt.Slots)})
	}
	blk := x.blocks[off>>blockShift]
	slotBase := int(off&(blockSize-1)) * x.opt.Slots
	blk.times[off&(blockSize-1)] = t
	if len(keys) > x.opt.Slots {
		keys = keys[:x.opt.Slots]
	}
	for s, key := range keys {
		head := uint32(ref)&refMask<<slotBits | uint32(s)
		prev, ok := x.tab.put(key, head)
		var link uint32
		if ok {
			if p := x.full(prev >> slotBits); p >= x.live && p < ref {
				link = uint32(ref-p)<<slotBits | prev&slotMask
			}
		}
		blk.links[slotBase+s] = link
	}
	for s := len(keys); s < x.opt.Slots; s++ {
		blk.links[slotBase+s] = 0
	}
	x.next++
	if x.tab.n > len(x.tab.slots)/4*3 {
		x.rebuild()
	}
	return ref
}

// Query appends to dst[:0] the live items holding any of keys (each key walked at most
// MaxChain items deep, newest first), each once with the number of keys it holds, in no
// particular order, and returns the slice. Duplicate keys count once. It allocates only
// when dst lacks room or the index's scratch table grows.
func (x *Index) Query(dst []Candidate, keys []uint32) []Candidate {
	dst = dst[:0]
	x.agg.reset(len(keys) * x.opt.MaxChain)
	for i, key := range keys {
		if slices.Contains(keys[:i], key) {
			continue
		}
		head, ok := x.tab.get(key)
		if !ok {
			continue
		}
		ref, slot := x.full(head>>slotBits), int(head&slotMask)
		for steps := 0; steps < x.opt.MaxChain && ref >= x.live && ref < x.next; steps++ {
			if j := x.agg.add(uint64(ref)); j >= 0 {
				dst[j].Hits++
			} else {
				x.agg.set(uint64(ref), int32(len(dst)))
				dst = append(dst, Candidate{Ref: ref, Hits: 1})
			}
			l := *x.linkAt(ref, slot)
			if l == 0 {
				break
			}
			ref -= Ref(l >> slotBits)
			slot = int(l & slotMask)
		}
	}
	return dst
}

// aggTable maps refs to positions in Query's result: open addressing, cleared by
// generation.
type aggTable struct {
	keys []uint64
	vals []int32
	gen  []uint32
	cur  uint32
	mask uint64
	last uint64 // slot found by the last add miss
}

func (t *aggTable) reset(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	if len(t.keys) < size {
		t.keys, t.vals, t.gen = make([]uint64, size), make([]int32, size), make([]uint32, size)
		t.mask = uint64(size - 1)
		t.cur = 0
	}
	t.cur++
	if t.cur == 0 {
		clear(t.gen)
		t.cur = 1
	}
}

// add returns the position stored for k, or -1 (remembering the free slot for set).
func (t *aggTable) add(k uint64) int32 {
	for i := (k * 0x9E3779B97F4A7C15 >> 20) & t.mask; ; i = (i + 1) & t.mask {
		if t.gen[i] != t.cur {
			t.last = i
			return -1
		}
		if t.keys[i] == k {
			return t.vals[i]
		}
	}
}

func (t *aggTable) set(k uint64, v int32) {
	i := t.last
	t.keys[i], t.vals[i], t.gen[i] = k, v, t.cur
}

// Expire drops the items whose time is before the given time.
func (x *Index) Expire(before int64) {
	ref := x.live
	for ref < x.next {
		off := ref - x.base
		blk := x.blocks[off>>blockShift]
		if off&(blockSize-1) == 0 && ref+blockSize <= x.next && blk.times[blockSize-1] < before {
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
func (x *Index) ExpireRefs(ref Ref) { x.expireRefs(min(ref, x.next)) }

func (x *Index) expireRefs(ref Ref) {
	if ref <= x.live {
		return
	}
	x.live = ref
	if n := int((x.live - x.base) >> blockShift); n > 0 {
		clear(x.blocks[:n])
		x.blocks = x.blocks[n:]
		x.base += Ref(n) << blockShift
		if cap(x.blocks) > 2*len(x.blocks)+16 {
			x.blocks = slices.Clone(x.blocks)
		}
	}
	if x.tab.n > 2*x.opt.Slots*x.Len()+1024 {
		x.rebuild()
	}
}

// rebuild re-creates the table without entries of expired items at a load of at most 3/8.
func (x *Index) rebuild() {
	old := x.tab.slots
	liveN := 0
	for _, e := range old {
		if e.used && x.Live(x.full(e.head>>slotBits)) {
			liveN++
		}
	}
	size := 1024
	for size*3/8 < liveN+1 {
		size *= 2
	}
	x.tab.init(size)
	for _, e := range old {
		if e.used && x.Live(x.full(e.head>>slotBits)) {
			x.tab.put(e.key, e.head)
		}
	}
}

// MemoryBytes returns the bytes held: table, links and times.
func (x *Index) MemoryBytes() int64 {
	n := int64(len(x.tab.slots)) * int64(unsafe.Sizeof(entry{}))
	n += int64(len(x.blocks)) * int64(blockSize*(4*x.opt.Slots+8)+64)
	return n + int64(cap(x.blocks))*8
}

type entry struct {
	key, head uint32
	used      bool
}

type table struct {
	slots []entry
	mask  uint32
	n     int
}

func (t *table) init(size int) {
	t.slots = make([]entry, size)
	t.mask = uint32(size - 1)
	t.n = 0
}

func home(key uint32) uint32 { return key * 0x9E3779B1 }

func (t *table) get(key uint32) (uint32, bool) {
	for i := home(key) & t.mask; ; i = (i + 1) & t.mask {
		e := &t.slots[i]
		if !e.used {
			return 0, false
		}
		if e.key == key {
			return e.head, true
		}
	}
}

// put sets the head of key and returns the previous head, if any.
func (t *table) put(key, head uint32) (uint32, bool) {
	for i := home(key) & t.mask; ; i = (i + 1) & t.mask {
		e := &t.slots[i]
		if !e.used {
			*e = entry{key: key, head: head, used: true}
			t.n++
			return 0, false
		}
		if e.key == key {
			prev := e.head
			e.head = head
			return prev, true
		}
	}
}
