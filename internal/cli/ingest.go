package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"fimi/internal/detect"
	"fimi/internal/follow"
	"fimi/internal/ingest"
	"fimi/internal/ingest/all"
	"fimi/internal/ingest/fetch"
	"fimi/internal/store"
	"fimi/internal/text/lang"
)

type ingestOptions struct {
	Format       string
	Map          []string
	Platform     string
	Rejects      string
	AllowPrivate bool
	MaxText      int
	BatchSize    int
	Workers      int
	NoLang       bool
	NoMatch      bool
	NoEchoes     bool
	EchoHorizon  time.Duration
	Timeout      time.Duration
}

func (o *ingestOptions) AddFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.Format, "format", "auto", "input format: auto, "+strings.Join(all.Names(), ", "))
	f.StringArrayVar(&o.Map, "map", nil, "map a field onto a source column, field=column (repeatable; JSONL columns may be dotted paths)")
	f.StringVar(&o.Platform, "platform", "", "platform of records that name none (e.g. twitter)")
	f.StringVar(&o.Rejects, "rejects", "", "rejects file (default: beside the database, <db>.rejects.jsonl)")
	f.BoolVar(&o.AllowPrivate, "allow-private", false, "allow fetching URLs on loopback, private and link-local addresses")
	f.IntVar(&o.MaxText, "max-text", ingest.DefaultMaxText, "largest text per item in bytes; larger records are rejected")
	f.IntVar(&o.BatchSize, "batch", 4096, "records per transaction")
	f.IntVar(&o.Workers, "workers", 0, "normalising workers (default: number of CPUs)")
	f.BoolVar(&o.NoLang, "no-lang", false, "do not detect languages")
	f.BoolVar(&o.NoMatch, "no-match", false, "do not match items against the stored claims as they land")
	f.DurationVar(&o.EchoHorizon, "echo-horizon", 7*24*time.Hour, "echoes: how far back (in item time) an item is compared; older items expire from the index")
	f.BoolVar(&o.NoEchoes, "no-echoes", false, "do not look for echoes (copies, rewordings, translations) as items land (fimi echoes catches up)")
	f.DurationVar(&o.Timeout, "timeout", 30*time.Second, "timeout per URL fetched")
}

