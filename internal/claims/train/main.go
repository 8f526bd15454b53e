// Command train fits the claim matcher's built-in model and writes it to
// internal/claims/model_weights.go.
//
// The model must rank (CLEF 2020 CheckThat! Task 2: every tweet has a relevant claim among
// its candidates) and calibrate on a stream, where most items repeat no claim at all. It is
// fitted on the BM25F candidates of:
//
//   - the CLEF train tweets against the 10,375 verified claims (label: in the qrels);
//   - the same tweets against the claims without any train tweet's relevant claim, and
//     against the EUvsDisinfo case titles: their best candidates are true negatives;
//   - the EUvsDisinfo article excerpts (twenty languages) against the CLEF claims: negatives;
//   - a `fimi gen` corpus (seed -genseed; posts, articles, debunks and true reporting in 21
//     languages against its 40 claims; label: the truth's claim lines).
//
// It reports MAP@k on CLEF train and dev for the BM25F order and the model's order, the
// decisions' precision and recall on a gen corpus of another seed (eval.EvalGenClaims, seed
// -devseed) and the share of negative queries whose best claim would be confirmed, then
// writes the weights with the report as a comment. The CLEF test split is only read with
// -test, to report the final figures once.
//
// Retrain from the repository root (a few minutes):
//
//	go run ./internal/claims/train
//	go run ./internal/claims/train -dry -show dev   # report only, and the dev errors
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fimi/internal/claims"
	"fimi/internal/detect"
	"fimi/internal/eval"
	"fimi/internal/fimi"
	"fimi/internal/text/lexicon"
)

var show string

type config struct {
	datasets, out   string
	dry, test       bool
	l2, posw        float64
	negw, genw      float64
	genItems        int
	genSeed, devSed int64
	opt             claims.Options
}

