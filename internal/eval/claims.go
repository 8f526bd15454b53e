package eval

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"fimi/internal/claims"
	"fimi/internal/detect"
	"fimi/internal/store/sqlite"
	"fimi/internal/text/lexicon"
)

// evalDepth is how many claims each system returns per query in the evaluations.
const evalDepth = 10

// BaselineMetrics are RankMetrics of the plain BM25 baseline, with prefixed JSON names.
type BaselineMetrics struct {
	BaselineMAPAt1     float64 `json:"baseline_map_at_1"`
	BaselineMAPAt3     float64 `json:"baseline_map_at_3"`
	BaselineMAPAt5     float64 `json:"baseline_map_at_5"`
	BaselineMAPAt10    float64 `json:"baseline_map_at_10"`
	BaselineMRR        float64 `json:"baseline_mrr"`
	BaselineRecallAt1  float64 `json:"baseline_recall_at_1"`
	BaselineRecallAt5  float64 `json:"baseline_recall_at_5"`
	BaselineRecallAt10 float64 `json:"baseline_recall_at_10"`
}

func baselineOf(m RankMetrics) BaselineMetrics {
	return BaselineMetrics{m.MAPAt1, m.MAPAt3, m.MAPAt5, m.MAPAt10, m.MRR, m.RecallAt1, m.RecallAt5, m.RecallAt10}
}

// CLEFReport is the result of EvalCLEF: fimi's measures (RankMetrics) beside those of the
// plain SQLite FTS5 bm25 baseline over the same claims, from the same run.
type CLEFReport struct {
	Split   string `json:"split"`
	Claims  int    `json:"claims"`
	Tweets  int    `json:"tweets"`
	Skipped int    `json:"tweets_without_relevant"` // left out of every measure
	RankMetrics
	BaselineMetrics
	Seconds         float64 `json:"seconds"`          // fimi: matching the tweets (index build excluded)
	BaselineSeconds float64 `json:"baseline_seconds"` // baseline: searching the tweets
	BuildSeconds    float64 `json:"build_seconds"`    // fimi: building the matcher
}

// EvalCLEF runs CLEF 2020 CheckThat! Task 2 (English tweets against 10,375 Snopes claims)
// on one split ("train", "dev" or "test") of the dataset in dir, for fimi's claim matcher
// built with opt (zero or one Options; none means claims.DefaultOptions()) and for the plain
// BM25 baseline (sqlite.ClaimsBaseline). See RankMetrics for the measures and how the test
// tweet without a relevant claim is treated.
func EvalCLEF(ctx context.Context, dir, split string, opt ...claims.Options) (CLEFReport, error) {
	rep := CLEFReport{Split: split}
	cs, err := LoadCLEFClaims(dir)
	if err != nil {
		return rep, err
	}
	qs, rel, err := LoadCLEFSplit(dir, split)
	if err != nil {
		return rep, err
	}
	rep.Claims, rep.Tweets = len(cs), len(qs)
	o, err := matcherOptions(opt)
	if err != nil {
		return rep, err
	}
	start := time.Now()
	m := claims.NewMatcher(cs, o)
	rep.BuildSeconds = time.Since(start).Seconds()

	texts := make([]string, len(qs))
	for i, q := range qs {
		texts[i] = q.Text
	}
	start = time.Now()
	ranked := matchAll(ctx, m, texts, "en")
	rep.Seconds = time.Since(start).Seconds()
	var acc rankAcc
	for i, q := range qs {
		acc.add(ranked[i], rel[q.ID])
	}
	rep.RankMetrics = acc.result()
	rep.Skipped = acc.skipped

	b, err := sqlite.NewClaimsBaseline(ctx, cs)
	if err != nil {
		return rep, err
	}
	defer b.Close()
	start = time.Now()
	var bacc rankAcc
	for _, q := range qs {
		ids, err := b.Search(ctx, q.Text, evalDepth)
		if err != nil {
			return rep, err
		}
		bacc.add(ids, rel[q.ID])
	}
	rep.BaselineSeconds = time.Since(start).Seconds()
	rep.BaselineMetrics = baselineOf(bacc.result())
	return rep, ctx.Err()
}

// matcherOptions returns opt[0], or claims.DefaultOptions() with the FreeDict dictionaries
// of lexicon.Default() (detect.LexiconDictionary) when opt is empty.
func matcherOptions(opt []claims.Options) (claims.Options, error) {
	if len(opt) > 0 {
		return opt[0], nil
	}
	o := claims.DefaultOptions()
	lex, err := lexicon.Default()
	if err != nil {
		return o, err
	}
	o.Dictionary = detect.LexiconDictionary(lex)
	return o, nil
}

// matchAll matches texts on all CPUs and returns the ranked claim IDs of each.
func matchAll(ctx context.Context, m *claims.Matcher, texts []string, lang string) [][]string {
	out := make([][]string, len(texts))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(texts); i += workers {
				if ctx.Err() != nil {
					return
				}
				for _, r := range m.Match(claims.Query{Text: texts[i], Lang: lang, K: evalDepth, Evidence: claims.EvidenceNone}) {
					out[i] = append(out[i], r.ClaimID)
				}
			}
		})
	}
	wg.Wait()
	return out
}

