package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"fimi/internal/eval"
	"fimi/internal/gen"
	"fimi/internal/text/lang"
)

func (a *app) newEvalCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure fimi's detectors on evaluation datasets",
	}
	cmd.AddCommand(a.newEvalLangCommand(), a.newEvalClaimsCommand(), a.newEvalEchoesCommand(), a.newEvalCoordCommand())
	return cmd
}

// defaultDatasets is where the shared evaluation datasets sit beside a checkout.
const defaultDatasets = "../shared/datasets"

func (a *app) newEvalLangCommand() *cobra.Command {
	var datasets string
	var genItems int
	cmd := &cobra.Command{
		Use:   "lang",
		Short: "Per-language accuracy of language detection on real multilingual texts and on fimi gen",
		Long: `Per-language accuracy of fimi's language detection on the EUvsDisinfo original-language
excerpts and the D3lta multilingual documents (from --datasets), and on a fimi gen corpus.
EUvsDisinfo labels give the outlet's language, which is sometimes not the excerpt's.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			det := lang.Default()
			type result struct {
				Dataset  string                    `json:"dataset"`
				Samples  int                       `json:"samples"`
				Accuracy float64                   `json:"accuracy"`
				PerLang  map[string]lang.LangStats `json:"per_lang"`
				report   lang.Report
			}
			var results []result
			add := func(name string, samples []lang.Sample) {
				r := lang.Evaluate(det, samples)
				results = append(results, result{Dataset: name, Samples: r.Total, Accuracy: r.Accuracy(), PerLang: r.PerLang, report: r})
			}
			for _, ds := range []struct {
				name string
				load func(string) ([]lang.Sample, error)
			}{
				{"euvsdisinfo_api_2020", eval.LangSamplesEUvsDisinfo},
				{"d3lta_synthetic_reconstructed", eval.LangSamplesD3lta},
			} {
				dir := filepath.Join(datasets, ds.name)
				if _, err := os.Stat(dir); err != nil {
					fmt.Fprintf(a.stderr, "skipping %s: %v\n", ds.name, err)
					continue
				}
				s, err := ds.load(dir)
				if err != nil {
					return err
				}
				add(ds.name, s)
			}
			if genItems > 0 {
				dir, err := os.MkdirTemp("", "fimi-eval-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				opt := gen.DefaultOptions()
				opt.Items = genItems
				if _, err := writeCorpus(cmd.Context(), opt, dir); err != nil {
					return err
				}
				s, err := eval.LangSamplesGen(filepath.Join(dir, genCorpus), filepath.Join(dir, genTruth))
				if err != nil {
					return err
				}
				add(fmt.Sprintf("fimi gen (%d items, seed %d)", genItems, opt.Seed), s)
			}
			if a.g.JSON {
				return a.printJSON(results)
			}
			for _, r := range results {
				fmt.Fprintf(a.stdout, "%s: %d samples, accuracy %.3f\n%s\n", r.Dataset, r.Samples, r.Accuracy, r.report.Table())
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&datasets, "datasets", defaultDatasets, "folder of the shared evaluation datasets")
	cmd.Flags().IntVar(&genItems, "gen-items", 5000, "also evaluate on a fimi gen corpus of this many items (0: no)")
	return cmd
}

func (a *app) newEvalClaimsCommand() *cobra.Command {
	var dataset, split string
	cmd := &cobra.Command{
		Use:   "claims",
		Short: "Claim matching quality on CLEF CheckThat! 2020 or EUvsDisinfo cross-lingual pairs, beside plain BM25",
		Long: `Measure known-claim matching, fimi beside a plain BM25 baseline (SQLite FTS5 bm25, no extras)
over the same claims, in the same run.

  --dataset .../clef2020_checkthat_task2 --split dev|test|train
      English tweets against 10,375 Snopes claims: MAP@1/3/5, MRR, recall@1/5/10.
  --dataset .../euvsdisinfo_api_2020
      original-language excerpts against ~10.9k English EUvsDisinfo case titles:
      recall@1, recall@10 and MRR per language.`,
		Example: `  fimi eval claims --dataset ../shared/datasets/clef2020_checkthat_task2 --split dev
  fimi eval claims --dataset ../shared/datasets/euvsdisinfo_api_2020 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			base := filepath.Base(filepath.Clean(dataset))
			switch {
			case strings.HasPrefix(base, "clef"):
				rep, err := eval.EvalCLEF(ctx, dataset, split)
				if err != nil {
					return err
				}
				if a.g.JSON {
					return a.printJSON(rep)
				}
				fmt.Fprintf(a.stdout, "CLEF 2020 CheckThat! task 2, %s split: %d tweets (%d without a relevant claim, left out), %d claims\n\n",
					rep.Split, rep.Tweets, rep.Skipped, rep.Claims)
				fmt.Fprintf(a.stdout, "%-10s %7s %7s %7s %7s %7s %7s %7s\n", "system", "MAP@1", "MAP@3", "MAP@5", "MRR", "R@1", "R@5", "R@10")
				m, b := rep.RankMetrics, rep.BaselineMetrics
				fmt.Fprintf(a.stdout, "%-10s %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f\n", "fimi", m.MAPAt1, m.MAPAt3, m.MAPAt5, m.MRR, m.RecallAt1, m.RecallAt5, m.RecallAt10)
				fmt.Fprintf(a.stdout, "%-10s %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f\n", "bm25", b.BaselineMAPAt1, b.BaselineMAPAt3, b.BaselineMAPAt5, b.BaselineMRR, b.BaselineRecallAt1, b.BaselineRecallAt5, b.BaselineRecallAt10)
				fmt.Fprintf(a.stdout, "\nfimi %.1fs (+%.1fs to build), bm25 %.1fs\n", rep.Seconds, rep.BuildSeconds, rep.BaselineSeconds)
				return nil
			case strings.HasPrefix(base, "euvsdisinfo"):
				rep, err := eval.EvalEUvsDisinfo(ctx, filepath.Dir(filepath.Clean(dataset)))
				if err != nil {
					return err
				}
				if a.g.JSON {
					return a.printJSON(rep)
				}
				fmt.Fprintf(a.stdout, "EUvsDisinfo cross-lingual pairs: %d excerpts, %d pairs, %d English case titles\n\n%s", rep.Queries, rep.Pairs, rep.Claims, rep.Table())
				return nil
			}
			return usageError{fmt.Errorf("--dataset %q: want a clef2020_checkthat_task2 or euvsdisinfo_api_2020 folder", dataset)}
		},
	}
	cmd.Flags().StringVar(&dataset, "dataset", filepath.Join(defaultDatasets, "clef2020_checkthat_task2"), "dataset folder")
	cmd.Flags().StringVar(&split, "split", "dev", "CLEF split: train, dev or test")
	return cmd
}
