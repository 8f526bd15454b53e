package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"fimi/internal/store"
)

func (a *app) newStatsCommand() *cobra.Command {
	var top int
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count items by platform, language, outlet, account and day",
		Long: `Count stored items by platform, language, outlet, account and day.
With --json, an object whose "items" field is the total number of items.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Stats(cmd.Context(), store.StatsQuery{Top: top})
			if err != nil {
				return err
			}
			if a.g.JSON {
				return a.printJSON(s)
			}
			a.printStats(s)
			return nil
		},
	}
	cmd.Flags().IntVar(&top, "top", 10, "entries in the outlet and account lists")
	return cmd
}

func (a *app) printStats(s store.Stats) {
	w := a.stdout
	fmt.Fprintf(w, "%d items, %d raw records, %d sources\n", s.Items, s.Raws, s.Sources)
	if !s.First.IsZero() {
		fmt.Fprintf(w, "published %s .. %s\n", s.First.Format("2006-01-02 15:04"), s.Last.Format("2006-01-02 15:04"))
	}
	section := func(title string, cs []store.Count, empty string) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, c := range cs {
			k := c.Key
			if k == "" {
				k = empty
			}
			fmt.Fprintf(w, "  %-32s %9d\n", k, c.Count)
		}
	}
	section("by platform", s.Platforms, "(none)")
	section("by language", s.Languages, "(undetermined)")
	section("top outlets", s.Outlets, "(no outlet)")
	section("top accounts", s.Accounts, "(no account)")
	if len(s.Days) > 0 {
		fmt.Fprintf(w, "\nby day\n")
		var peak int64
		for _, d := range s.Days {
			peak = max(peak, d.Count)
		}
		for _, d := range s.Days {
			k := d.Key
			if k == "" {
				k = "(no date)"
			}
			bar := strings.Repeat("█", int(float64(d.Count)/float64(max(peak, 1))*40))
			fmt.Fprintf(w, "  %-10s %9d %s\n", k, d.Count, bar)
		}
	}
}