func (a *app) newIngestCommand() *cobra.Command {
	var o ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Load articles and posts from files, directories, globs, stdin (-) or URLs",
		Long: `Load articles and posts into the store. Inputs are files, directories (walked for known
extensions), globs, "-" for standard input, and http(s) URLs of feeds and pages.

Formats: jsonl and csv in the default layout (fields: ` + strings.Join(ingest.Fields, ", ") + `)
or mapped with --map field=column; rss and atom feeds; html article pages; telegram Desktop
exports (result.json). Re-ingesting is idempotent; the same item from another input is merged.

Rejected records are kept verbatim with file, line and reason in the rejects file.
Exit status: 0 everything landed, 3 some records were rejected, 1 fatal error.`,
		Example: `  fimi ingest posts.jsonl
  fimi ingest --map id=message_id --map account=user_id --map text=message --map published=timestamp \
      --map shares=repost_id --map reply_to=reply_id --map urls=urls tweets.csv
  fimi ingest https://example.org/feed.xml exports/*/result.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runIngest(cmd, o, args)
		},
	}
	o.AddFlags(cmd)
	return cmd
}

// defaultRejects returns the rejects file beside a database file.
func defaultRejects(db string) string {
	if strings.Contains(db, "://") {
		return "fimi.rejects.jsonl"
	}
	return strings.TrimSuffix(db, filepath.Ext(db)) + ".rejects.jsonl"
}

func (a *app) runIngest(cmd *cobra.Command, o ingestOptions, args []string) error {
	ctx := cmd.Context()
	m, err := ingest.ParseMap(o.Map)
	if err != nil {
		return usageError{err}
	}
	formats := all.Formats()
	inputs, err := ingest.Expand(args, formats)
	if err != nil {
		return &exitError{ExitFatal, err}
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if o.Rejects == "" {
		o.Rejects = defaultRejects(a.g.DB)
	}
	fo := fetch.DefaultOptions()
	fo.AllowPrivate = o.AllowPrivate
	fo.Timeout = o.Timeout
	fo.Cache = st
	ropt := ingest.RunOptions{
		Formats: formats, Format: o.Format, Map: m, Platform: o.Platform, MaxText: o.MaxText,
		Rejects: o.Rejects, Fetch: fo, BatchSize: o.BatchSize, Workers: o.Workers, Stdin: a.stdin, Logger: a.log,
	}
	if !o.NoLang {
		ropt.Lang = lang.Default()
	}
	var dets []follow.Detector
	hasClaims := false
	if !o.NoMatch {
		det, err := detect.NewClaims(ctx, st, detect.DefaultClaimsOptions())
		if err != nil {
			return err
		}
		if det != nil {
			dets = append(dets, det)
			hasClaims = true
		}
	}
	if !o.NoEchoes {
		eo := detect.DefaultEchoOptions()
		eo.Horizon = o.EchoHorizon
		det, err := detect.NewEcho(ctx, st, eo, a.log)
		if err != nil {
			return err
		}
		dets = append(dets, det)
	}
	var runner *follow.Runner
	if len(dets) > 0 {
		runner = follow.Start(ctx, st, a.log, dets...)
		ropt.Stored = runner.Notify
	}
	var bar *progressbar.ProgressBar
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		ropt.Progress = func(p ingest.Progress) {
			if bar == nil || bar.GetMax64() != p.BytesTotal {
				if bar != nil {
					bar.Finish()
				}
				bar = progressbar.NewOptions64(max(p.BytesTotal, -1),
					progressbar.OptionSetWriter(a.stderr), progressbar.OptionShowBytes(true),
					progressbar.OptionSetDescription(filepath.Base(p.Input)), progressbar.OptionThrottle(200*time.Millisecond),
					progressbar.OptionClearOnFinish())
			}
			bar.Set64(p.BytesRead)
			bar.Describe(fmt.Sprintf("%s: %d stored, %d merged, %d rejected", filepath.Base(p.Input), p.Added, p.Merged, p.Rejected))
		}
	}
	started := time.Now()
	sum, runErr := ingest.Run(ctx, st, inputs, ropt)
	if bar != nil {
		bar.Finish()
	}
	var matched, echoed int
	if runner != nil {
		if err := runner.Close(); err != nil && runErr == nil {
			runErr = fmt.Errorf("detection: %w", err)
		}
		matched = runner.Processed()[detect.ClaimsCursor]
		echoed = runner.Processed()[detect.EchoCursor]
	}
	run := store.Run{Started: started.UTC(), Finished: time.Now().UTC(), Read: sum.Read, Added: sum.Added,
		Merged: sum.Merged, Unchanged: sum.Unchanged, Rejected: sum.Rejected, Rejects: sum.RejectsPath}
	for _, in := range inputs {
		run.Inputs = append(run.Inputs, in.Name)
	}
	if runErr != nil {
		run.Error = runErr.Error()
	} else if len(sum.Errors) > 0 {
		run.Error = strings.Join(sum.Errors, "; ")
	}
	if err := st.RecordRun(ctx, run); err != nil && runErr == nil {
		runErr = err
	}
	if a.g.JSON {
		out := struct {
			ingest.Summary
			Matched int `json:"matched_against_claims"`
			Echoed  int `json:"checked_for_echoes"`
		}{sum, matched, echoed}
		if err := a.printJSON(out); err != nil {
			return err
		}
	} else {
		a.printIngestSummary(sum)
		if hasClaims {
			fmt.Fprintf(a.stdout, "  matched   %d items against the stored claims (see fimi matches)\n", matched)
		}
		if !o.NoEchoes {
			fmt.Fprintf(a.stdout, "  echoes    %d items checked for copies, rewordings and translations (see fimi echoes)\n", echoed)
		}
	}
	switch {
	case runErr != nil:
		return &exitError{ExitFatal, runErr}
	case sum.Failed > 0:
		return &exitError{ExitFatal, fmt.Errorf("%d of %d inputs failed", sum.Failed, sum.Inputs)}
	case sum.Rejected > 0:
		return &exitError{code: ExitRejected}
	}
	return nil
}

func (a *app) printIngestSummary(s ingest.Summary) {
	w := a.stdout
	fmt.Fprintf(w, "read %d records from %d input(s) in %.1fs (%.0f items/s)\n", s.Read, s.Inputs, s.Seconds, s.PerSecond)
	fmt.Fprintf(w, "  stored    %d new items\n", s.Added)
	fmt.Fprintf(w, "  merged    %d into existing items\n", s.Merged)
	fmt.Fprintf(w, "  unchanged %d already stored\n", s.Unchanged)
	fmt.Fprintf(w, "  rejected  %d", s.Rejected)
	if s.RejectsPath != "" {
		fmt.Fprintf(w, " (kept in %s)", s.RejectsPath)
	}
	fmt.Fprintln(w)
	if s.Skipped > 0 {
		fmt.Fprintf(w, "  skipped   %d service messages\n", s.Skipped)
	}
	if s.NotModified > 0 {
		fmt.Fprintf(w, "  not modified since last fetch: %d URL(s)\n", s.NotModified)
	}
	for _, e := range s.Errors {
		fmt.Fprintf(w, "  failed: %s\n", e)
	}
}
