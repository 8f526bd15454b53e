package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"fimi/internal/detect"
	"fimi/internal/echo"
	"fimi/internal/eval"
	"fimi/internal/fimi"
	"fimi/internal/follow"
	"fimi/internal/store"
)

func (a *app) newEchoesCommand() *cobra.Command {
	var q store.EchoQuery
	var since, until string
	var redetect, noCatchUp bool
	var horizon time.Duration
	cmd := &cobra.Command{
		Use:   "echoes",
		Short: "List echo groups: items that copy, reword or translate each other across outlets",
		Long: `List the echo groups found among the stored items: items linked by verified copies,
rewordings and translations, transitively. Items are checked as they are ingested; --redetect
runs the detector over every stored item again from the start (after changing thresholds or
installing dictionaries); --no-catch-up only reads. Each group shows its size, outlets, accounts, languages, first-seen
time, span, and growth (members in the last day up to its last member, and members per hour).`,
		Example: `  fimi echoes
  fimi echoes --min-size 5 --sort growth
  fimi echoes --lang ru --since 2024-05-01 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if !slices.Contains([]string{"", "size", "recent", "growth", "first"}, q.Sort) {
				return usageError{fmt.Errorf("--sort %q: want size, recent, growth or first", q.Sort)}
			}
			var err error
			if q.Since, err = parseWhen("--since", since); err != nil {
				return err
			}
			if q.Until, err = parseWhen("--until", until); err != nil {
				return err
			}
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			switch {
			case redetect && noCatchUp:
				return usageError{errors.New("--redetect and --no-catch-up exclude each other")}
			case redetect:
				if err := a.redetectEchoes(cmd, st, horizon); err != nil {
					return err
				}
			case !noCatchUp:
				if err := a.catchUpEchoes(cmd, st, horizon); err != nil {
					return err
				}
			}
			total, err := st.CountEchoGroups(ctx, q)
			if err != nil {
				return err
			}
			gs, err := st.EchoGroups(ctx, q)
			if err != nil {
				return usageError{err}
			}
			if a.g.JSON {
				docs := make([]json.RawMessage, len(gs))
				for i, g := range gs {
					docs[i] = g.Data
				}
				return a.printJSON(map[string]any{"total": total, "groups": docs})
			}
			w := a.stdout
			fmt.Fprintf(w, "%d echo groups", total)
			if int64(len(gs)) < total {
				fmt.Fprintf(w, " (showing %d)", len(gs))
			}
			fmt.Fprintln(w)
			if len(gs) == 0 {
				return nil
			}
			fmt.Fprintf(w, "%-22s %5s %7s %8s %-14s %-16s %7s %6s %7s\n", "group", "size", "outlets", "accounts", "languages", "first seen", "span", "1 day", "per h")
			for _, g := range gs {
				var d echo.Group
				_ = json.Unmarshal(g.Data, &d)
				fmt.Fprintf(w, "%-22s %5d %7d %8d %-14s %-16s %7s %6d %7.2f\n", shorten(g.ID, 22), g.Size, g.Outlets, g.Accounts,
					shorten(strings.Join(g.Languages, ","), 14), g.FirstSeen.Format("2006-01-02 15:04"), fmtSpan(g.LastSeen.Sub(g.FirstSeen)),
					g.LastDay, d.SpreadPerHour)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&q.MinSize, "min-size", 2, "smallest group shown")
	f.StringVar(&q.Lang, "lang", "", "groups with a member in this language")
	f.StringVar(&since, "since", "", "groups active at or after (RFC 3339 or YYYY-MM-DD)")
	f.StringVar(&until, "until", "", "groups first seen before")
	f.StringVar(&q.Sort, "sort", "size", "order: size, recent, growth, first")
	f.IntVar(&q.Limit, "limit", 50, "groups shown")
	f.IntVar(&q.Offset, "offset", 0, "groups skipped")
	f.BoolVar(&redetect, "redetect", false, "run the detector over every stored item again")
	f.BoolVar(&noCatchUp, "no-catch-up", false, "list what is stored without checking items stored since the detector last ran (read-only)")
	f.DurationVar(&horizon, "horizon", 7*24*time.Hour, "when catching up: how far back (in item time) an item is compared")
	return cmd
}

// catchUpEchoes runs the echo detector over items stored since it last ran (items ingested
// before echo detection existed, or by a run that stopped early).
func (a *app) catchUpEchoes(cmd *cobra.Command, st store.Store, horizon time.Duration) error {
	ctx := cmd.Context()
	cur, err := st.Cursor(ctx, detect.EchoCursor)
	if err != nil {
		return err
	}
	if more, err := st.ItemsSince(ctx, cur, 1); err != nil || len(more) == 0 {
		return err
	}
	eo := detect.DefaultEchoOptions()
	eo.Horizon = horizon
	det, err := detect.NewEcho(ctx, st, eo, a.log)
	if err != nil {
		return err
	}
	n, err := follow.CatchUp(ctx, st, det, 0)
	if n > 0 {
		a.log.Info("echo detection caught up", "items", n)
	}
	return err
}

func (a *app) redetectEchoes(cmd *cobra.Command, st store.Store, horizon time.Duration) error {
	ctx := cmd.Context()
	if err := st.ResetEchoes(ctx, detect.EchoCursor); err != nil {
		return err
	}
	return a.catchUpEchoes(cmd, st, horizon)
}

func (a *app) newEchoCommand() *cobra.Command {
	var limit int
	var full bool
	cmd := &cobra.Command{
		Use:   "echo GROUP",
		Short: "Show an echo group: its members, how each echoes, and a word-level diff against the first-seen item",
		Long: `Show one echo group (an id from fimi echoes; the id of a group absorbed in a merge leads to
the group that absorbed it): its figures, then each member in order of joining with its outlet,
account, language, time, the relation and similarity of the pair that brought it in, and a
word-level diff against the first-seen item ([-removed-] {+added+}) when both are in the same
language, or its text when it is a translation.`,
		Example: `  fimi echo g-i3f6c0a...
  fimi echo g-i3f6c0a... --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			g, ms, err := st.EchoGroup(ctx, args[0])
			if err != nil {
				return err
			}
			if limit > 0 && len(ms) > limit {
				ms = ms[:limit]
			}
			ids := make([]string, 0, len(ms)+1)
			ids = append(ids, g.First)
			for _, m := range ms {
				ids = append(ids, m.Item)
			}
			byID := map[string]fimi.Item{}
			for chunk := range slices.Chunk(ids, 500) {
				its, err := st.Items(ctx, store.ItemQuery{IDs: chunk, Limit: len(chunk)})
				if err != nil {
					return err
				}
				for _, it := range its {
					byID[it.ID] = it
				}
			}
			first, ok := byID[g.First]
			firstText := echoText(first)
			type member struct {
				store.EchoMember
				Outlet    string    `json:"outlet,omitempty"`
				Account   string    `json:"account,omitempty"`
				Lang      string    `json:"lang,omitempty"`
				Published time.Time `json:"published"`
				URL       string    `json:"url,omitempty"`
				Text      string    `json:"text"`
				Diff      []echo.Op `json:"diff,omitempty"`
			}
			out := make([]member, 0, len(ms))
			for _, m := range ms {
				it := byID[m.Item]
				mm := member{EchoMember: m, Outlet: it.Outlet, Account: it.Account, Lang: it.Lang, Published: it.Published, URL: it.URL, Text: echoText(it)}
				if ok && m.Item != g.First && (it.Lang == first.Lang || it.Lang == "" || first.Lang == "") && m.Relation != "translation" {
					mm.Diff = echo.Diff(firstText, mm.Text)
				}
				out = append(out, mm)
			}
			if a.g.JSON {
				return a.printJSON(map[string]any{"group": g.Data, "members": out})
			}
			w := a.stdout
			var d echo.Group
			_ = json.Unmarshal(g.Data, &d)
			fmt.Fprintf(w, "echo group %s: %d members, %d outlets, %d accounts, languages %s\n", g.ID, g.Size, g.Outlets, g.Accounts, strings.Join(g.Languages, ","))
			fmt.Fprintf(w, "  first seen %s, last %s (%s), %d in the last day, %.2f per hour\n",
				g.FirstSeen.Format("2006-01-02 15:04:05"), g.LastSeen.Format("2006-01-02 15:04:05"), fmtSpan(g.LastSeen.Sub(g.FirstSeen)), g.LastDay, d.SpreadPerHour)
			if len(d.Relations) > 0 {
				fmt.Fprintf(w, "  joined by: %s\n", fmtCounts(d.Relations))
			}
			fmt.Fprintf(w, "\nfirst seen: %s  %s  %s  [%s]\n", g.First, first.Outlet, first.Account, first.Lang)
			fmt.Fprintf(w, "  %s\n", wrapText(firstText, full))
			for _, m := range out {
				if m.Item == g.First {
					continue
				}
				fmt.Fprintf(w, "\n%s  %s  %s  %s  [%s]", m.Item, m.Published.Format("2006-01-02 15:04:05"), m.Outlet, m.Account, m.Lang)
				if m.Relation != "" {
					fmt.Fprintf(w, "  %s %.2f of %s", m.Relation, m.Similarity, m.Via)
				}
				fmt.Fprintln(w)
				if m.Diff != nil {
					fmt.Fprintf(w, "  %s\n", wrapText(renderDiff(m.Diff), full))
				} else {
					fmt.Fprintf(w, "  %s\n", wrapText(m.Text, full))
				}
			}
			if limit > 0 && g.Size > len(ms) {
				fmt.Fprintf(w, "\n(%d more members: --limit 0 shows all)\n", g.Size-len(ms))
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 50, "members shown (0: all)")
	cmd.Flags().BoolVar(&full, "full", false, "show whole texts (default: up to 600 characters)")
	return cmd
}

// echoText is the text of an item as the echo detector compares it.
func echoText(it fimi.Item) string { return detect.Doc(&it).Text }

// renderDiff writes a diff as text with [-removed-] and {+added+} runs.
func renderDiff(ops []echo.Op) string {
	var b strings.Builder
	for _, op := range ops {
		switch op.Kind {
		case echo.Equal:
			b.WriteString(op.Text)
		case echo.Delete:
			b.WriteString("[-" + strings.TrimRight(op.Text, " ") + "-] ")
		case echo.Insert:
			b.WriteString("{+" + strings.TrimRight(op.Text, " ") + "+} ")
		}
	}
	return b.String()
}

// wrapText flattens whitespace and cuts a text at 600 characters unless full.
func wrapText(s string, full bool) string {
	s = strings.Join(strings.Fields(s), " ")
	if !full {
		s = shorten(s, 600)
	}
	return s
}

func fmtCounts(m map[string]int) string {
	var parts []string
	for _, k := range []string{"copy", "rewording", "translation"} {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", m[k], k))
		}
	}
	return strings.Join(parts, ", ")
}