// LangRecall are the measures of one language in EvalEUvsDisinfo.
type LangRecall struct {
	Lang               string  `json:"lang"`
	Queries            int     `json:"queries"`
	Pairs              int     `json:"pairs"`
	RecallAt1          float64 `json:"recall_at_1"`
	RecallAt10         float64 `json:"recall_at_10"`
	MRR                float64 `json:"mrr"`
	BaselineRecallAt1  float64 `json:"baseline_recall_at_1"`
	BaselineRecallAt10 float64 `json:"baseline_recall_at_10"`
	BaselineMRR        float64 `json:"baseline_mrr"`
}

// EUvsDisinfoReport is the result of EvalEUvsDisinfo.
type EUvsDisinfoReport struct {
	Claims  int          `json:"claims"`
	Queries int          `json:"queries"`
	Pairs   int          `json:"pairs"`
	All     LangRecall   `json:"all"`
	PerLang []LangRecall `json:"per_lang"` // most pairs first
	Seconds float64      `json:"seconds"`
}

// EvalEUvsDisinfo measures cross-lingual matching: each original-language article excerpt of
// datasets/euvsdisinfo_api_2020/derived_article_abstract_to_case.csv (dir is the datasets
// folder) is a query whose targets are the English titles of the cases it was linked to,
// among all case titles of datasets/euvsdisinfo_cknabs/posts.csv. Recall@1, recall@10 and
// MRR per outlet language, for fimi (opt as in EvalCLEF, with the language detected from the
// excerpt) and for the plain BM25 baseline. Pairs whose case is missing from posts.csv are
// dropped.
func EvalEUvsDisinfo(ctx context.Context, dir string, opt ...claims.Options) (EUvsDisinfoReport, error) {
	var rep EUvsDisinfoReport
	cs, err := LoadEUvsDisinfoCases(dir + "/euvsdisinfo_cknabs")
	if err != nil {
		return rep, err
	}
	qs, pairs, err := LoadEUvsDisinfoPairs(dir+"/euvsdisinfo_api_2020", cs)
	if err != nil {
		return rep, err
	}
	rep.Claims, rep.Queries, rep.Pairs = len(cs), len(qs), pairs
	o, err := matcherOptions(opt)
	if err != nil {
		return rep, err
	}
	m := claims.NewMatcher(cs, o)
	texts := make([]string, len(qs))
	for i, q := range qs {
		texts[i] = q.Text
	}
	start := time.Now()
	ranked := matchAll(ctx, m, texts, "")
	rep.Seconds = time.Since(start).Seconds()
	b, err := sqlite.NewClaimsBaseline(ctx, cs)
	if err != nil {
		return rep, err
	}
	defer b.Close()
	type accs struct {
		f, b         rankAcc
		queries, prs int
	}
	per := map[string]*accs{}
	all := &accs{}
	for i, q := range qs {
		ids, err := b.Search(ctx, q.Text, evalDepth)
		if err != nil {
			return rep, err
		}
		a := per[q.Lang]
		if a == nil {
			a = &accs{}
			per[q.Lang] = a
		}
		for _, x := range []*accs{a, all} {
			x.f.add(ranked[i], q.Relevant)
			x.b.add(ids, q.Relevant)
			x.queries++
			x.prs += len(q.Relevant)
		}
	}
	row := func(l string, a *accs) LangRecall {
		f, bl := a.f.result(), a.b.result()
		return LangRecall{Lang: l, Queries: a.queries, Pairs: a.prs, RecallAt1: f.RecallAt1, RecallAt10: f.RecallAt10, MRR: f.MRR,
			BaselineRecallAt1: bl.RecallAt1, BaselineRecallAt10: bl.RecallAt10, BaselineMRR: bl.MRR}
	}
	rep.All = row("all", all)
	for l, a := range per {
		rep.PerLang = append(rep.PerLang, row(l, a))
	}
	sort.Slice(rep.PerLang, func(i, j int) bool {
		if rep.PerLang[i].Pairs != rep.PerLang[j].Pairs {
			return rep.PerLang[i].Pairs > rep.PerLang[j].Pairs
		}
		return rep.PerLang[i].Lang < rep.PerLang[j].Lang
	})
	return rep, ctx.Err()
}

// Table renders the report as text.
func (r EUvsDisinfoReport) Table() string {
	s := fmt.Sprintf("%-5s %7s %5s  %8s %8s %8s   %8s %8s %8s\n", "lang", "queries", "pairs", "R@1", "R@10", "MRR", "bm25 R@1", "R@10", "MRR")
	for _, l := range append(r.PerLang, r.All) {
		s += fmt.Sprintf("%-5s %7d %5d  %8.3f %8.3f %8.3f   %8.3f %8.3f %8.3f\n", l.Lang, l.Queries, l.Pairs,
			l.RecallAt1, l.RecallAt10, l.MRR, l.BaselineRecallAt1, l.BaselineRecallAt10, l.BaselineMRR)
	}
	return s
}
