package minhash

import (
	"encoding/binary"
	"math/bits"
)

const (
	prime1 = 0x9E3779B97F4A7C15
	prime2 = 0xC2B2AE3D27D4EB4F
	prime3 = 0x165667B19E3779F9
)

// Mix64 is a bijective 64-bit finaliser (the SplitMix64 mixer): every input bit affects every
// output bit.
func Mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// HashString returns a 64-bit hash of s, stable across processes and platforms (the
// detector's tokens and band keys depend on it). It is not cryptographic.
func HashString(s string) uint64 {
	h := uint64(len(s))*prime1 ^ prime3
	for len(s) >= 8 {
		v := binary.LittleEndian.Uint64([]byte(s[:8]))
		h = bits.RotateLeft64(h^(v*prime2), 31) * prime1
		s = s[8:]
	}
	if len(s) > 0 {
		var v uint64
		for i := 0; i < len(s); i++ {
			v |= uint64(s[i]) << (8 * i)
		}
		h = bits.RotateLeft64(h^(v*prime2), 31) * prime1
	}
	return Mix64(h)
}

// Combine returns a hash of the pair (h, v), order-sensitive: Combine(a, b) != Combine(b, a)
// in general. It is used to build n-gram and band hashes from their parts.
func Combine(h, v uint64) uint64 {
	return Mix64(bits.RotateLeft64(h, 23)*prime1 ^ v*prime2 ^ prime3)
}

// WordShingles appends to dst the hashes of the n-grams of consecutive word hashes (n ≥ 1)
// and returns the extended slice. A sequence shorter than n gives one shingle of all of it,
// so short texts still have a non-empty set. Duplicates are not removed.
func WordShingles(dst []uint64, words []uint64, n int) []uint64 {
	if n <= 1 {
		return append(dst, words...)
	}
	if len(words) == 0 {
		return dst
	}
	if len(words) < n {
		n = len(words)
	}
	for i := 0; i+n <= len(words); i++ {
		h := uint64(n)
		for _, w := range words[i : i+n] {
			h = Combine(h, w)
		}
		dst = append(dst, h)
	}
	return dst
}

// CharShingles appends to dst the hashes of the n-grams of consecutive runes of s (n ≥ 1) and
// returns the extended slice; s shorter than n runes gives one shingle of all of it, the empty
// string none. Callers normalise s first (case, spacing).
func CharShingles(dst []uint64, s string, n int) []uint64 {
	if s == "" {
		return dst
	}
	if n < 1 {
		n = 1
	}
	// Offsets of the last n rune starts, as a ring.
	var ring [16]int
	if n > len(ring) {
		n = len(ring)
	}
	count := 0
	emit := func(start, end int) {
		dst = append(dst, HashString(s[start:end]))
	}
	for i := range s {
		if count >= n {
			emit(ring[(count-n)%len(ring)], i)
		}
		ring[count%len(ring)] = i
		count++
	}
	if count >= n {
		emit(ring[(count-n)%len(ring)], len(s))
	} else {
		emit(0, len(s))
	}
	return dst
}
