package bm25

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchIndex builds an index of n documents of 20 terms over a Zipf-distributed vocabulary of
// 50,000 terms, in two fields.
func benchIndex(n int) (*Index, [][]Term) {
	r := rand.New(rand.NewPCG(1, 2))
	z := rand.NewZipf(r, 1.1, 2, 49999)
	ix := New(Options{Fields: []Field{{Name: "text", B: 0.75}, {Name: "title", B: 0.75}}})
	word := func() string { return fmt.Sprint("t", z.Uint64()) }
	for range n {
		a := make([]string, 14)
		b := make([]string, 6)
		for i := range a {
			a[i] = word()
		}
		for i := range b {
			b[i] = word()
		}
		ix.Add(a, b)
	}
	qs := make([][]Term, 256)
	for i := range qs {
		for range 30 {
			qs[i] = append(qs[i], Term{Text: word(), Weight: 1})
		}
	}
	return ix, qs
}

func BenchmarkSearch25k(b *testing.B) {
	ix, qs := benchIndex(25000)
	dst := make([]Hit, 0, 40)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		dst = ix.Search(qs[i%len(qs)], 40, dst)
	}
}

func BenchmarkFieldScores40(b *testing.B) {
	ix, qs := benchIndex(25000)
	var hits []Hit
	var out []float64
	docs := make([]uint32, 0, 40)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := qs[i%len(qs)]
		hits = ix.Search(q, 40, hits)
		docs = docs[:0]
		for _, h := range hits {
			docs = append(docs, h.Doc)
		}
		slicesSort(docs)
		out = ix.FieldScores(q, docs, out)
	}
}

func slicesSort(s []uint32) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