func main() {
	var c config
	flag.StringVar(&c.datasets, "datasets", "../shared/datasets", "folder of the shared datasets")
	flag.StringVar(&c.out, "out", "internal/claims/model_weights.go", "Go file to write the model to ('' or -dry: do not write)")
	flag.BoolVar(&c.dry, "dry", false, "do not write the model")
	flag.Float64Var(&c.l2, "l2", 1, "L2 penalty")
	flag.Float64Var(&c.posw, "posw", 1, "weight of relevant examples")
	flag.Float64Var(&c.negw, "negw", 1, "weight of the examples of the negative query sets")
	flag.Float64Var(&c.genw, "genw", 1, "weight of the examples of the gen corpus")
	flag.IntVar(&c.genItems, "genitems", 20000, "items of the gen corpora")
	flag.Int64Var(&c.genSeed, "genseed", 101, "seed of the gen corpus fitted on")
	flag.Int64Var(&c.devSed, "devseed", 3, "seed of the gen corpus reported on")
	flag.BoolVar(&c.test, "test", false, "also report the CLEF test split (do this once, at the end)")
	flag.StringVar(&show, "show", "", "print the tweets of this split whose relevant claim the model ranks below 1")
	o := claims.DefaultOptions()
	flag.IntVar(&o.Candidates, "candidates", 64, "BM25F candidates rescored")
	flag.Parse()
	lex, err := lexicon.Default()
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	o.Dictionary = detect.LexiconDictionary(lex)
	c.opt = o
	if err := run(context.Background(), c); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

// set is a set of queries with their candidates and relevant claims.
type set struct {
	name   string
	fit    bool
	rank   bool    // report MAP (every query has a relevant claim)
	weight float64 // of its examples
	texts  []string
	rel    [][]string
	cands  [][]claims.Candidate
}

func run(ctx context.Context, c config) error {
	dir := filepath.Join(c.datasets, "clef2020_checkthat_task2")
	cs, err := eval.LoadCLEFClaims(dir)
	if err != nil {
		return err
	}
	cases, err := eval.LoadEUvsDisinfoCases(filepath.Join(c.datasets, "euvsdisinfo_cknabs"))
	if err != nil {
		return err
	}
	eu, _, err := eval.LoadEUvsDisinfoPairs(filepath.Join(c.datasets, "euvsdisinfo_api_2020"), nil)
	if err != nil {
		return err
	}
	o := c.opt
	clef := claims.NewMatcher(cs, o)
	names := []string{"train", "dev"}
	if c.test {
		names = append(names, "test")
	}
	var sets []*set
	var trainQs []eval.CLEFQuery
	var trainRel [][]string
	for _, name := range names {
		qs, rel, err := eval.LoadCLEFSplit(dir, name)
		if err != nil {
			return err
		}
		s := &set{name: "clef-" + name, fit: name == "train", rank: true, weight: 1}
		for _, q := range qs {
			s.texts = append(s.texts, q.Text)
			s.rel = append(s.rel, rel[q.ID])
			s.cands = append(s.cands, clef.Candidates(claims.Query{Text: q.Text, Lang: "en"}))
			if name == "train" {
				trainQs = append(trainQs, q)
				trainRel = append(trainRel, rel[q.ID])
			}
		}
		sets = append(sets, s)
	}

	// Negative query sets.
	removed := map[string]bool{}
	for _, r := range trainRel {
		for _, id := range r {
			removed[id] = true
		}
	}
	var rest []fimi.Claim
	for _, cl := range cs {
		if !removed[cl.ID] {
			rest = append(rest, cl)
		}
	}
	negSet := func(name string, m *claims.Matcher, texts []string, lang string) *set {
		s := &set{name: name, fit: true, weight: c.negw}
		for _, t := range texts {
			s.texts = append(s.texts, t)
			s.rel = append(s.rel, nil)
			s.cands = append(s.cands, m.Candidates(claims.Query{Text: t, Lang: lang}))
		}
		return s
	}
	var tweets []string
	for _, q := range trainQs {
		tweets = append(tweets, q.Text)
	}
	var excerpts []string
	for _, q := range eu {
		excerpts = append(excerpts, q.Text)
	}
	sets = append(sets,
		negSet("clef-train-removed", claims.NewMatcher(rest, o), tweets, "en"),
		negSet("clef-train-vs-eu", claims.NewMatcher(cases, o), tweets, "en"),
		negSet("eu-vs-clef", clef, excerpts, ""))

	// The gen corpus.
	g, err := eval.LoadGenClaims(ctx, c.genItems, c.genSeed)
	if err != nil {
		return err
	}
	gm := claims.NewMatcher(g.Claims, o)
	gs := &set{name: fmt.Sprintf("gen-%d", c.genSeed), fit: true, weight: c.genw}
	for i := range g.Items {
		if g.Skip[i] {
			continue
		}
		it := &g.Items[i]
		gs.texts = append(gs.texts, it.Text)
		gs.rel = append(gs.rel, g.Want[it.ID])
		gs.cands = append(gs.cands, gm.Candidates(it.Query()))
	}
	sets = append(sets, gs)

	var examples []claims.Example
	q := 0
	for _, s := range sets {
		if !s.fit {
			continue
		}
		for i, cands := range s.cands {
			for _, cd := range cands {
				examples = append(examples, claims.Example{Query: q, Features: cd.Features, Relevant: slices.Contains(s.rel[i], cd.ClaimID), Weight: s.weight})
			}
			q++
		}
	}
	md, err := claims.Train(examples, claims.TrainOptions{L2: c.l2, PositiveWeight: c.posw})
	if err != nil {
		return err
	}
	// The ranking model: fitted on CLEF train alone, where every tweet has a relevant claim.
	var rankEx []claims.Example
	for _, s := range sets {
		if s.name != "clef-train" {
			continue
		}
		for i, cands := range s.cands {
			for _, cd := range cands {
				rankEx = append(rankEx, claims.Example{Query: i, Features: cd.Features, Relevant: slices.Contains(s.rel[i], cd.ClaimID)})
			}
		}
	}
	rank, err := claims.Train(rankEx, claims.TrainOptions{L2: c.l2})
	if err != nil {
		return err
	}
	var report strings.Builder
	var fitted []string
	for _, s := range sets {
		if s.fit {
			fitted = append(fitted, s.name)
		}
	}
	fmt.Fprintf(&report, "Calibrated model (scores, decisions) fitted on %s: %d examples (%d candidates per query), l2 %g, negative sets weighted %g, gen %g.\n",
		strings.Join(fitted, ", "), len(examples), o.Candidates, c.l2, c.negw, c.genw)
	fmt.Fprintf(&report, "Ranking model (order) fitted on clef-train: %d examples, l2 %g. MAP below: ranking model.\n", len(rankEx), c.l2)
	for _, s := range sets {
		if s.rank {
			bm, _ := eval.Rank(order(s.cands, func(c claims.Candidate) float64 { return c.BM25 }), s.rel)
			mm, _ := eval.Rank(order(s.cands, func(c claims.Candidate) float64 { return rank.Logit(c.Features) }), s.rel)
			fmt.Fprintf(&report, "%-10s BM25F: MAP@1 %.4f MAP@5 %.4f MRR %.4f | model: MAP@1 %.4f MAP@5 %.4f MRR %.4f R@10 %.4f | R@%d %.4f\n",
				s.name, bm.MAPAt1, bm.MAPAt5, bm.MRR, mm.MAPAt1, mm.MAPAt5, mm.MRR, mm.RecallAt10, o.Candidates, recallAll(s))
			continue
		}
		// Negative or stream sets: share of queries whose best wrong claim scores at least
		// the confirm and suggest thresholds.
		conf, sugg, n := 0, 0, 0
		for i, cands := range s.cands {
			best := 0.0
			for _, cd := range cands {
				if !slices.Contains(s.rel[i], cd.ClaimID) {
					best = max(best, md.Prob(cd.Features))
				}
			}
			n++
			if best >= o.Confirm {
				conf++
			}
			if best >= o.Suggest {
				sugg++
			}
		}
		fmt.Fprintf(&report, "%-18s %5d queries: best wrong claim ≥ confirm %.4f, ≥ suggest %.4f (model scores, before the decision rules)\n",
			s.name, n, float64(conf)/float64(n), float64(sugg)/float64(n))
	}
	mo := o
	mo.Model, mo.RankModel = md, rank
	mo.Candidates = claims.DefaultOptions().Candidates
	dev, err := eval.EvalGenClaims(ctx, c.genItems, c.devSed, mo)
	if err != nil {
		return err
	}
	fmt.Fprintf(&report, "gen seed %d (%d items, decisions): confirmed P %.4f R %.4f, confirmed+suggested P %.4f R %.4f\n",
		c.devSed, dev.Items, dev.All.Confirmed.Precision, dev.All.Confirmed.Recall, dev.All.Any.Precision, dev.All.Any.Recall)
	fmt.Print(report.String())
	if show != "" {
		showErrors(cs, sets, show, md)
	}
	for i, n := range md.Features {
		fmt.Printf("  %-16s %+.3f\n", n, md.Weights[i])
	}
	if c.dry || c.out == "" {
		return nil
	}
	var buf bytes.Buffer
	if err := claims.WriteGo(&buf, "Logistic models of the claim matcher; see internal/claims/train.\n"+report.String(), md, rank); err != nil {
		return err
	}
	return os.WriteFile(c.out, buf.Bytes(), 0o644)
}

// order ranks each query's candidates by key, best first, and returns their IDs.
func order(cands [][]claims.Candidate, key func(claims.Candidate) float64) [][]string {
	out := make([][]string, len(cands))
	for i, cs := range cands {
		cs = slices.Clone(cs)
		slices.SortStableFunc(cs, func(a, b claims.Candidate) int {
			ka, kb := key(a), key(b)
			switch {
			case ka > kb:
				return -1
			case ka < kb:
				return 1
			}
			return 0
		})
		for _, c := range cs {
			out[i] = append(out[i], c.ClaimID)
		}
	}
	return out
}

// recallAll is the share of queries whose relevant claim is among the candidates at all.
func recallAll(s *set) float64 {
	n, hit := 0, 0
	for i, cs := range s.cands {
		if len(s.rel[i]) == 0 {
			continue
		}
		n++
		for _, c := range cs {
			if slices.Contains(s.rel[i], c.ClaimID) {
				hit++
				break
			}
		}
	}
	return float64(hit) / float64(max(n, 1))
}

func showErrors(cs []fimi.Claim, sets []*set, name string, md *claims.Model) {
	byID := map[string]fimi.Claim{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	for _, s := range sets {
		if s.name != "clef-"+name {
			continue
		}
		ranked := order(s.cands, func(c claims.Candidate) float64 { return md.Logit(c.Features) }) // calibrated model
		for i, r := range ranked {
			if len(s.rel[i]) == 0 || len(r) > 0 && slices.Contains(s.rel[i], r[0]) {
				continue
			}
			pos := -1
			for j, id := range r {
				if slices.Contains(s.rel[i], id) {
					pos = j
				}
			}
			fmt.Printf("\n### rank %d\nTWEET %s\n", pos+1, s.texts[i])
			for _, id := range s.rel[i] {
				fmt.Printf("  GOLD %s | %s\n", byID[id].Text, byID[id].Title)
			}
			if len(r) > 0 {
				fmt.Printf("  TOP1 %s | %s\n", byID[r[0]].Text, byID[r[0]].Title)
			}
		}
	}
}
