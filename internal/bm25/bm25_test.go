package bm25

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-4*math.Max(1, math.Abs(b)) }

// TestScoreByHand checks one-field scores against values computed by hand with the classic
// BM25 formula.
func TestScoreByHand(t *testing.T) {
	ix := New(DefaultOptions())
	docs := []string{
		"the cat sat on the mat",
		"the dog sat",
		"cat cat cat",
	}
	for _, d := range docs {
		ix.Add(strings.Fields(d))
	}
	// N=3, avglen = (6+3+3)/3 = 4, k1 = 1.2, b = 0.75.
	// "cat": df 2, idf = ln(1 + (3-2+0.5)/(2+0.5)) = ln(1.6).
	// doc 0: tf 1, len 6: B = 0.25 + 0.75*6/4 = 1.375; tf~ = 1/1.375.
	// doc 2: tf 3, len 3: B = 0.25 + 0.75*3/4 = 0.8125; tf~ = 3/0.8125.
	idfCat := math.Log(1.6)
	s := func(tf float64) float64 { return idfCat * tf * 2.2 / (1.2 + tf) }
	want0, want2 := s(1/1.375), s(3/0.8125)
	hits := ix.Search([]Term{{"cat", 1}}, 10, nil)
	if len(hits) != 2 || hits[0].Doc != 2 || hits[1].Doc != 0 {
		t.Fatalf("hits = %+v", hits)
	}
	if !near(hits[0].Score, want2) || !near(hits[1].Score, want0) {
		t.Errorf("scores %v %v, want %v %v", hits[0].Score, hits[1].Score, want2, want0)
	}
	// Two terms; weight 0.5 on "sat" (df 2, idf ln 1.6). doc 1: len 3, tf 1: B = 0.8125.
	q := []Term{{"sat", 0.5}, {"dog", 1}}
	idfDog := math.Log(1 + (3-1+0.5)/(1+0.5))
	tf1 := 1 / 0.8125
	want1 := 0.5*idfCat*tf1*2.2/(1.2+tf1) + idfDog*tf1*2.2/(1.2+tf1)
	hits = ix.Search(q, 1, nil)
	if len(hits) != 1 || hits[0].Doc != 1 || !near(hits[0].Score, want1) {
		t.Fatalf("hits = %+v, want doc 1 score %v", hits, want1)
	}
	total, _ := ix.Score(q, 1, nil)
	e := ix.Explain(q, 1)
	if !near(total, want1) || !near(e.Score, want1) || len(e.Terms) != 2 {
		t.Errorf("Score %v, Explain %v (%d terms), want %v", total, e.Score, len(e.Terms), want1)
	}
	if e.Terms[1].Term != "dog" || e.Terms[1].DocFreq != 1 || !near(e.Terms[1].IDF, idfDog) || e.Terms[1].Fields[0].Len != 3 {
		t.Errorf("explanation = %+v", e.Terms[1])
	}
	if !strings.Contains(e.String(), `"dog"`) {
		t.Errorf("String() = %s", e)
	}
}

// TestBM25F checks that field frequencies are combined before saturation.
func TestBM25F(t *testing.T) {
	ix := New(Options{K1: 2, Fields: []Field{{Name: "text", Weight: 1, B: 0}, {Name: "title", Weight: 3, B: 1}}})
	ix.Add([]string{"a", "b"}, []string{"a"})
	ix.Add([]string{"b", "c"}, []string{"c", "c", "d"})
	// "a": df 1 of N 2: idf = ln(1 + 1.5/1.5) = ln 2.
	// doc 0: text tf 1, b 0 -> 1; title tf 1, len 1, avg 2, b 1 -> W·tf/(len/avg) = 3/(0.5) = 6.
	// tf~ = 7; score = ln2 · 7 · 3 / (2 + 7).
	want := math.Ln2 * 7 * 3 / 9
	got, per := ix.Score([]Term{{"a", 1}}, 0, nil)
	if !near(got, want) {
		t.Errorf("score %v, want %v", got, want)
	}
	if !near(per[0], math.Ln2*1*3/3) || !near(per[1], math.Ln2*6*3/8) {
		t.Errorf("per field = %v", per)
	}
	hits := ix.Search([]Term{{"a", 1}}, 5, nil)
	if len(hits) != 1 || !near(hits[0].Score, want) {
		t.Errorf("search = %+v", hits)
	}
}

