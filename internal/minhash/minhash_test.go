package minhash

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randomPair returns two sets of size n with exactly shared common tokens.
func randomPair(rng *rand.Rand, n, shared int) (a, b []uint64) {
	for range shared {
		t := rng.Uint64()
		a = append(a, t)
		b = append(b, t)
	}
	for len(a) < n {
		a = append(a, rng.Uint64())
	}
	for len(b) < n {
		b = append(b, rng.Uint64())
	}
	return a, b
}

func TestSignEstimatesJaccard(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		n, shared, k int
	}{
		{n: 200, shared: 100, k: 128}, // J = 1/3
		{n: 200, shared: 180, k: 128}, // J = 0.82
		{n: 20, shared: 10, k: 64},    // small sets: densification
		{n: 8, shared: 6, k: 64},
		{n: 1000, shared: 0, k: 64},
	} {
		j := float64(tc.shared) / float64(2*tc.n-tc.shared)
		var sum float64
		const trials = 200
		for range trials {
			a, b := randomPair(rng, tc.n, tc.shared)
			sum += Similarity(Sign(nil, a, tc.k), Sign(nil, b, tc.k))
		}
		est := sum / trials
		if math.Abs(est-j) > 0.03 {
			t.Errorf("n=%d shared=%d k=%d: mean estimate %.3f, Jaccard %.3f", tc.n, tc.shared, tc.k, est, j)
		}
	}
}

func TestSignEdgeCases(t *testing.T) {
	if s := Sign(nil, nil, 64); s != nil {
		t.Fatalf("empty set: %v", s)
	}
	a := []uint64{1, 2, 3}
	s1 := Sign(nil, a, 64)
	s2 := Sign(nil, []uint64{3, 2, 1, 1, 2}, 64)
	if Similarity(s1, s2) != 1 {
		t.Fatalf("same set, different order and duplicates: similarity %v", Similarity(s1, s2))
	}
	buf := make([]uint32, 0, 64)
	if s := Sign(buf, a, 64); &s[0] != &buf[:1][0] {
		t.Fatal("Sign did not reuse dst")
	}
	if Similarity(s1, s1[:10]) != 0 {
		t.Fatal("different lengths must give 0")
	}
}

func TestHashStable(t *testing.T) {
	// Band keys and tokens are persisted only in memory, but tests and evaluations rely on
	// the same hashes on every platform.
	if got := HashString("минхеш"); got != HashString("минхеш") || got == HashString("минхеш ") {
		t.Fatal("HashString not a function of its input")
	}
	seen := map[uint64]string{}
	for _, s := range []string{"", "a", "b", "ab", "ba", "abcdefgh", "abcdefghi", "abcdefgh\x00"} {
		h := HashString(s)
		if o, ok := seen[h]; ok {
			t.Fatalf("%q and %q collide", s, o)
		}
		seen[h] = s
	}
}

func TestShingles(t *testing.T) {
	w := []uint64{1, 2, 3, 4}
	if got := WordShingles(nil, w, 2); len(got) != 3 {
		t.Fatalf("bigrams of 4 words: %d", len(got))
	}
	if got := WordShingles(nil, w[:1], 3); len(got) != 1 {
		t.Fatalf("short sequence: %d shingles", len(got))
	}
	a := CharShingles(nil, "привет", 3)
	if len(a) != 4 {
		t.Fatalf("char trigrams of 6 runes: %d", len(a))
	}
	if b := CharShingles(nil, "вет", 3); b[0] != a[3] {
		t.Fatal("last trigram differs")
	}
	if got := CharShingles(nil, "ab", 3); len(got) != 1 || got[0] != HashString("ab") {
		t.Fatal("short string must give itself")
	}
}

func TestThreshold(t *testing.T) {
	th := Threshold(16, 4)
	if math.Abs(Recall(th, 16, 4)-0.5) > 1e-6 || th < 0.4 || th > 0.6 {
		t.Fatalf("threshold %v", th)
	}
}
