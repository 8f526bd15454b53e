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

func (a *app) newBenchCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure throughput and memory on generated data",
	}
	cmd.AddCommand(a.newBenchIngestCommand(), a.newBenchClaimsCommand(), a.newBenchEchoesCommand(), a.newBenchCoordCommand())
	return cmd
}

type benchOptions struct {
	Items int
	Seed  int64
	Input string
	Dir   string
}

func (o *benchOptions) AddFlags(cmd *cobra.Command, items int) {
	f := cmd.Flags()
	f.IntVar(&o.Items, "items", items, "items to generate with fimi gen")
	f.Int64Var(&o.Seed, "seed", 1, "generator seed")
	f.StringVar(&o.Input, "input", "", "use this JSONL corpus instead of generating one")
	f.StringVar(&o.Dir, "dir", "", "scratch directory for corpora and databases (default: a temporary directory)")
}

// corpus returns the path of the corpus to benchmark on, generating it when needed, and a cleanup.
func (a *app) benchCorpus(cmd *cobra.Command, o benchOptions) (string, string, func(), error) {
	dir := o.Dir
	cleanup := func() {}
	if dir == "" {
		d, err := os.MkdirTemp("", "fimi-bench-")
		if err != nil {
			return "", "", nil, err
		}
		dir, cleanup = d, func() { os.RemoveAll(d) }
	}
	if o.Input != "" {
		return o.Input, dir, cleanup, nil
	}
	opt := gen.DefaultOptions()
	opt.Items, opt.Seed = o.Items, o.Seed
	out := filepath.Join(dir, "corpus")
	fmt.Fprintf(a.stderr, "generating %d items...\n", o.Items)
	if _, err := writeCorpus(cmd.Context(), opt, out); err != nil {
		cleanup()
		return "", "", nil, err
	}
	return filepath.Join(out, genCorpus), dir, cleanup, nil
}

func (a *app) newBenchIngestCommand() *cobra.Command {
	var o benchOptions
	cmd := &cobra.Command{
		Use:   "ingest",
		Short: "Items/s into the embedded store, beside a read+parse and a plain-insert ceiling",
		Long: `Generate a corpus (or take --input) and measure, in one run on the same file: a plain
read+parse, a plain insert into SQLite without any index, and fimi's end-to-end ingest with
normalisation, language detection, merge lookups and the full-text index. Peak memory (RSS) is
measured per phase.`,
		Example: `  fimi bench ingest --items 1000000`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, dir, cleanup, err := a.benchCorpus(cmd, o)
			if err != nil {
				return err
			}
			defer cleanup()
			res, err := eval.BenchIngest(cmd.Context(), path, dir, lang.Default(), a.log)
			if err != nil {
				return err
			}
			if a.g.JSON {
				return a.printJSON(res)
			}
			fmt.Fprint(a.stdout, res.Table())
			return nil
		},
	}
	o.AddFlags(cmd, 1_000_000)
	return cmd
}

func (a *app) newBenchClaimsCommand() *cobra.Command {
	var datasets string
	var passes int
	cmd := &cobra.Command{
		Use:   "claims",
		Short: "Claim matching throughput and latency with all shared EUvsDisinfo and CLEF claims loaded",
		Long: `Load every claim of the shared EUvsDisinfo and CLEF datasets (~24k) and measure matching
throughput on all CPUs and single-item latency (p50, p99) on CLEF tweets and EUvsDisinfo excerpts,
beside the plain SQLite FTS5 bm25 baseline in the same run.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			res, err := eval.BenchClaims(cmd.Context(), datasets, passes)
			if err != nil {
				return err
			}
			if a.g.JSON {
				return a.printJSON(res)
			}
			fmt.Fprintf(a.stdout, "%d claims (built in %.1fs), %d items, %d CPUs\n", res.Claims, res.BuildSeconds, res.Items, res.CPUs)
			fmt.Fprintf(a.stdout, "fimi:  %8.0f items/s  p50 %6.0f µs  p99 %7.0f µs  max %7.0f µs\n", res.ItemsPerSecond, res.P50Micros, res.P99Micros, res.MaxMicros)
			fmt.Fprintf(a.stdout, "bm25:  %8.1f items/s  p99 %7.0f µs\nratio: %.1f×\n", res.BaselineItemsPerSecond, res.BaselineP99Micros, res.Ratio)
			return nil
		},
	}
	cmd.Flags().StringVar(&datasets, "datasets", defaultDatasets, "folder of the shared evaluation datasets")
	cmd.Flags().IntVar(&passes, "passes", 2, "throughput passes over the items")
	return cmd
}