func TestDeleteAndStats(t *testing.T) {
	ix := New(DefaultOptions())
	a := ix.Add([]string{"x", "y"})
	b := ix.Add([]string{"x"})
	if ix.DocFreq("x") != 2 || ix.Len() != 2 || ix.AvgLen(0) != 1.5 || ix.Terms() != 2 {
		t.Fatalf("stats: df %d len %d avg %v", ix.DocFreq("x"), ix.Len(), ix.AvgLen(0))
	}
	ix.Delete(a)
	ix.Delete(a)
	if !ix.Deleted(a) || ix.Deleted(b) || ix.Len() != 1 || ix.AvgLen(0) != 1 {
		t.Fatalf("after delete: len %d avg %v", ix.Len(), ix.AvgLen(0))
	}
	hits := ix.Search([]Term{{"x", 1}, {"y", 1}}, 5, nil)
	if len(hits) != 1 || hits[0].Doc != b {
		t.Errorf("hits = %+v", hits)
	}
	if ix.IDF("never") <= ix.IDF("x") {
		t.Error("unseen term should have the highest idf")
	}
}

func TestTopK(t *testing.T) {
	ix := New(DefaultOptions())
	for i := range 100 {
		terms := []string{"common"}
		for range i % 7 {
			terms = append(terms, "rare")
		}
		ix.Add(terms)
	}
	hits := ix.Search([]Term{{"rare", 1}, {"common", 0.1}}, 10, nil)
	if len(hits) != 10 {
		t.Fatalf("%d hits", len(hits))
	}
	for i := 1; i < len(hits); i++ {
		if worse(hits[i-1], hits[i]) {
			t.Fatalf("not sorted at %d: %+v", i, hits)
		}
	}
	// All top-10 have tf 6 (docs 6, 13, 20, ...), ties broken by document number.
	if hits[0].Doc != 6 || hits[1].Doc != 13 {
		t.Errorf("hits = %+v", hits)
	}
	all := ix.Search([]Term{{"common", 1}}, 1000, nil)
	if len(all) != 100 {
		t.Errorf("%d hits for common", len(all))
	}
	if got := ix.Search([]Term{{"nothing", 1}}, 3, nil); len(got) != 0 {
		t.Errorf("hits for unknown term: %v", got)
	}
}

func TestSearchAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	ix := New(DefaultOptions())
	for i := range 1000 {
		ix.Add([]string{"a", "b", string(rune('c' + i%20))})
	}
	q := []Term{{"a", 1}, {"d", 1}, {"e", 0.5}}
	dst := make([]Hit, 0, 10)
	ix.Search(q, 10, dst)
	if n := testing.AllocsPerRun(100, func() { dst = ix.Search(q, 10, dst) }); n > 0 {
		t.Errorf("Search allocates %v times", n)
	}
}

