package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
	"fimi/internal/store"
)

type itemsOptions struct {
	Search, Platform, Lang, Outlet, Account, Since, Until string
	Limit, Offset                                         int
	Oldest, Raw                                           bool
}

func (o *itemsOptions) AddFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&o.Search, "search", "q", "", `full-text search: words, "phrases", OR, NOT, prefix*`)
	f.StringVar(&o.Platform, "platform", "", "only this platform")
	f.StringVar(&o.Lang, "lang", "", "only this language (ISO 639-1)")
	f.StringVar(&o.Outlet, "outlet", "", "only this outlet domain")
	f.StringVar(&o.Account, "account", "", "only this account")
	f.StringVar(&o.Since, "since", "", "published at or after (RFC 3339 or YYYY-MM-DD)")
	f.StringVar(&o.Until, "until", "", "published before (RFC 3339 or YYYY-MM-DD)")
	f.IntVar(&o.Limit, "limit", 20, "most items to show")
	f.IntVar(&o.Offset, "offset", 0, "skip this many items")
	f.BoolVar(&o.Oldest, "oldest", false, "oldest first")
	f.BoolVar(&o.Raw, "raw", false, "include raw records (with --json)")
}

func (o itemsOptions) query() (store.ItemQuery, error) {
	q := store.ItemQuery{Text: o.Search, Platform: o.Platform, Lang: o.Lang, Outlet: strings.TrimPrefix(strings.ToLower(o.Outlet), "www."),
		Account: o.Account, Limit: o.Limit, Offset: o.Offset, Oldest: o.Oldest, WithRaw: o.Raw}
	var err error
	if q.Since, err = parseWhen("--since", o.Since); err != nil {
		return q, err
	}
	q.Until, err = parseWhen("--until", o.Until)
	return q, err
}

func parseWhen(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := ingest.ParseTime(s)
	if err != nil {
		return t, usageError{fmt.Errorf("%s %q: %v", flag, s, err)}
	}
	return t, nil
}

func (a *app) newItemsCommand() *cobra.Command {
	var o itemsOptions
	cmd := &cobra.Command{
		Use:   "items",
		Short: "List and search stored items",
		Long: `List stored items, newest first, or search them with the full-text index (best match first).
With --json, one JSON object per line.`,
		Example: `  fimi items -q 'himars belgorod' --lang en
  fimi items --platform telegram --since 2024-05-28 --until 2024-06-01 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, err := o.query()
			if err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			items, err := st.Items(cmd.Context(), q)
			if err != nil {
				return err
			}
			for _, it := range items {
				if a.g.JSON {
					if err := a.printJSON(it); err != nil {
						return err
					}
					continue
				}
				a.printItemLine(it)
			}
			if !a.g.JSON && len(items) == 0 {
				fmt.Fprintln(a.stdout, "no items")
			}
			return nil
		},
	}
	o.AddFlags(cmd)
	return cmd
}

func (a *app) printItemLine(it fimi.Item) {
	when := "          "
	if !it.Published.IsZero() {
		when = it.Published.Format("2006-01-02 15:04")
	}
	who := it.Account
	if it.Outlet != "" && who == "" {
		who = it.Outlet
	}
	body := it.Title
	if body == "" {
		body = it.Text
	}
	body = strings.Join(strings.Fields(body), " ")
	fmt.Fprintf(a.stdout, "%s  %-8s %-2s %-20s %s  %s\n", when, it.Platform, it.Lang, shorten(who, 20), it.ID, shorten(body, 90))
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func (a *app) newItemCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "item ID",
		Short: "Show one item with all its raw records",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			it, err := st.Item(ctx, args[0])
			if err != nil {
				return err
			}
			raws, err := st.ItemRaws(ctx, it.ID)
			if err != nil {
				return err
			}
			pairs, err := st.EchoPairs(ctx, it.ID)
			if err != nil {
				return err
			}
			ms, err := st.Matches(ctx, store.MatchQuery{ItemID: it.ID})
			if err != nil {
				return err
			}
			member, err := st.EchoMemberOf(ctx, it.ID)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			if a.g.JSON {
				type rawOut struct {
					Origin string    `json:"origin"`
					Format string    `json:"format"`
					Seen   time.Time `json:"seen"`
					Data   jsonRaw   `json:"data"`
				}
				type matchOut struct {
					Claim    string  `json:"claim"`
					Score    float64 `json:"score"`
					Decision string  `json:"decision,omitempty"`
				}
				out := struct {
					fimi.Item
					Raws    []rawOut         `json:"raws"`
					Group   string           `json:"echo_group,omitempty"`
					Echoes  []store.EchoPair `json:"echoes"`
					Matches []matchOut       `json:"matches"`
				}{Item: it, Group: member.Group, Echoes: pairs}
				for _, m := range ms {
					out.Matches = append(out.Matches, matchOut{m.ClaimID, m.Score, m.Decision})
				}
				out.Raw = nil
				for _, r := range raws {
					out.Raws = append(out.Raws, rawOut{r.Origin, r.Format, r.Seen, jsonRaw(r.Data)})
				}
				return a.printJSON(out)
			}
			w := a.stdout
			fmt.Fprintf(w, "id         %s\nplatform   %s\nnative id  %s\naccount    %s\n", it.ID, it.Platform, it.NativeID, it.Account)
			if it.Author != "" {
				fmt.Fprintf(w, "author     %s\n", it.Author)
			}
			fmt.Fprintf(w, "outlet     %s\nurl        %s\nlang       %s\npublished  %s\ningested   %s\n", it.Outlet, it.URL, it.Lang, it.Published, it.Ingested)
			if it.SharesID != "" {
				fmt.Fprintf(w, "shares     %s\n", it.SharesID)
			}
			if it.ReplyToID != "" {
				fmt.Fprintf(w, "reply to   %s\n", it.ReplyToID)
			}
			for _, l := range [][2]string{{"urls", strings.Join(it.URLs, " ")}, {"hashtags", strings.Join(it.Hashtags, " ")}, {"mentions", strings.Join(it.Mentions, " ")}} {
				if l[1] != "" {
					fmt.Fprintf(w, "%-10s %s\n", l[0], l[1])
				}
			}
			if it.Title != "" {
				fmt.Fprintf(w, "\n%s\n", it.Title)
			}
			fmt.Fprintf(w, "\n%s\n", it.Text)
			if len(ms) > 0 {
				fmt.Fprintf(w, "\nknown claims (fimi claims show ID)\n")
				for _, m := range ms {
					fmt.Fprintf(w, "  %-10s %.2f  %s\n", m.Decision, m.Score, m.ClaimID)
				}
			}
			if len(pairs) > 0 {
				fmt.Fprintf(w, "\nechoes: group %s (fimi echo %s)\n", member.Group, member.Group)
				for _, p := range pairs {
					other, dir := p.B, "echoed by"
					if p.B == it.ID {
						other, dir = p.A, "echoes"
					}
					fmt.Fprintf(w, "  %-9s %s  %s %.2f\n", dir, other, p.Relation, p.Similarity)
				}
			}
			for i, r := range raws {
				fmt.Fprintf(w, "\nraw record %d from %s (%s)\n%s\n", i+1, r.Origin, r.Format, shorten(string(r.Data), 2000))
			}
			return nil
		},
	}
}

// jsonRaw embeds stored raw JSON as is (or as a string when it is not JSON).
type jsonRaw []byte

func (j jsonRaw) MarshalJSON() ([]byte, error) {
	if len(j) > 0 && (j[0] == '{' || j[0] == '[') {
		return j, nil
	}
	return json.Marshal(string(j))
}
