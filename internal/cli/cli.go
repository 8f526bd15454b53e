// Package cli wires fimi's subcommands: one file per command, each with its options, flags and
// a run function that calls the package doing the work. Results go to stdout (text, or JSON
// with --json), logs to stderr.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"

	"fimi/internal/store"
	"fimi/internal/store/sqlite"
)

// Version is the fimi version, set at build time with -ldflags "-X fimi/internal/cli.Version=...".
var Version = "0.1.0-dev"

// Exit codes.
const (
	ExitOK       = 0
	ExitFatal    = 1 // a fatal error: nothing or not everything could be done
	ExitUsage    = 2 // bad command line
	ExitRejected = 3 // the run completed but some records were rejected
)

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

type usageError struct{ error }

// globals are the options every command shares.
type globals struct {
	DB         string
	JSON       bool
	LogLevel   string
	CPUProfile string
}

// app is what every command gets: streams, global options and a logger.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	g              globals
	log            *slog.Logger
}

// Run executes fimi with args and returns the process exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := a.newRootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "fimi: %v\n", ee.err)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "fimi: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) || isUsage(err) {
		return ExitUsage
	}
	return ExitFatal
}

func isUsage(err error) bool {
	m := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "requires exactly"} {
		if strings.Contains(m, p) {
			return true
		}
	}
	return false
}

func (a *app) newRootCommand() *cobra.Command {
	def := os.Getenv("FIMI_DB")
	if def == "" {
		def = "fimi.db"
	}
	root := &cobra.Command{
		Use:   "fimi",
		Short: "Find, track and share foreign information manipulation and interference",
		Long: `fimi ingests articles and posts (JSONL, CSV, RSS/Atom, HTML pages, Telegram exports) into
an embedded store, matches them against debunked claims, finds echoes and coordinated networks,
and shares findings. Run "fimi demo" for a tour.`,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			var lvl slog.Level
			if err := lvl.UnmarshalText([]byte(a.g.LogLevel)); err != nil {
				return usageError{fmt.Errorf("--log-level %q: want debug, info, warn or error", a.g.LogLevel)}
			}
			a.log = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: lvl}))
			if !a.g.JSON {
				a.stdout = safeWriter{a.stdout}
			}
			if a.g.CPUProfile != "" {
				f, err := os.Create(a.g.CPUProfile)
				if err != nil {
					return err
				}
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
			}
			return nil
		},
		PersistentPostRun: func(*cobra.Command, []string) {
			if a.g.CPUProfile != "" {
				pprof.StopCPUProfile()
			}
		},
	}
	f := root.PersistentFlags()
	f.StringVar(&a.g.DB, "db", def, "database file (or $FIMI_DB)")
	f.BoolVar(&a.g.JSON, "json", false, "machine-readable JSON on stdout")
	f.StringVar(&a.g.LogLevel, "log-level", "warn", "log level on stderr: debug, info, warn, error")
	f.StringVar(&a.g.CPUProfile, "cpuprofile", "", "write a CPU profile to this file")
	f.MarkHidden("cpuprofile")
	root.AddCommand(
		a.newIngestCommand(),
		a.newStatsCommand(),
		a.newItemsCommand(),
		a.newItemCommand(),
		a.newSourcesCommand(),
		a.newClaimsCommand(),
		a.newMatchCommand(),
		a.newMatchesCommand(),
		a.newEchoesCommand(),
		a.newEchoCommand(),
		a.newCompareCommand(),
		a.newCoordCommand(),
		a.newNetworksCommand(),
		a.newNetworkCommand(),
		a.newGenCommand(),
		a.newDemoCommand(),
		a.newBenchCommand(),
		a.newEvalCommand(),
	)
	return root
}

// openStore opens the store named by --db.
func (a *app) openStore(ctx context.Context) (store.Store, error) {
	return openStore(ctx, a.g.DB, a.log)
}

func openStore(ctx context.Context, dsn string, log *slog.Logger) (store.Store, error) {
	return sqlite.Open(ctx, dsn, sqlite.Options{Logger: log})
}

// printJSON writes v as one JSON document on stdout.
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