func TestConcurrentSearch(t *testing.T) {
	ix := New(DefaultOptions())
	for i := range 500 {
		ix.Add([]string{"w", string(rune('a' + i%26))})
	}
	want := ix.Search([]Term{{"w", 1}, {"q", 1}}, 5, nil)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				got := ix.Search([]Term{{"w", 1}, {"q", 1}}, 5, nil)
				if len(got) != len(want) || got[0] != want[0] {
					t.Errorf("got %v want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestFieldScoresAndIDFTable(t *testing.T) {
	ix := New(Options{Fields: []Field{{Name: "a", B: 0.75}, {Name: "b", Weight: 2, B: 0.5}}})
	for i := range 300 {
		a := []string{"x", string(rune('a' + i%13))}
		b := []string{string(rune('a' + i%7)), "y"}
		if i%5 == 0 {
			b = append(b, "x")
		}
		ix.Add(a, b)
	}
	ix.Delete(7)
	q := []Term{{"x", 1}, {"c", 0.5}, {"d", 2}, {"y", 0.3}}
	docs := []uint32{0, 2, 3, 5, 10, 11, 12, 200, 299}
	out := ix.FieldScores(q, docs, nil)
	for i, d := range docs {
		_, per := ix.Score(q, d, nil)
		for f := range per {
			if !near(out[i*2+f], per[f]) {
				t.Errorf("doc %d field %d: %v, want %v", d, f, out[i*2+f], per[f])
			}
		}
	}
	var refs []Ref
	for _, t := range q {
		id, _ := ix.TermID(t.Text)
		refs = append(refs, Ref{id, t.Weight})
	}
	refs = append(refs, Ref{1 << 30, 1}) // unknown number: ignored
	if a, b := ix.Search(q, 7, nil), ix.SearchRefs(refs, 7, nil); len(a) != len(b) || a[0] != b[0] || a[6] != b[6] {
		t.Errorf("Search %v != SearchRefs %v", a, b)
	}
	if a, b := ix.FieldScores(q, docs, nil), ix.FieldScoresRefs(refs, docs, nil); a[3] != b[3] || a[10] != b[10] {
		t.Errorf("FieldScores %v != FieldScoresRefs %v", a, b)
	}
	idf := ix.IDFTable()
	for _, term := range []string{"x", "c", "y", "a"} {
		id, _ := ix.TermID(term)
		if !near(idf(id), ix.IDF(term)) {
			t.Errorf("idf %s: %v, want %v", term, idf(id), ix.IDF(term))
		}
	}
}

// TestSearchExact checks the pruned search against scoring every document, on Zipf indexes
// with deletions and weighted queries long enough for pruning to start.
func TestSearchExact(t *testing.T) {
	for _, tc := range []struct {
		docs, k, terms int
	}{{300, 5, 8}, {3000, 40, 30}, {3000, 10, 120}, {2000, 1, 60}} {
		t.Run(fmt.Sprint(tc.docs, "/", tc.k, "/", tc.terms), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(tc.docs), uint64(tc.terms)))
			z := rand.NewZipf(r, 1.2, 2, 4999)
			word := func() string { return fmt.Sprint("t", z.Uint64()) }
			ix := New(Options{Fields: []Field{{Name: "a", B: 0.75}, {Name: "b", Weight: 2, B: 0.3}, {Name: "c", Weight: 0.3}}})
			for range tc.docs {
				var f [3][]string
				for i := range f {
					for range 1 + r.IntN(12) {
						f[i] = append(f[i], word())
					}
				}
				ix.Add(f[:]...)
			}
			for d := range tc.docs / 10 {
				ix.Delete(uint32(d * 7 % tc.docs))
			}
			var got []Hit
			var per []float64
			for qi := range 20 {
				var q []Term
				for range tc.terms {
					q = append(q, Term{Text: word(), Weight: []float64{1, 0.3, 0.05, 0.6}[r.IntN(4)]})
				}
				got = ix.Search(q, tc.k, got)
				var want []Hit
				for d := range tc.docs {
					var sc float64
					sc, per = ix.Score(q, uint32(d), per)
					if sc > 0 {
						want = append(want, Hit{uint32(d), sc})
					}
				}
				slices.SortFunc(want, func(a, b Hit) int {
					if worse(a, b) {
						return 1
					}
					return -1
				})
				want = want[:min(tc.k, len(want))]
				if len(got) != len(want) {
					t.Fatalf("query %d: %d hits, want %d", qi, len(got), len(want))
				}
				for i := range got {
					if math.Abs(got[i].Score-want[i].Score) > 1e-4*want[i].Score {
						t.Fatalf("query %d hit %d: %+v, want %+v", qi, i, got[i], want[i])
					}
				}
			}
		})
	}
}
