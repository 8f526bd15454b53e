package minhash

// Sign computes the one-permutation MinHash signature with k values of the set of token
// hashes and returns it in dst[:k] (reallocated when dst is too short). Duplicate tokens do
// not matter. An empty set gives nil: it has no signature and must not be indexed.
//
// Each token is mixed once (Mix64); the high 32 bits choose the bin (multiply-shift range
// reduction), the low 32 bits are the value; each bin keeps its minimum. Empty bins are
// filled by optimal densification: bin i takes the value of the first non-empty bin in a
// probe sequence that depends only on i and k, the same for every set, so that two sets'
// signatures agree in a bin with probability ≈ their Jaccard similarity.
func Sign(dst []uint32, tokens []uint64, k int) []uint32 {
	if len(tokens) == 0 || k <= 0 {
		return nil
	}
	if cap(dst) < k {
		dst = make([]uint32, k)
	}
	dst = dst[:k]
	const empty = ^uint32(0)
	for i := range dst {
		dst[i] = empty
	}
	// filled marks bins that received a token, as a bit set (k ≤ 64·len).
	var filledBuf [8]uint64
	var filled []uint64
	if k <= 64*len(filledBuf) {
		filled = filledBuf[:(k+63)/64]
	} else {
		filled = make([]uint64, (k+63)/64)
	}
	n := 0
	for _, t := range tokens {
		h := Mix64(t ^ prime3)
		bin := int((h >> 32) * uint64(k) >> 32)
		v := uint32(h)
		if v == empty {
			v--
		}
		if filled[bin>>6]&(1<<(bin&63)) == 0 {
			filled[bin>>6] |= 1 << (bin & 63)
			n++
		}
		if v < dst[bin] {
			dst[bin] = v
		}
	}
	if n == k {
		return dst
	}
	for i := 0; i < k; i++ {
		if filled[i>>6]&(1<<(i&63)) != 0 {
			continue
		}
		for attempt := uint64(1); ; attempt++ {
			h := Mix64(uint64(i)<<32 ^ attempt ^ uint64(k)<<48)
			j := int((h >> 32) * uint64(k) >> 32)
			if filled[j>>6]&(1<<(j&63)) != 0 {
				dst[i] = dst[j]
				break
			}
		}
	}
	return dst
}

// Similarity returns the fraction of positions where a and b agree: an estimate of the
// Jaccard similarity of the sets they sign (standard error about sqrt(J(1-J)/k)). Signatures
// of different lengths, or nil ones, give 0.
func Similarity(a, b []uint32) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(a))
}

// bandKey hashes rows values of a band with its index.
func bandKey(band int, vals []uint32) uint64 {
	h := uint64(band+1) * prime1
	for i := 0; i+1 < len(vals); i += 2 {
		h = Combine(h, uint64(vals[i])<<32|uint64(vals[i+1]))
	}
	if len(vals)%2 == 1 {
		h = Combine(h, uint64(vals[len(vals)-1]))
	}
	return h
}

// Threshold returns the Jaccard similarity at which an index with the given bands and rows
// finds a pair with probability one half (the s solving 1-(1-s^r)^b = 1/2).
func Threshold(bands, rows int) float64 {
	if bands <= 0 || rows <= 0 {
		return 1
	}
	lo, hi := 0.0, 1.0
	for range 50 {
		mid := (lo + hi) / 2
		if Recall(mid, bands, rows) < 0.5 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// Recall returns the probability 1-(1-s^r)^b that an index with b bands of r rows returns a
// pair of Jaccard similarity s (before chain caps).
func Recall(s float64, bands, rows int) float64 {
	p := 1.0
	for range rows {
		p *= s
	}
	q := 1.0
	for range bands {
		q *= 1 - p
	}
	return 1 - q
}
