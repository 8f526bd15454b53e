package minhash

import (
	"math/rand/v2"
	"slices"
	"testing"
)

type doc struct {
	tokens []uint64
	sig    []uint32
}

// corpus makes n random sets of 30 tokens; every 10th is a near-duplicate of an earlier set
// with the given number of tokens replaced.
func corpus(rng *rand.Rand, n, k, replaced int) []doc {
	docs := make([]doc, n)
	for i := range docs {
		var toks []uint64
		if i%10 == 9 {
			src := docs[rng.IntN(i)].tokens
			toks = slices.Clone(src)
			for _, j := range rng.Perm(len(toks))[:replaced] {
				toks[j] = rng.Uint64()
			}
		} else {
			for range 30 {
				toks = append(toks, rng.Uint64()%1_000_000)
			}
		}
		docs[i] = doc{tokens: toks, sig: Sign(nil, toks, k)}
		docs[i].tokens = slices.Compact(slices.Sorted(slices.Values(toks)))
	}
	return docs
}

// jaccard of two sorted sets without duplicates.
func jaccard(a, b []uint64) float64 {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// TestIndexRecall compares the index with a brute-force all-pairs check: every pair above
// Jaccard 0.7 must be found (theory: 0.98 per pair with 16×4), and no pair below 0.2.
func TestIndexRecall(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	opt := DefaultOptions()
	docs := corpus(rng, 3000, opt.Bands*opt.Rows, 3)
	x, err := NewIndex(opt)
	if err != nil {
		t.Fatal(err)
	}
	var want, found, spurious int
	var cands []Candidate
	for i, d := range docs {
		cands = x.Query(cands, d.sig)
		got := map[int]bool{}
		for _, c := range cands {
			got[int(c.Ref)-1] = true
		}
		for j := range i {
			switch jac := jaccard(d.tokens, docs[j].tokens); {
			case jac >= 0.7:
				want++
				if got[j] {
					found++
				}
			case jac < 0.2 && got[j]:
				spurious++
			}
		}
		if ref := x.Add(d.sig, int64(i)); ref != Ref(i+1) {
			t.Fatalf("ref %d for item %d", ref, i)
		}
	}
	if want < 250 || float64(found) < 0.97*float64(want) {
		t.Fatalf("found %d of %d near-duplicate pairs", found, want)
	}
	if spurious > 5 {
		t.Fatalf("%d unrelated candidates", spurious)
	}
	t.Logf("found %d of %d pairs with J ≥ 0.7, %d unrelated candidates; %d bytes/item", found, want, spurious, x.MemoryBytes()/int64(x.Len()))
}

func TestIndexExpire(t *testing.T) {
	opt := DefaultOptions()
	opt.Horizon = 1000
	x, err := NewIndex(opt)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	same := Sign(nil, []uint64{1, 2, 3, 4, 5, 6, 7, 8}, x.SignatureLen())
	first := x.Add(same, 0)
	var toks []uint64
	for i := 1; i < 3*blockSize; i++ {
		toks = toks[:0]
		for range 10 {
			toks = append(toks, rng.Uint64())
		}
		x.Add(Sign(nil, toks, x.SignatureLen()), int64(i/8))
	}
	// Items older than the horizon (time < latest-1000) are gone, the first included.
	if x.Live(first) || x.Time(first) != 0 {
		t.Fatal("first item not expired")
	}
	if got := x.Query(nil, same); len(got) != 0 {
		t.Fatalf("expired item returned: %v", got)
	}
	latest := int64((3*blockSize - 1) / 8)
	if want := 8 * 1000; x.Len() < want || x.Len() > want+8 {
		t.Fatalf("%d live items, want about %d", x.Len(), want)
	}
	if len(x.blocks) > 3 {
		t.Fatalf("%d blocks kept", len(x.blocks))
	}
	r := x.Add(same, latest)
	if got := x.Query(nil, same); len(got) != 1 || got[0].Ref != r || got[0].Hits != int32(opt.Bands) {
		t.Fatalf("query after expiry: %v", got)
	}
	x.Expire(latest + 1)
	if x.Len() != 0 || len(x.Query(nil, same)) != 0 {
		t.Fatal("Expire past the newest item left items")
	}
	// The table is rebuilt small once entries are stale.
	r2 := x.Add(same, latest+2)
	if got := x.Query(nil, same); len(got) != 1 || got[0].Ref != r2 {
		t.Fatalf("after full expiry: %v", got)
	}
}

func TestIndexChainCap(t *testing.T) {
	opt := DefaultOptions()
	opt.MaxChain = 5
	x, _ := NewIndex(opt)
	sig := Sign(nil, []uint64{42, 43}, x.SignatureLen())
	for i := range 20 {
		x.Add(sig, int64(i))
	}
	got := x.Query(nil, sig)
	if len(got) != 5 || got[0].Ref != 16 || got[4].Ref != 20 {
		t.Fatalf("capped chain: %v", got)
	}
}

func TestNewIndexOptions(t *testing.T) {
	if _, err := NewIndex(Options{Bands: -1}); err == nil {
		t.Fatal("negative bands accepted")
	}
	x, err := NewIndex(Options{})
	if err != nil || x.Options() != DefaultOptions() {
		t.Fatalf("zero options: %v %+v", err, x.Options())
	}
}
