package cli

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"fimi/internal/claims"
	"fimi/internal/detect"
	"fimi/internal/eval"
	"fimi/internal/follow"
	"fimi/internal/store"
	"fimi/internal/text/lang"
)

type matchOptions struct {
	Item    string
	Queries string
	Top     int
	Lang    string
	All     bool
	Rematch bool
}

func (a *app) newMatchCommand() *cobra.Command {
	var o matchOptions
	cmd := &cobra.Command{
		Use:   `match ["TEXT"]`,
		Short: "Find the debunked claims a text or an item repeats, with evidence",
		Long: `Match a free text, a stored item (--item), or a batch of queries (--queries FILE with
id<TAB>text lines; one JSON line per query, {"query": id, "matches": [{"claim": id, "score": s}]},
best first) against the claims in the store. --rematch matches every stored item again (after
importing new claims); items are otherwise matched as they are ingested.`,
		Example: `  fimi match "US officers personally aim the HIMARS strikes on Belgorod"
  fimi match --item i3f6c0a...
  fimi match --queries tweets.tsv --top 5 > run.jsonl
  fimi match --rematch`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			n := len(args)
			for _, set := range []bool{o.Item != "", o.Queries != "", o.Rematch} {
				if set {
					n++
				}
			}
			if n != 1 {
				return usageError{errors.New(`give exactly one of "TEXT", --item, --queries or --rematch`)}
			}
			return a.runMatch(cmd, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Item, "item", "", "match this stored item")
	f.StringVar(&o.Queries, "queries", "", `batch mode: file of id<TAB>text lines ("-" for stdin)`)
	f.IntVar(&o.Top, "top", 5, "results per query")
	f.StringVar(&o.Lang, "lang", "", "language of the text (detected when not given)")
	f.BoolVar(&o.All, "all", false, "show results without a decision too")
	f.BoolVar(&o.Rematch, "rematch", false, "match every stored item again")
	return cmd
}

func (a *app) runMatch(cmd *cobra.Command, o matchOptions, args []string) error {
	ctx := cmd.Context()
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	copt := detect.DefaultClaimsOptions()
	copt.Keep = o.Top
	copt.All = o.All
	copt.Matcher.TopK = max(o.Top, copt.Matcher.TopK)
	det, err := detect.NewClaims(ctx, st, copt)
	if err != nil {
		return err
	}
	if det == nil {
		return &exitError{ExitFatal, errors.New("no claims in the store: import some with fimi claims import")}
	}
	switch {
	case o.Rematch:
		if err := st.SetCursor(ctx, detect.ClaimsCursor, 0); err != nil {
			return err
		}
		start := time.Now()
		n, err := follow.CatchUp(ctx, st, det, 0)
		if err != nil {
			return err
		}
		return a.reportMatched(cmd, st, n, time.Since(start))
	case o.Queries != "":
		in := a.stdin
		if o.Queries != "-" {
			f, err := os.Open(o.Queries)
			if err != nil {
				return err
			}
			defer f.Close()
			in = f
		}
		w := bufio.NewWriter(a.stdout)
		if _, err := eval.MatchBatch(ctx, det.Matcher(), in, w, o.Top); err != nil {
			return err
		}
		return w.Flush()
	}
	var text, lng string
	var published time.Time
	if o.Item != "" {
		it, err := st.Item(ctx, o.Item)
		if err != nil {
			return err
		}
		text, lng, published = it.Text, it.Lang, it.Published
		if it.Title != "" {
			text = it.Title + "\n\n" + it.Text
		}
	} else {
		text, lng = args[0], o.Lang
		if lng == "" {
			lng, _ = lang.Default().Detect(text)
		}
	}
	rs := det.Matcher().Match(claims.Query{Text: text, Lang: lng, Published: published})
	var shown []claims.Result
	for _, r := range rs {
		if len(shown) == o.Top {
			break
		}
		if r.Decision != "" || o.All {
			shown = append(shown, r)
		}
	}
	if a.g.JSON {
		return a.printJSON(map[string]any{"lang": lng, "matches": shown})
	}
	if len(shown) == 0 {
		fmt.Fprintln(a.stdout, "no known claim matched (use --all to see the nearest ones)")
		return nil
	}
	for i, r := range shown {
		c, err := st.Claim(ctx, r.ClaimID)
		if err != nil {
			return err
		}
		dec := r.Decision
		if dec == "" {
			dec = "no decision"
		}
		ctext := c.Text
		if ctext == "" {
			ctext = c.Title
		}
		fmt.Fprintf(a.stdout, "%d. %.2f %s  %s\n   %s\n", i+1, r.Score, dec, c.ID, strings.Join(strings.Fields(ctext), " "))
		if c.URL != "" && c.URL != c.ID {
			fmt.Fprintf(a.stdout, "   %s\n", c.URL)
		}
		ev := r.Evidence
		if ev.Explanation != "" {
			fmt.Fprintf(a.stdout, "   why: %s\n", ev.Explanation)
		}
		var words []string
		for _, w := range ev.Words {
			s := w.QueryText
			if !strings.EqualFold(w.QueryText, w.ClaimText) {
				s += "→" + w.ClaimText
			}
			if w.Via != "same" {
				s += " (" + w.Via + ")"
			}
			words = append(words, s)
		}
		if len(words) > 0 {
			fmt.Fprintf(a.stdout, "   shared words: %s\n", strings.Join(words, ", "))
		}
		for _, l := range [][2]string{{"phrases", joinPhrases(ev.Phrases)}, {"numbers", strings.Join(ev.Numbers, ", ")},
			{"names", strings.Join(ev.Names, ", ")}, {"links", strings.Join(ev.URLs, " ")}} {
			if l[1] != "" {
				fmt.Fprintf(a.stdout, "   shared %s: %s\n", l[0], l[1])
			}
		}
	}
	return nil
}

func joinPhrases(ps []claims.WordMatch) string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%q", p.QueryText))
	}
	return strings.Join(out, ", ")
}

