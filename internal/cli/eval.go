package cli

import (
	"fmt"
	"os"
	"path/filepath"

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
	cmd.AddCommand(a.newEvalLangCommand())
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
