package echo

import (
	"unsafe"

	"fimi/internal/echo/postings"
	"fimi/internal/minhash"
)

// itemBlock is how many item records an itemStore block holds.
const itemBlock = 4096

// itemStore keeps the detector's item records by ref in fixed blocks, so that records never
// move (pointers stay valid until expiry) and expiry frees whole blocks.
type itemStore struct {
	blocks [][]item
	base   postings.Ref // ref of blocks[0][0]
	head   postings.Ref // first live ref
	next   postings.Ref // ref of the next push
}

func newItemStore() itemStore { return itemStore{base: 1, head: 1, next: 1} }

// len returns the number of live records.
func (s *itemStore) len() int { return int(s.next - s.head) }

// at returns the record of a live ref.
func (s *itemStore) at(ref postings.Ref) *item {
	off := ref - s.base
	return &s.blocks[off/itemBlock][off%itemBlock]
}

// push appends a record and returns its ref.
func (s *itemStore) push(it item) postings.Ref {
	off := s.next - s.base
	if int(off/itemBlock) == len(s.blocks) {
		s.blocks = append(s.blocks, make([]item, itemBlock))
	}
	s.blocks[off/itemBlock][off%itemBlock] = it
	s.next++
	return s.next - 1
}

// dropBefore calls fn for each live record with a ref below ref, clears it, and frees the
// blocks no longer used.
func (s *itemStore) dropBefore(ref postings.Ref, fn func(*item)) {
	for ; s.head < ref && s.head < s.next; s.head++ {
		it := s.at(s.head)
		fn(it)
		*it = item{}
	}
	n := int((s.head - s.base) / itemBlock)
	if n > 0 {
		clear(s.blocks[:n])
		s.blocks = s.blocks[n:]
		s.base += postings.Ref(n * itemBlock)
	}
}

// memoryBytes returns the bytes of the blocks.
func (s *itemStore) memoryBytes() int64 {
	return int64(len(s.blocks))*itemBlock*int64(unsafe.Sizeof(item{})) + int64(cap(s.blocks))*24
}

// idMap finds live items by id through a 64-bit hash of the id (two ids colliding, about
// one chance in 10^7 at a million live items, would make the later one a duplicate) and the
// low 32 bits of the ref: 12 bytes per entry instead of a string key.
type idMap struct{ m map[uint64]uint32 }

func (x idMap) put(id string, ref postings.Ref) { x.m[minhash.HashString(id)] = uint32(ref) }

func (x idMap) delete(id string) { delete(x.m, minhash.HashString(id)) }

// get returns the live ref of id.
func (x idMap) get(id string, s *itemStore) (postings.Ref, bool) {
	low, ok := x.m[minhash.HashString(id)]
	if !ok {
		return 0, false
	}
	ref := s.head + postings.Ref(low-uint32(s.head))
	if ref >= s.next || s.at(ref).id != id {
		return 0, false
	}
	return ref, true
}
