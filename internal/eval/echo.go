package eval

import (
	"strings"
	"sync"

	"fimi/internal/detect"
	"fimi/internal/echo"
)

// EchoLexicon is detect.EchoLexicon: the FreeDict lexicon (and Unihan for Chinese) as the
// echo detector reads it.
func EchoLexicon() (echo.Lexicon, bool, error) { return detect.EchoLexicon() }

var (
	echoLexOnce    sync.Once
	echoLexVal     echo.Lexicon
	echoLexChinese bool
	echoLexErr     error
)

// sharedEchoLexicon loads EchoLexicon once per process: evaluations in one run share it.
func sharedEchoLexicon() (echo.Lexicon, error) {
	echoLexOnce.Do(func() { echoLexVal, echoLexChinese, echoLexErr = EchoLexicon() })
	return echoLexVal, echoLexErr
}

// EchoPRF is a precision / recall / F1 triple with its counts.
type EchoPRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	TP        int64   `json:"tp"`
	FP        int64   `json:"fp"`
	FN        int64   `json:"fn"`
}

func echoPRF(tp, fp, fn int64) EchoPRF {
	r := EchoPRF{TP: tp, FP: fp, FN: fn, Precision: 1, Recall: 1}
	if tp+fp > 0 {
		r.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r.Recall = float64(tp) / float64(tp+fn)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return r
}

// echoScorer scores predicted pairs of documents against true clusters, per kind and per
// language, directly and after transitive closure.
type echoScorer struct {
	cluster []int    // doc → true cluster (-1: none)
	kind    []string // doc → kind of its cluster
	lang    []string // doc → language
}

type echoCounts struct {
	tp, fp       map[string]int64 // by kind or language key
	pos          map[string]int64
	tpAll, fpAll int64
	posAll       int64
}

func newEchoCounts() echoCounts {
	return echoCounts{tp: map[string]int64{}, fp: map[string]int64{}, pos: map[string]int64{}}
}

// EchoScores are pairwise scores of one set of predictions.
type EchoScores struct {
	Pairs               int64              `json:"pairs"` // predicted pairs (after closure for closure scores)
	Precision           float64            `json:"precision"`
	Recall              float64            `json:"recall"`
	F1                  float64            `json:"f1"`
	CopyRewordingRecall float64            `json:"copy_rewording_recall"`
	TranslationRecall   float64            `json:"translation_recall"`
	ByKind              map[string]EchoPRF `json:"by_kind"`     // precision counts false pairs touching the kind
	ByLanguage          map[string]EchoPRF `json:"by_language"` // pairs involving a document of the language
}

func (c echoCounts) scores() EchoScores {
	all := echoPRF(c.tpAll, c.fpAll, c.posAll-c.tpAll)
	s := EchoScores{Pairs: c.tpAll + c.fpAll, Precision: all.Precision, Recall: all.Recall, F1: all.F1,
		ByKind: map[string]EchoPRF{}, ByLanguage: map[string]EchoPRF{}}
	for k, pos := range c.pos {
		p := echoPRF(c.tp[k], c.fp[k], pos-c.tp[k])
		if kind, ok := strings.CutPrefix(k, "kind:"); ok {
			s.ByKind[kind] = p
		} else if l, ok := strings.CutPrefix(k, "lang:"); ok {
			s.ByLanguage[l] = p
		}
	}
	s.CopyRewordingRecall = s.ByKind[echoKindMono].Recall
	s.TranslationRecall = s.ByKind[echoKindTrans].Recall
	return s
}

const (
	echoKindMono  = "copypasta_or_rewording"
	echoKindTrans = "translation"
)

// positives counts the true pairs per kind and language.
func (s *echoScorer) positives(c *echoCounts) {
	byCluster := map[int][]int{}
	for i, cl := range s.cluster {
		if cl >= 0 {
			byCluster[cl] = append(byCluster[cl], i)
		}
	}
	for _, m := range byCluster {
		for x := range m {
			for y := x + 1; y < len(m); y++ {
				s.count(c.pos, m[x], m[y])
				c.posAll++
			}
		}
	}
}

func (s *echoScorer) count(m map[string]int64, a, b int) {
	if s.kind[a] != "" {
		m["kind:"+s.kind[a]]++
	}
	if s.kind[b] != "" && s.kind[b] != s.kind[a] {
		m["kind:"+s.kind[b]]++
	}
	m["lang:"+s.lang[a]]++
	if s.lang[b] != s.lang[a] {
		m["lang:"+s.lang[b]]++
	}
}

// direct scores a set of pairs as given (deduplicated, unordered).
func (s *echoScorer) direct(pairs [][2]int) EchoScores {
	c := newEchoCounts()
	s.positives(&c)
	seen := map[[2]int]bool{}
	for _, p := range pairs {
		a, b := min(p[0], p[1]), max(p[0], p[1])
		if a == b || seen[[2]int{a, b}] {
			continue
		}
		seen[[2]int{a, b}] = true
		s.add(&c, a, b)
	}
	return c.scores()
}

func (s *echoScorer) add(c *echoCounts, a, b int) {
	if s.cluster[a] >= 0 && s.cluster[a] == s.cluster[b] {
		c.tpAll++
		s.count(c.tp, a, b)
	} else {
		c.fpAll++
		s.count(c.fp, a, b)
	}
}

// closure scores all pairs within the connected components of the pairs.
func (s *echoScorer) closure(pairs [][2]int) EchoScores {
	n := len(s.cluster)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, p := range pairs {
		a, b := find(p[0]), find(p[1])
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	comp := map[int][]int{}
	for i := range n {
		comp[find(i)] = append(comp[find(i)], i)
	}
	c := newEchoCounts()
	s.positives(&c)
	for _, m := range comp {
		for x := range m {
			for y := x + 1; y < len(m); y++ {
				s.add(&c, m[x], m[y])
			}
		}
	}
	return c.scores()
}