func (a *app) reportMatched(cmd *cobra.Command, st store.Store, n int, took time.Duration) error {
	ctx := cmd.Context()
	conf, _, err := st.CountMatches(ctx, store.MatchQuery{Decision: "confirmed"})
	if err != nil {
		return err
	}
	sugg, _, err := st.CountMatches(ctx, store.MatchQuery{Decision: "suggested"})
	if err != nil {
		return err
	}
	_, items, err := st.CountMatches(ctx, store.MatchQuery{})
	if err != nil {
		return err
	}
	if a.g.JSON {
		return a.printJSON(map[string]any{"items_matched": n, "seconds": took.Seconds(),
			"confirmed": conf, "suggested": sugg, "items_with_matches": items})
	}
	fmt.Fprintf(a.stdout, "matched %d items in %.1fs: %d items repeat known claims (%d confirmed, %d suggested matches)\n",
		n, took.Seconds(), items, conf, sugg)
	return nil
}

func (a *app) newMatchesCommand() *cobra.Command {
	var q store.MatchQuery
	var since, until string
	cmd := &cobra.Command{
		Use:   "matches",
		Short: "List stored matches of items to known claims",
		Long: `List the stored matches of items to claims, newest items first. Filter by decision
(confirmed, suggested, any), claim, the item's language and publication date.`,
		Example: `  fimi matches --decision confirmed --lang ru --since 2024-05-28`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if q.Since, err = parseWhen("--since", since); err != nil {
				return err
			}
			if q.Until, err = parseWhen("--until", until); err != nil {
				return err
			}
			switch q.Decision {
			case "", "any", "confirmed", "suggested", "none":
			default:
				return usageError{fmt.Errorf("--decision %q: want confirmed, suggested, none or any", q.Decision)}
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			ms, err := st.Matches(cmd.Context(), q)
			if err != nil {
				return err
			}
			for _, m := range ms {
				if a.g.JSON {
					m.Item.Raw = nil
					if err := a.printJSON(m); err != nil {
						return err
					}
					continue
				}
				a.printMatchLine(m)
				fmt.Fprintf(a.stdout, "      → %s\n", m.ClaimID)
			}
			if !a.g.JSON && len(ms) == 0 {
				fmt.Fprintln(a.stdout, "no matches")
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&q.Decision, "decision", "any", "confirmed, suggested, none or any")
	f.StringVar(&q.ClaimID, "claim", "", "only matches of this claim")
	f.StringVar(&q.Lang, "lang", "", "only items in this language")
	f.StringVar(&since, "since", "", "items published at or after")
	f.StringVar(&until, "until", "", "items published before")
	f.Float64Var(&q.MinScore, "min-score", 0, "only matches scoring at least this")
	f.IntVar(&q.Limit, "limit", 50, "most matches to show")
	f.IntVar(&q.Offset, "offset", 0, "skip this many")
	return cmd
}
