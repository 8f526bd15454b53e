package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"fimi/internal/demo"
)

func (a *app) newDemoCommand() *cobra.Command {
	o := demo.DefaultOptions()
	var noServe bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Build a fresh demo database from a generated corpus, analyse it and print a report",
		Long: `Generate a synthetic corpus (fimi gen), ingest it into a fresh database in --dir, run every
analysis fimi has, and print a readable report. The demo database is replaced on every run.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.Logger = a.log
			fmt.Fprintf(a.stderr, "fimi demo: generating %d items and building %s/fimi.db ...\n", o.Items, o.Dir)
			rep, err := demo.Run(cmd.Context(), o)
			if err != nil {
				return err
			}
			if a.g.JSON {
				return a.printJSON(rep)
			}
			a.printDemo(rep)
			_ = noServe // the web UI arrives with the server; the demo never blocks today
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Dir, "dir", o.Dir, "working directory for the demo corpus and database")
	f.IntVar(&o.Items, "items", o.Items, "items to generate")
	f.Int64Var(&o.Seed, "seed", o.Seed, "generator seed")
	f.BoolVar(&noServe, "no-serve", false, "do not start the web UI after the report")
	return cmd
}

func (a *app) printDemo(r demo.Report) {
	w := a.stdout
	rule := strings.Repeat("─", 72)
	fmt.Fprintf(w, "%s\nfimi demo\n%s\n", rule, rule)
	g := r.Generated
	fmt.Fprintf(w, "\nCorpus  %s\n", r.Corpus)
	fmt.Fprintf(w, "  %d items: %d articles from %d outlets, %d posts from %d accounts\n", g.Items, g.Articles, g.Outlets, g.Posts, g.Accounts)
	fmt.Fprintf(w, "  planted: %d echo families (%d items), %d coordinated networks (%d accounts), %d items repeating %d claims\n",
		g.EchoGroups, g.EchoItems, g.CoordNetworks, g.CoordAccounts, g.ClaimItems, g.Claims)
	in := r.Ingest
	fmt.Fprintf(w, "\nIngest  into %s\n", r.DB)
	fmt.Fprintf(w, "  read %d, stored %d, merged %d, rejected %d in %.1fs (%.0f items/s)\n", in.Read, in.Added, in.Merged, in.Rejected, in.Seconds, in.PerSecond)
	fmt.Fprintf(w, "\nStore\n")
	a.printStats(r.Stats)
	fmt.Fprintf(w, "\nLanguage detection against the generator's truth: %d items, accuracy %.3f\n", r.LangCheck.Items, r.LangCheck.Accuracy)
	c := r.Claims
	fmt.Fprintf(w, "\nKnown claims: %d imported; items matched as they landed\n", c.Imported)
	fmt.Fprintf(w, "  %d items repeat a known claim: %d confirmed and %d suggested matches\n", c.Items, c.Confirmed, c.Suggested)
	fmt.Fprintf(w, "  against the %d planted repeats: confirmed precision %.2f recall %.2f; with suggested precision %.2f recall %.2f\n",
		c.Truth, c.ConfirmedPrecision, c.ConfirmedRecall, c.AnyPrecision, c.AnyRecall)
	for _, t := range c.Top {
		fmt.Fprintf(w, "  %5d items  %-5s %s\n", t.Items, t.ID, shorten(t.Text, 80))
	}
	e := r.Echoes
	fmt.Fprintf(w, "\nEchoes: copies, rewordings and translations found as items landed\n")
	fmt.Fprintf(w, "  %d echo groups from %d pairs (%s)\n", e.Groups, e.Pairs, fmtCounts(e.ByRel))
	fmt.Fprintf(w, "  against the %d planted families (%d items): pairs touching them within the family %.2f, members found %.2f\n", e.Planted, e.Members, e.PairPrecision, e.MemberRecall)
	fmt.Fprintf(w, "  %d pairs among unplanted items (organic repeats the generator does not label)\n", e.Unplanned)
	for _, g := range e.Top {
		fmt.Fprintf(w, "  %4d items %2d accounts %-12s %s\n", g.Size, g.Accounts, shorten(strings.Join(g.Languages, ","), 12), shorten(e.FirstText[g.ID], 70))
	}
	co := r.Coord
	fmt.Fprintf(w, "\nCoordinated networks (co-link, co-share, co-text within 60 s, repeated): run %d\n", co.Run)
	fmt.Fprintf(w, "  %d networks, %d accounts; against the %d planted networks (%d accounts): precision %.2f recall %.2f\n\n",
		len(co.Networks), co.Accounts, co.Planted, co.PlantedAc, co.Precision, co.Recall)
	a.printNetworks(co.Networks)
	fmt.Fprintf(w, "\nFull-text search %q\n", r.Search)
	for _, h := range r.SearchHits {
		fmt.Fprintf(w, "  %s %-8s %s %-18s %s\n", h.Published, h.Platform, h.Lang, shorten(h.Account, 18), h.Snippet)
	}
	fmt.Fprintf(w, "\nTry:  fimi --db %s items -q 'Kharkiv'\n      fimi --db %s matches --decision confirmed\n      fimi --db %s echoes; fimi --db %s echo GROUP\n      fimi --db %s networks; fimi --db %s network n1\n      fimi --db %s stats\n", r.DB, r.DB, r.DB, r.DB, r.DB, r.DB, r.DB)
}
