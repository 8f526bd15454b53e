// Command train fits the claim matcher's built-in model on CLEF 2020 CheckThat! Task 2 and
// writes it to internal/claims/model_weights.go.
//
// It builds a matcher over the 10,375 verified claims, collects the features of the BM25F
// candidates of every train tweet (label: the candidate is in the qrels), fits a logistic
// model (claims.Train), reports MAP@k and recall on train and dev for the BM25F order and
// for the model's order, and writes the weights with the report as a comment. The test
// split is only read with -test, to report the final figures once.
//
// Retrain from the repository root (takes under a minute):
//
//	go run ./internal/claims/train -candidates 64
//	go run ./internal/claims/train -datasets ../shared/datasets -l2 1 -out internal/claims/model_weights.go
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
	"fimi/internal/eval"
	"fimi/internal/fimi"
)

var show string

func main() {
	var (
		datasets = flag.String("datasets", "../shared/datasets", "folder of the shared datasets")
		out      = flag.String("out", "internal/claims/model_weights.go", "Go file to write the model to ('' or -dry: do not write)")
		dry      = flag.Bool("dry", false, "do not write the model")
		l2       = flag.Float64("l2", 1, "L2 penalty")
		posw     = flag.Float64("posw", 1, "weight of relevant examples")
		test     = flag.Bool("test", false, "also report the test split (do this once, at the end)")
		fit      = flag.String("fit", "train", "splits to fit on, comma-separated")
	)
	flag.StringVar(&show, "show", "", "print the tweets of this split whose relevant claim the model ranks below 1")
	o := claims.DefaultOptions()
	flag.IntVar(&o.Candidates, "candidates", o.Candidates, "BM25F candidates rescored")
	flag.Float64Var(&o.BigramWeight, "bigram", o.BigramWeight, "query weight of bigrams")
	flag.Float64Var(&o.NameWeight, "name", o.NameWeight, "query weight of name keys")
	flag.Float64Var(&o.TrailerWeight, "trailer", o.TrailerWeight, "query weight of trailer words")
	flag.Float64Var(&o.MentionWeight, "mention", o.MentionWeight, "query weight of @handle words")
	flag.Float64Var(&o.TitleWeight, "title", o.TitleWeight, "BM25F weight of titles")
	flag.Float64Var(&o.BText, "btext", o.BText, "b of claim texts")
	flag.Float64Var(&o.BTitle, "btitle", o.BTitle, "b of claim titles")
	flag.Float64Var(&o.K1, "k1", o.K1, "k1")
	flag.Parse()
	if err := run(context.Background(), *datasets, *out, *dry, *l2, *posw, *test, strings.Split(*fit, ","), o); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

type split struct {
	name  string
	qs    []eval.CLEFQuery
	rel   [][]string
	cands [][]claims.Candidate
}

func run(ctx context.Context, datasets, out string, dry bool, l2, posw float64, withTest bool, fit []string, o claims.Options) error {
	dir := filepath.Join(datasets, "clef2020_checkthat_task2")
	cs, err := eval.LoadCLEFClaims(dir)
	if err != nil {
		return err
	}
	m := claims.NewMatcher(cs, o)
	names := []string{"train", "dev"}
	if withTest {
		names = append(names, "test")
	}
	var splits []*split
	for _, name := range names {
		qs, rel, err := eval.LoadCLEFSplit(dir, name)
		if err != nil {
			return err
		}
		s := &split{name: name, qs: qs}
		for _, q := range qs {
			s.rel = append(s.rel, rel[q.ID])
			s.cands = append(s.cands, m.Candidates(claims.Query{Text: q.Text, Lang: "en"}))
		}
		splits = append(splits, s)
	}
	var examples []claims.Example
	for _, s := range splits {
		if !slices.Contains(fit, s.name) {
			continue
		}
		for i, cands := range s.cands {
			for _, c := range cands {
				examples = append(examples, claims.Example{Query: i, Features: c.Features, Relevant: slices.Contains(s.rel[i], c.ClaimID)})
			}
		}
	}
	md, err := claims.Train(examples, claims.TrainOptions{L2: l2, PositiveWeight: posw})
	if err != nil {
		return err
	}
	var report strings.Builder
	fmt.Fprintf(&report, "Trained on CLEF 2020 Task 2 %s: %d examples (%d candidates per tweet), l2 %g.\n", strings.Join(fit, "+"), len(examples), o.Candidates, l2)
	for _, s := range splits {
		bm, _ := eval.Rank(order(s.cands, func(c claims.Candidate) float64 { return c.BM25 }), s.rel)
		mm, _ := eval.Rank(order(s.cands, func(c claims.Candidate) float64 { return md.Logit(c.Features) }), s.rel)
		fmt.Fprintf(&report, "%-5s BM25F: MAP@1 %.4f MAP@5 %.4f MRR %.4f R@10 %.4f | model: MAP@1 %.4f MAP@3 %.4f MAP@5 %.4f MRR %.4f R@5 %.4f R@10 %.4f | R@%d %.4f\n",
			s.name, bm.MAPAt1, bm.MAPAt5, bm.MRR, bm.RecallAt10, mm.MAPAt1, mm.MAPAt3, mm.MAPAt5, mm.MRR, mm.RecallAt5, mm.RecallAt10, o.Candidates, recallAll(s))
	}
	fmt.Print(report.String())
	if show != "" {
		showErrors(cs, splits, show, md)
	}
	for i, n := range md.Features {
		fmt.Printf("  %-16s %+.3f\n", n, md.Weights[i])
	}
	if dry || out == "" {
		return nil
	}
	var buf bytes.Buffer
	if err := md.WriteGo(&buf, "Logistic model of the claim matcher; see internal/claims/train.\n"+report.String()); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
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
func recallAll(s *split) float64 {
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
	return float64(hit) / float64(n)
}

func showErrors(cs []fimi.Claim, splits []*split, name string, md *claims.Model) {
	byID := map[string]fimi.Claim{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	for _, s := range splits {
		if s.name != name {
			continue
		}
		ranked := order(s.cands, func(c claims.Candidate) float64 { return md.Logit(c.Features) })
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
			fmt.Printf("\n### %s rank %d\nTWEET %s\n", s.qs[i].ID, pos+1, s.qs[i].Text)
			for _, id := range s.rel[i] {
				fmt.Printf("  GOLD %s | %s\n", byID[id].Text, byID[id].Title)
			}
			if len(r) > 0 {
				fmt.Printf("  TOP1 %s | %s\n", byID[r[0]].Text, byID[r[0]].Title)
			}
		}
	}
}
