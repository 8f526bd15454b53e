package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) newSourcesCommand() *cobra.Command {
	var kind string
	var limit int
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "List the outlets, channels and accounts items come from, most items first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			srcs, err := st.Sources(cmd.Context(), kind, limit)
			if err != nil {
				return usageError{err}
			}
			for _, s := range srcs {
				if a.g.JSON {
					if err := a.printJSON(s); err != nil {
						return err
					}
					continue
				}
				span := ""
				if !s.FirstSeen.IsZero() {
					span = s.FirstSeen.Format("2006-01-02") + " .. " + s.LastSeen.Format("2006-01-02")
				}
				fmt.Fprintf(a.stdout, "%-8s %-9s %-32s %8d  %s\n", s.Kind, s.Platform, shorten(s.Name, 32), s.Items, span)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&kind, "kind", "", "only outlet, account or channel")
	cmd.Flags().IntVar(&limit, "limit", 50, "most sources to show (0: all)")
	return cmd
}