func (a *app) newCompareCommand() *cobra.Command {
	var pairs string
	var explain bool
	cmd := &cobra.Command{
		Use:   `compare ["TEXT1" "TEXT2"]`,
		Short: "Tell whether two texts are copies, rewordings or translations of each other",
		Long: `Compare two texts, or every line of --pairs FILE (text1<TAB>text2 lines, "-" for stdin), and
print the relation (copy, rewording, translation or none) and the similarity that decided it,
with the same thresholds as echo detection (see the echo package documentation). With --json,
one JSON line per pair: {"line": 1, "relation": "rewording", "similarity": 0.87}; --explain adds
every similarity measured. Lines without a tab are reported as errors and skipped.`,
		Example: `  fimi compare "US officers aim HIMARS at Belgorod" "Американские офицеры наводят HIMARS на Белгород"
  fimi compare --pairs pairs.tsv --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if pairs == "" && len(args) != 2 {
				return usageError{errors.New(`give two texts, or --pairs FILE`)}
			}
			if pairs != "" && len(args) != 0 {
				return usageError{errors.New(`give either two texts or --pairs FILE, not both`)}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := echo.New(detect.DefaultEchoOptions())
			if err != nil {
				return err
			}
			type result struct {
				Line       int                `json:"line"`
				Relation   string             `json:"relation"`
				Similarity float64            `json:"similarity"`
				Evidence   *echo.Similarities `json:"evidence,omitempty"`
				Error      string             `json:"error,omitempty"`
			}
			compare := func(line int, t1, t2 string) result {
				da, db := echo.Doc{ID: "a", Text: t1}, echo.Doc{ID: "b", Text: t2}
				rel, sim := d.Compare(da, db)
				r := result{Line: line, Relation: rel.String(), Similarity: round3(sim)}
				if explain {
					s := d.Explain(da, db)
					r.Evidence = &s
				}
				return r
			}
			emit := func(r result) error {
				if a.g.JSON {
					b, _ := json.Marshal(r)
					_, err := fmt.Fprintf(a.stdout, "%s\n", b)
					return err
				}
				if r.Error != "" {
					_, err := fmt.Fprintf(a.stdout, "%d\terror\t%s\n", r.Line, r.Error)
					return err
				}
				if _, err := fmt.Fprintf(a.stdout, "%d\t%s\t%.3f\n", r.Line, r.Relation, r.Similarity); err != nil {
					return err
				}
				if r.Evidence != nil {
					b, _ := json.Marshal(r.Evidence)
					fmt.Fprintf(a.stdout, "\t%s\n", b)
				}
				return nil
			}
			if pairs == "" {
				return emit(compare(1, args[0], args[1]))
			}
			var in io.Reader = a.stdin
			if pairs != "-" {
				f, err := os.Open(pairs)
				if err != nil {
					return err
				}
				defer f.Close()
				in = f
			}
			sc := bufio.NewScanner(in)
			sc.Buffer(make([]byte, 64*1024), 4<<20)
			line, bad := 0, 0
			for sc.Scan() {
				line++
				t1, t2, ok := strings.Cut(strings.TrimRight(sc.Text(), "\r"), "\t")
				if !ok {
					bad++
					if err := emit(result{Line: line, Relation: "none", Error: fmt.Sprintf("%s:%d: no tab between the two texts", pairs, line)}); err != nil {
						return err
					}
					continue
				}
				if err := emit(compare(line, t1, t2)); err != nil {
					return err
				}
			}
			if err := sc.Err(); err != nil {
				return fmt.Errorf("%s:%d: %w", pairs, line+1, err)
			}
			if bad > 0 {
				return &exitError{code: ExitRejected, err: fmt.Errorf("%d of %d lines of %s had no tab", bad, line, pairs)}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&pairs, "pairs", "", `file of text1<TAB>text2 lines ("-" for stdin)`)
	cmd.Flags().BoolVar(&explain, "explain", false, "print every similarity measured")
	return cmd
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

func (a *app) newEvalEchoesCommand() *cobra.Command {
	var dataset string
	var items int
	var seed int64
	cmd := &cobra.Command{
		Use:   "echoes",
		Short: "Pairwise precision and recall of echo detection on the D3lta synthetic set, or on fimi gen truth",
		Long: `On the D3lta synthetic set (--dataset DIR with documents.csv): pairwise precision, recall and F1
for its two kinds of cluster (copy-pasta-or-rewording, translation), per language and overall,
for the pairs fimi finds directly and for its groups (transitive closure), beside the same
figures for D3lta's own predicted edges on the same documents (d3lta_predicted_edges.csv).
With --dataset gen: a fimi gen corpus of --items items, scored against its planted families,
with copies and rewordings told apart. --json keys include precision, copy_rewording_recall and
translation_recall (direct pairs).`,
		Example: `  fimi eval echoes --dataset ../shared/datasets/d3lta_synthetic_reconstructed
  fimi eval echoes --dataset gen --items 20000 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if dataset == "gen" {
				rep, err := eval.EvalGen(ctx, items, seed, detect.DefaultEchoOptions())
				if err != nil {
					return err
				}
				if a.g.JSON {
					return a.printJSON(rep)
				}
				w := a.stdout
				fmt.Fprintf(w, "fimi gen %d items (seed %d): %d indexed, %d planted families (%d with two or more indexed members), %.1f s\n",
					rep.Items, seed, rep.Indexed, rep.Families, rep.FamiliesIndexed, rep.Seconds)
				printEchoScores(w, "direct pairs", rep.Direct)
				printEchoScores(w, "groups (closure)", rep.Closure)
				fmt.Fprintf(w, "closure of pairs: families recovered %d of %d (recall %.3f); groups pure %d of %d (precision %.3f), of those holding a planted item %.3f\n",
					rep.FamiliesRecovered, rep.FamiliesIndexed, rep.GroupRecall, rep.GroupsPure, rep.Groups, rep.GroupPrecision, rep.GroupPrecisionPlanted)
				fmt.Fprintf(w, "detector groups:  families recovered %d of %d (recall %.3f); groups pure %d of %d holding a planted item (precision %.3f); %d groups in all\n",
					rep.DetectorFamiliesRecovered, rep.FamiliesIndexed, rep.DetectorGroupRecall, rep.DetectorGroupsPure, rep.DetectorGroupsPlanted,
					rep.DetectorGroupPrecisionPlanted, rep.DetectorGroups)
				fmt.Fprintf(w, "\nconfusion of planted pairs (true relation → predicted)\n")
				for _, t := range []string{"copy", "rewording", "translation"} {
					row := rep.Confusion[t]
					fmt.Fprintf(w, "  %-12s copy %5d  rewording %5d  translation %5d  none %5d\n", t, row["copy"], row["rewording"], row["translation"], row["none"])
				}
				return nil
			}
			rep, err := eval.EvalD3lta(ctx, dataset, eval.D3ltaOptions{})
			if err != nil {
				return err
			}
			if a.g.JSON {
				return a.printJSON(rep)
			}
			w := a.stdout
			fmt.Fprintf(w, "D3lta synthetic set: %d documents (%d indexed), %d true pairs, %.1f s (%.0f docs/s); lexicon %v, Chinese %v\n",
				rep.Documents, rep.Indexed, rep.Positives, rep.Seconds, rep.DocsPerSec, rep.Lexicon, rep.Chinese)
			printEchoScores(w, "fimi, direct pairs", rep.Fimi.Direct)
			printEchoScores(w, "fimi, groups (closure)", rep.Fimi.Closure)
			printEchoScores(w, "D3lta's own edges", rep.D3lta.Direct)
			printEchoScores(w, "D3lta's own edges, closure", rep.D3lta.Closure)
			if rep.Notes != "" {
				fmt.Fprintf(w, "\n%s\n", rep.Notes)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&dataset, "dataset", defaultDatasets+"/d3lta_synthetic_reconstructed", `D3lta folder, or "gen"`)
	f.IntVar(&items, "items", 20000, "corpus size with --dataset gen")
	f.Int64Var(&seed, "seed", 1, "gen seed")
	return cmd
}

func printEchoScores(w io.Writer, name string, s eval.EchoScores) {
	fmt.Fprintf(w, "\n%s: %d pairs, precision %.4f, recall %.4f, F1 %.4f\n", name, s.Pairs, s.Precision, s.Recall, s.F1)
	fmt.Fprintf(w, "  copy/rewording recall %.4f, translation recall %.4f\n", s.CopyRewordingRecall, s.TranslationRecall)
	for _, k := range sortedKeys(s.ByKind) {
		p := s.ByKind[k]
		fmt.Fprintf(w, "  %-24s P %.4f R %.4f F1 %.4f\n", k, p.Precision, p.Recall, p.F1)
	}
	for _, l := range sortedKeys(s.ByLanguage) {
		p := s.ByLanguage[l]
		fmt.Fprintf(w, "  %-24s P %.4f R %.4f F1 %.4f (%d true pairs)\n", "lang "+l, p.Precision, p.Recall, p.F1, p.TP+p.FN)
	}
}

func (a *app) newBenchEchoesCommand() *cobra.Command {
	var sizes []int
	cmd := &cobra.Command{
		Use:   "echoes",
		Short: "Echo detection speed and memory at several corpus sizes, with an exact all-pairs baseline",
		Long: `Generate fimi gen corpora of each size (seed 1, streamed), prepare items on all cores and add
them in order as the ingest pipeline does, and report items/s (and CPU per item, robust to
other load), the rate over the last tenth (no slowdown with size), pairs, groups, and memory
per item. In the same run, an exact all-pairs comparison (D3lta's method, lexical) on the first
10,000 items and how many of its pairs the detector also finds.`,
		Example: `  fimi bench echoes --sizes 10000,100000,1000000`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			res, err := eval.BenchEchoes(cmd.Context(), sizes, detect.DefaultEchoOptions())
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
	cmd.Flags().IntSliceVar(&sizes, "sizes", []int{10_000, 100_000}, "corpus sizes in items")
	return cmd
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
