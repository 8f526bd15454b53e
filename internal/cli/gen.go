package cli

import (
	"bufio"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"fimi/internal/demo"
	"fimi/internal/gen"
)

// Files written by fimi gen into its output directory.
const (
	genCorpus = demo.CorpusFile
	genTruth  = demo.TruthFile
	genClaims = demo.ClaimsFile
)

var writeCorpus = demo.WriteCorpus

type genOptions struct {
	gen.Options
	Out    string
	Stdout bool
}

func (o *genOptions) AddFlags(cmd *cobra.Command) {
	d := gen.DefaultOptions()
	o.Options = d
	f := cmd.Flags()
	f.IntVar(&o.Items, "items", d.Items, "number of items (posts and articles)")
	f.Int64Var(&o.Seed, "seed", d.Seed, "random seed: the same seed gives the same bytes")
	f.IntVar(&o.Days, "days", d.Days, "time span in days")
	f.StringVarP(&o.Out, "out", "o", "corpus", "output directory for corpus.jsonl, truth.jsonl and claims.jsonl")
	f.BoolVar(&o.Stdout, "stdout", false, "write the corpus to stdout (no truth or claims files)")
}

func (a *app) newGenCommand() *cobra.Command {
	var o genOptions
	cmd := &cobra.Command{
		Use:   "gen",
		Short: "Generate a realistic synthetic corpus with planted ground truth",
		Long: `Generate a deterministic synthetic corpus of multilingual posts and articles from many
accounts and outlets over weeks, around the 2024 debate over Ukraine striking targets in Russia
near Kharkiv with US-supplied weapons: true reporting, false variants, coordinated pushes, and
plenty of ordinary news and chatter.

Writes, in --out:
  corpus.jsonl  the items, in fimi's default JSONL layout, time-ordered
  truth.jsonl   the planted ground truth: echo families (copy, rewording, translation),
                coordinated networks and their bursts, items repeating claims, true languages
  claims.jsonl  the claim set the corpus repeats`,
		Example: `  fimi gen --items 100000 --seed 7 --out corpus && fimi ingest corpus/corpus.jsonl`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if o.Stdout {
				w := bufio.NewWriterSize(a.stdout, 1<<20)
				if _, err := gen.Write(ctx, o.Options, w, nopWriter{}, nopWriter{}); err != nil {
					return err
				}
				return w.Flush()
			}
			sum, err := writeCorpus(ctx, o.Options, o.Out)
			if err != nil {
				return err
			}
			if a.g.JSON {
				return a.printJSON(map[string]any{"dir": o.Out, "corpus": filepath.Join(o.Out, genCorpus),
					"truth": filepath.Join(o.Out, genTruth), "claims": filepath.Join(o.Out, genClaims), "summary": sum})
			}
			fmt.Fprintf(a.stdout, "wrote %s: %d items (%d articles, %d posts) from %d accounts and %d outlets\n",
				filepath.Join(o.Out, genCorpus), sum.Items, sum.Articles, sum.Posts, sum.Accounts, sum.Outlets)
			fmt.Fprintf(a.stdout, "planted: %d echo families (%d items), %d coordinated networks (%d accounts), %d items repeating %d claims\n",
				sum.EchoGroups, sum.EchoItems, sum.CoordNetworks, sum.CoordAccounts, sum.ClaimItems, sum.Claims)
			return nil
		},
	}
	o.AddFlags(cmd)
	return cmd
}

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }
