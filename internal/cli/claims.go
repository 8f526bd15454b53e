package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"fimi/internal/claims/importer"
	"fimi/internal/fimi"
	"fimi/internal/ingest"
	"fimi/internal/store"
)

func (a *app) newClaimsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "claims",
		Short: "Import, list, show and search debunked claims",
		Long: `Claim databases: EUvsDisinfo cases, schema.org ClaimReview fact-checks, CLEF CheckThat!
verified claims, LIAR, or your own JSONL/CSV. Items are matched against them as they land.`,
	}
	cmd.AddCommand(a.newClaimsImportCommand(), a.newClaimsListCommand(), a.newClaimsShowCommand(), a.newClaimsSearchCommand())
	return cmd
}

type claimsImportOptions struct {
	Format  string
	Map     []string
	Rejects string
}

// ClaimsImportSummary counts what a claims import did.
type ClaimsImportSummary struct {
	Inputs    int      `json:"inputs"`
	Skipped   []string `json:"companion_files,omitempty"`
	Read      int64    `json:"read"`
	Added     int64    `json:"stored"`
	Updated   int64    `json:"updated"`
	Unchanged int64    `json:"unchanged"`
	Rejected  int64    `json:"rejected"`
	Rejects   string   `json:"rejects_file,omitempty"`
	Failed    int      `json:"failed_inputs"`
	Errors    []string `json:"errors,omitempty"`
	Claims    int64    `json:"claims_in_store"`
}

func (a *app) newClaimsImportCommand() *cobra.Command {
	var o claimsImportOptions
	cmd := &cobra.Command{
		Use:   "import PATH...",
		Short: "Import claims from files, directories, globs or stdin (-)",
		Long: `Import claims. Formats (--format auto picks by header and content):
` + formatDocs() + `
Importing is idempotent: claims are upserted by id. Bad records are rejected with file, line and
reason into the rejects file while all good records land. Companion files (EUvsDisinfo
publications and lookup tables) are read with the file they belong to when given together or
found beside it.
Exit status: 0 everything landed, 3 some records were rejected, 1 fatal error.`,
		Example: `  fimi claims import ../shared/datasets/euvsdisinfo_cknabs
  fimi claims import --format clef verified_claims.docs.tsv
  fimi claims import --format csv --map text=statement --map id=sid statements.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runClaimsImport(cmd, o, args) },
	}
	f := cmd.Flags()
	f.StringVar(&o.Format, "format", "auto", "claim format: auto, "+strings.Join(importer.Names(), ", "))
	f.StringArrayVar(&o.Map, "map", nil, "map a claim field onto a source column, field=column (jsonl, csv)")
	f.StringVar(&o.Rejects, "rejects", "", "rejects file (default: beside the database, <db>.rejects.jsonl)")
	return cmd
}

func formatDocs() string {
	var b strings.Builder
	for _, f := range importer.Formats() {
		fmt.Fprintf(&b, "  %-12s %s\n", f.Name, f.Doc)
	}
	return b.String()
}

func (a *app) runClaimsImport(cmd *cobra.Command, o claimsImportOptions, args []string) error {
	ctx := cmd.Context()
	m, err := importer.ParseMap(o.Map)
	if err != nil {
		return usageError{err}
	}
	var exts []ingest.Format
	for _, f := range importer.Formats() {
		exts = append(exts, ingest.Format{Name: f.Name, Exts: f.Exts})
	}
	inputs, err := ingest.Expand(args, exts)
	if err != nil {
		return &exitError{ExitFatal, err}
	}
	var paths []string
	for _, in := range inputs {
		if in.Name != "-" && !in.URL {
			paths = append(paths, in.Name)
		}
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if o.Rejects == "" {
		o.Rejects = defaultRejects(a.g.DB)
	}
	rw := ingest.NewRejectWriter(o.Rejects)
	sum := ClaimsImportSummary{Inputs: len(inputs)}
	for _, in := range inputs {
		if err := a.importClaims(cmd, st, in, o.Format, importer.Options{Map: m, Companions: paths}, rw, &sum); err != nil {
			if errors.Is(err, importer.ErrCompanion) {
				sum.Skipped = append(sum.Skipped, in.Name)
				continue
			}
			var fatal *storeError
			if errors.As(err, &fatal) {
				rw.Close()
				return &exitError{ExitFatal, err}
			}
			sum.Failed++
			sum.Errors = append(sum.Errors, err.Error())
		}
	}
	if err := rw.Close(); err != nil {
		return &exitError{ExitFatal, err}
	}
	sum.Rejects = rw.Path()
	sum.Claims, _ = st.CountClaims(ctx)
	if a.g.JSON {
		if err := a.printJSON(sum); err != nil {
			return err
		}
	} else {
		w := a.stdout
		fmt.Fprintf(w, "read %d claim records from %d input(s)\n", sum.Read, sum.Inputs-len(sum.Skipped))
		fmt.Fprintf(w, "  stored    %d new claims\n  updated   %d\n  unchanged %d\n  rejected  %d", sum.Added, sum.Updated, sum.Unchanged, sum.Rejected)
		if sum.Rejects != "" {
			fmt.Fprintf(w, " (kept in %s)", sum.Rejects)
		}
		fmt.Fprintln(w)
		for _, s := range sum.Skipped {
			fmt.Fprintf(w, "  skipped %s: a companion or descriptor file, read with the files it belongs to\n", s)
		}
		for _, e := range sum.Errors {
			fmt.Fprintf(w, "  failed: %s\n", e)
		}
		fmt.Fprintf(w, "%d claims in the store\n", sum.Claims)
	}
	switch {
	case sum.Failed > 0:
		return &exitError{ExitFatal, fmt.Errorf("%d of %d inputs failed", sum.Failed, sum.Inputs)}
	case sum.Rejected > 0:
		return &exitError{code: ExitRejected}
	}
	return nil
}

// storeError marks a failure of the store, which stops an import.
type storeError struct{ error }

func (e *storeError) Unwrap() error { return e.error }

func (a *app) importClaims(cmd *cobra.Command, st store.Store, in ingest.Input, format string, opt importer.Options, rw *ingest.RejectWriter, sum *ClaimsImportSummary) error {
	ctx := cmd.Context()
	var r io.Reader
	if in.Name == "-" {
		r = a.stdin
	} else {
		f, err := os.Open(in.Name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	dec, chosen, err := importer.Open(format, in.Name, r, opt)
	if err != nil {
		return err
	}
	var batch []fimi.Claim
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		out, err := st.PutClaims(ctx, batch)
		if err != nil {
			return &storeError{err}
		}
		for _, o := range out {
			switch o {
			case store.Added:
				sum.Added++
			case store.Merged:
				sum.Updated++
			default:
				sum.Unchanged++
			}
		}
		batch = batch[:0]
		return nil
	}
	for {
		rec, err := dec.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if ferr := flush(); ferr != nil {
				return ferr
			}
			return fmt.Errorf("%s (%s): %w", in.Name, chosen, err)
		}
		sum.Read++
		if rec.Err != nil {
			data := rec.Verbatim
			if data == nil {
				data = rec.Claim.Raw
			}
			if err := rw.Reject(in.Name, chosen, rec.Line, rec.Err, data); err != nil {
				return &storeError{err}
			}
			sum.Rejected++
			continue
		}
		batch = append(batch, rec.Claim)
		if len(batch) >= 1000 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

func (a *app) newClaimsListCommand() *cobra.Command {
	var q store.ClaimQuery
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List stored claims in import order",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.printClaims(cmd, q)
		},
	}
	cmd.Flags().StringVar(&q.Source, "source", "", "only claims imported from this format (euvsdisinfo, claimreview, clef, ...)")
	cmd.Flags().IntVar(&q.Limit, "limit", 20, "most claims to show")
	cmd.Flags().IntVar(&q.Offset, "offset", 0, "skip this many claims")
	return cmd
}

func (a *app) newClaimsSearchCommand() *cobra.Command {
	var q store.ClaimQuery
	cmd := &cobra.Command{
		Use:   "search TEXT",
		Short: "Full-text search over claim texts, titles and summaries",
		Long: `Full-text search over the stored claims (FTS5 syntax, best match first). To find the claims a
text repeats, with scores and evidence, use fimi match "TEXT".`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q.Text = args[0]
			return a.printClaims(cmd, q)
		},
	}
	cmd.Flags().StringVar(&q.Source, "source", "", "only claims imported from this format")
	cmd.Flags().IntVar(&q.Limit, "limit", 20, "most claims to show")
	return cmd
}

func (a *app) printClaims(cmd *cobra.Command, q store.ClaimQuery) error {
	st, err := a.openStore(cmd.Context())
	if err != nil {
		return err
	}
	defer st.Close()
	cs, err := st.Claims(cmd.Context(), q)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if a.g.JSON {
			c.Raw = nil
			if err := a.printJSON(c); err != nil {
				return err
			}
			continue
		}
		date := "          "
		if !c.Published.IsZero() {
			date = c.Published.Format("2006-01-02")
		}
		text := c.Text
		if text == "" {
			text = c.Title
		}
		fmt.Fprintf(a.stdout, "%s  %-14s %-80s  %s\n", date, shorten(c.Verdict, 14), shorten(strings.Join(strings.Fields(text), " "), 80), c.ID)
	}
	if !a.g.JSON && len(cs) == 0 {
		fmt.Fprintln(a.stdout, "no claims")
	}
	return nil
}

func (a *app) newClaimsShowCommand() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one claim and the items that repeat it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			c, err := st.Claim(ctx, args[0])
			if err != nil {
				return err
			}
			ms, err := st.Matches(ctx, store.MatchQuery{ClaimID: c.ID, Limit: limit})
			if err != nil {
				return err
			}
			if a.g.JSON {
				return a.printJSON(struct {
					fimi.Claim
					Matches []store.MatchHit `json:"matches"`
				}{c, ms})
			}
			w := a.stdout
			fmt.Fprintf(w, "claim      %s\n", c.ID)
			for _, l := range [][2]string{{"title", c.Title}, {"verdict", c.Verdict}, {"rating", c.Rating},
				{"publisher", c.Publisher}, {"url", c.URL}, {"languages", strings.Join(c.Languages, " ")},
				{"keywords", strings.Join(c.Keywords, ", ")}, {"countries", strings.Join(c.Countries, ", ")},
				{"tags", strings.Join(c.Tags, " ")}, {"source", c.Source}} {
				if l[1] != "" {
					fmt.Fprintf(w, "%-10s %s\n", l[0], l[1])
				}
			}
			if !c.Published.IsZero() {
				fmt.Fprintf(w, "published  %s\n", c.Published.Format(time.DateOnly))
			}
			fmt.Fprintf(w, "\n%s\n", c.Text)
			if c.Summary != "" {
				fmt.Fprintf(w, "\nSummary: %s\n", c.Summary)
			}
			if c.Disproof != "" {
				fmt.Fprintf(w, "\nDisproof: %s\n", c.Disproof)
			}
			for _, r := range c.Related {
				fmt.Fprintf(w, "  appeared at %s\n", r)
			}
			fmt.Fprintf(w, "\n%d matched items (newest first)\n", len(ms))
			for _, m := range ms {
				a.printMatchLine(m)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 20, "most matched items to show")
	return cmd
}

func (a *app) printMatchLine(m store.MatchHit) {
	when := "                "
	if !m.Item.Published.IsZero() {
		when = m.Item.Published.Format("2006-01-02 15:04")
	}
	dec := m.Decision
	if dec == "" {
		dec = "-"
	}
	body := m.Item.Title
	if body == "" {
		body = m.Item.Text
	}
	fmt.Fprintf(a.stdout, "  %s %-9s %.2f %-2s %-16s %s  %s\n", when, dec, m.Score, m.Item.Lang, shorten(m.Item.Account, 16),
		m.ItemID, shorten(strings.Join(strings.Fields(body), " "), 80))
}
