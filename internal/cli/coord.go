package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"fimi/internal/coord"
	"fimi/internal/coord/export"
	"fimi/internal/detect"
	"fimi/internal/eval"
	"fimi/internal/store"
)

type coordOptions struct {
	Types      []string
	Window     string
	TextWindow time.Duration
	MinWeight  int
	Weight     string
	SelfLoops  bool
	Since      string
	By         string
	Out        string
	Resolution float64
	TextKey    string
}

func (o *coordOptions) AddFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringSliceVar(&o.Types, "type", []string{"co-link", "co-share", "co-text"}, "coordination types: co-link, co-share, co-text, co-hashtag, co-reply")
	f.StringVar(&o.Window, "window", "60s", `time window (e.g. 30s, 5m) or "auto" to estimate it from the data`)
	f.DurationVar(&o.TextWindow, "text-window", 0, "window for co-text (default: --window)")
	f.IntVar(&o.MinWeight, "min-weight", 2, "minimum edge weight kept (repeated coordination)")
	f.StringVar(&o.Weight, "weight", "keys", "edge weight: keys (distinct shared objects), posts (QUT), min-posts, pairs (CooRTweet)")
	f.BoolVar(&o.SelfLoops, "self-loops", false, "keep self-loops (an account repeating its own action within the window)")
	f.StringVar(&o.Since, "since", "", "only posts published at or after (RFC 3339 or YYYY-MM-DD)")
	f.StringVar(&o.By, "by", "account", "network of accounts or of outlets")
	f.StringVar(&o.Out, "out", "", "also export the whole network: .graphml, .gexf, .csv (edges), .json")
	f.Float64Var(&o.Resolution, "resolution", 1, "community detection resolution (higher: smaller networks)")
	f.StringVar(&o.TextKey, "text-key", "echo", "co-text key: echo (the item's echo group, else its normalised text) or text (normalised text only)")
}

func (o coordOptions) options() (detect.CoordOptions, error) {
	var d detect.CoordOptions
	d.Options = coord.DefaultOptions()
	d.Kinds = nil
	for _, t := range o.Types {
		k, err := coord.ParseKind(strings.TrimSpace(t))
		if err != nil {
			return d, usageError{fmt.Errorf("--type: %w", err)}
		}
		d.Kinds = append(d.Kinds, k)
	}
	if o.Window == "auto" {
		d.AutoWindow = true
	} else {
		w, err := time.ParseDuration(o.Window)
		if err != nil || w <= 0 {
			return d, usageError{fmt.Errorf(`--window %q: want a duration such as 60s, or "auto"`, o.Window)}
		}
		d.Window = w
	}
	if o.TextWindow > 0 {
		d.KindWindow = map[coord.Kind]time.Duration{coord.CoText: o.TextWindow}
	}
	d.MinWeight = o.MinWeight
	w, err := coord.ParseWeightRule(o.Weight)
	if err != nil {
		return d, usageError{fmt.Errorf("--weight: %w", err)}
	}
	d.Weight = w
	d.SelfLoops = o.SelfLoops
	d.Resolution = o.Resolution
	switch o.By {
	case "account":
		d.By = coord.ByAccount
	case "outlet":
		d.By = coord.ByOutlet
	default:
		return d, usageError{fmt.Errorf("--by %q: want account or outlet", o.By)}
	}
	if d.Since, err = parseWhen("--since", o.Since); err != nil {
		return d, err
	}
	if o.TextKey != "echo" && o.TextKey != "text" {
		return d, usageError{fmt.Errorf("--text-key %q: want echo or text", o.TextKey)}
	}
	if o.Out != "" && export.FormatForFile(o.Out) == "" {
		return d, usageError{fmt.Errorf("--out %q: want a .graphml, .gexf, .csv or .json file", o.Out)}
	}
	return d, nil
}

func (a *app) newCoordCommand() *cobra.Command {
	var o coordOptions
	cmd := &cobra.Command{
		Use:   "coord",
		Short: "Find networks of accounts (or outlets) that post the same thing in lockstep",
		Long: `Find coordinated behaviour over the stored items: accounts that post the same link (co-link),
share the same item (co-share), post the same text (co-text: the same echo group, or the same
normalised text), the same uncommon hashtag set (co-hashtag) or reply to the same item (co-reply)
within a time window, repeatedly. Edges are weighted, communities are found with Leiden, and each
network gets figures (members, density, coordinated posts, burstiness, top links and texts, time
span); each account a coordination score with the evidence (pairs of posts and their time gaps).
The run is stored: see fimi networks and fimi network ID. --out exports the whole graph.
With --json, an object with nodes, edges and networks.`,
		Example: `  fimi coord --window 60s --min-weight 2
  fimi coord --type co-text --window 1h --out text.gexf
  fimi coord --window auto --json > run.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			d, err := o.options()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			start := time.Now()
			if slices.Contains(d.Kinds, coord.CoText) && o.TextKey == "echo" {
				if d.TextKey, err = detect.EchoTextKey(ctx, st); err != nil {
					return err
				}
			}
			res, runID, ests, err := detect.Coord(ctx, st, d)
			if err != nil {
				return err
			}
			took := time.Since(start)
			if o.Out != "" {
				if err := writeExport(o.Out, res); err != nil {
					return err
				}
			}
			if a.g.JSON {
				return a.printJSON(map[string]any{"run": runID, "seconds": took.Seconds(), "stats": res.Stats,
					"window_estimates": ests, "nodes": res.Actors, "edges": res.Edges, "networks": res.Networks, "modularity": res.Modularity})
			}
			a.printCoordSummary(res, runID, ests, took)
			if o.Out != "" {
				fmt.Fprintf(a.stdout, "exported to %s\n", o.Out)
			}
			return nil
		},
	}
	o.AddFlags(cmd)
	return cmd
}

func writeExport(path string, res *coord.Result) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := export.Write(f, export.FormatForFile(path), res); err != nil {
		f.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	return f.Close()
}

func (a *app) printCoordSummary(res *coord.Result, runID int64, ests map[coord.Kind]coord.WindowEstimate, took time.Duration) {
	w := a.stdout
	s := res.Stats
	fmt.Fprintf(w, "run %d: %d posts from %d %ss in %.1fs\n", runID, s.Posts, s.Actors, res.Options.By, took.Seconds())
	for _, k := range s.Kinds {
		fmt.Fprintf(w, "  %-10s window %6.0fs  %9d posts  %9d matching pairs  %7d edges, %6d kept", k.Kind, k.WindowSeconds, k.Posts, k.Pairs, k.Edges, k.Kept)
		if est, ok := ests[k.Kind]; ok {
			b, _ := json.Marshal(est)
			fmt.Fprintf(w, "  (estimated: %s)", b)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d networks (modularity %.2f), %d accounts with coordinated edges\n\n", len(res.Networks), res.Modularity, len(res.Actors))
	a.printNetworks(res.Networks)
}

func (a *app) printNetworks(ns []coord.Network) {
	w := a.stdout
	if len(ns) == 0 {
		fmt.Fprintln(w, "no networks")
		return
	}
	fmt.Fprintf(w, "%-6s %7s %7s %6s %8s %6s %6s  %-16s  %s\n", "id", "members", "density", "score", "co-posts", "share", "events", "span", "top shared")
	for _, n := range ns {
		top := ""
		for _, kind := range []string{"co-link", "co-share", "co-text", "co-hashtag", "co-reply"} {
			if ks := n.TopKeys[kind]; len(ks) > 0 {
				top = kind + " " + ks[0].Key
				break
			}
		}
		span := n.First.Format("01-02 15:04") + " +" + fmtSpan(time.Duration(n.SpanSeconds)*time.Second)
		fmt.Fprintf(w, "%-6s %7d %7.2f %6.2f %8d %6.2f %6d  %-16s  %s\n", n.ID, len(n.Members), n.Density, n.Score, n.CoPosts, n.CoShare, n.Events, span, shorten(top, 60))
	}
}

func (a *app) newNetworksCommand() *cobra.Command {
	var run int64
	var list bool
	cmd := &cobra.Command{
		Use:   "networks",
		Short: "List the networks of the latest coordination run (or of --run)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if list {
				runs, err := st.CoordRuns(ctx)
				if err != nil {
					return err
				}
				if a.g.JSON {
					return a.printJSON(runs)
				}
				for _, r := range runs {
					fmt.Fprintf(a.stdout, "run %d  %s  by %s  %s\n", r.ID, r.Created.Format("2006-01-02 15:04:05"), r.By, r.Options)
				}
				return nil
			}
			r, err := st.CoordRun(ctx, run, "")
			if err != nil {
				return fmt.Errorf("%w (run fimi coord first)", err)
			}
			ns, err := decodeNetworks(r.Networks)
			if err != nil {
				return err
			}
			if a.g.JSON {
				return a.printJSON(map[string]any{"run": r.ID, "created": r.Created, "networks": ns})
			}
			fmt.Fprintf(a.stdout, "run %d of %s, by %s\n\n", r.ID, r.Created.Format("2006-01-02 15:04:05"), r.By)
			a.printNetworks(ns)
			return nil
		},
	}
	cmd.Flags().Int64Var(&run, "run", 0, "coordination run (default: the latest)")
	cmd.Flags().BoolVar(&list, "runs", false, "list the stored runs instead")
	return cmd
}

func decodeNetworks(docs []store.CoordDoc) ([]coord.Network, error) {
	ns := make([]coord.Network, len(docs))
	for i, d := range docs {
		if err := json.Unmarshal(d.Data, &ns[i]); err != nil {
			return nil, fmt.Errorf("network %s: %w", d.Key, err)
		}
	}
	return ns, nil
}

func (a *app) newNetworkCommand() *cobra.Command {
	var run int64
	var out string
	var evidence int
	cmd := &cobra.Command{
		Use:   "network ID",
		Short: "Show one network: members with scores, what they shared, and the evidence",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			r, err := st.CoordRun(ctx, run, args[0])
			if err != nil {
				return err
			}
			ns, err := decodeNetworks(r.Networks)
			if err != nil {
				return err
			}
			n := ns[0]
			actors := make([]coord.Actor, len(r.Actors))
			for i, d := range r.Actors {
				if err := json.Unmarshal(d.Data, &actors[i]); err != nil {
					return err
				}
			}
			edges := make([]coord.Edge, len(r.Edges))
			for i, d := range r.Edges {
				if err := json.Unmarshal(d.Data, &edges[i]); err != nil {
					return err
				}
			}
			if out != "" {
				sub := &coord.Result{Options: coord.Options{By: coord.ByAccount}, Actors: actors, Edges: edges, Networks: []coord.Network{n}}
				if err := json.Unmarshal(r.Options, &sub.Options); err != nil {
					return err
				}
				for i := range sub.Actors {
					sub.Actors[i].Network = 0
				}
				if err := writeExport(out, sub); err != nil {
					return err
				}
			}
			if a.g.JSON {
				return a.printJSON(map[string]any{"run": r.ID, "network": n, "members": actors, "edges": edges})
			}
			w := a.stdout
			fmt.Fprintf(w, "network %s (run %d): %d members, density %.2f, score %.2f\n", n.ID, r.ID, len(n.Members), n.Density, n.Score)
			fmt.Fprintf(w, "  %d posts, %d coordinated (%.0f%%), %d group events on %d shared objects, burstiness %.2f\n",
				n.Posts, n.CoPosts, 100*n.CoShare, n.Events, n.Keys, n.Burstiness)
			fmt.Fprintf(w, "  active %s .. %s\n", n.First.Format("2006-01-02 15:04:05"), n.Last.Format("2006-01-02 15:04:05"))
			for kind, ks := range n.TopKeys {
				fmt.Fprintf(w, "\n  top %s\n", kind)
				for _, k := range ks {
					fmt.Fprintf(w, "    %4d members  %s\n", k.N, shorten(k.Key, 100))
				}
			}
			fmt.Fprintf(w, "\n  %-36s %6s %6s %8s %7s %9s\n", "member", "score", "posts", "co-posts", "degree", "pagerank")
			for _, m := range actors {
				fmt.Fprintf(w, "  %-36s %6.2f %6d %8d %7d %9.4f\n", shorten(m.Name, 36), m.Score, m.Posts, m.CoPosts, m.Degree, m.PageRank)
			}
			fmt.Fprintf(w, "\n  strongest ties (with evidence: pairs of posts and their time gaps)\n")
			for i, e := range edges {
				if i == evidence {
					break
				}
				fmt.Fprintf(w, "  %s — %s  %s weight %.0f, %d pairs, mean gap %.0fs\n", e.A, e.B, e.Kind, e.Weight, e.Pairs, e.MeanGapSeconds)
				for _, p := range e.Evidence {
					fmt.Fprintf(w, "      %s %s / %s %s  gap %.0fs  %s\n", p.TimeA.Format("01-02 15:04:05"), p.ItemA, p.TimeB.Format("15:04:05"), p.ItemB, p.GapSeconds, shorten(p.Key, 60))
				}
			}
			return nil
		},
	}
	cmd.Flags().Int64Var(&run, "run", 0, "coordination run (default: the latest)")
	cmd.Flags().StringVar(&out, "out", "", "export the network: .graphml, .gexf, .csv, .json")
	cmd.Flags().IntVar(&evidence, "edges", 10, "strongest edges shown with their evidence")
	return cmd
}

func (a *app) newEvalCoordCommand() *cobra.Command {
	o := eval.DefaultCoordEvalOptions()
	var dataset string
	cmd := &cobra.Command{
		Use:   "coord",
		Short: "Precision and recall of coordinated accounts: planted groups in real CooRTweet data, or fimi gen truth",
		Long: `Plant --plant synthetic coordinated groups of accounts into the real CooRTweet data (shares
of real and new objects within seconds, repeatedly, amid real background activity), detect, and
report precision and recall of the recovered accounts and groups. --dataset gen generates a
corpus of --items items and scores against its planted networks.`,
		Example: `  fimi eval coord --dataset ../shared/datasets/coortweet_coordination --plant 20 --seed 1
  fimi eval coord --dataset gen --items 200000 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rep, err := eval.EvalCoord(cmd.Context(), dataset, o)
			if err != nil {
				return err
			}
			if a.g.JSON {
				return a.printJSON(rep)
			}
			fmt.Fprint(a.stdout, rep.Table())
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&dataset, "dataset", defaultDatasets+"/coortweet_coordination", `CooRTweet folder or CSV, a fimi gen folder, or "gen"`)
	f.IntVar(&o.Plant, "plant", o.Plant, "synthetic coordinated groups to plant in real data")
	f.Int64Var(&o.Seed, "seed", o.Seed, "seed for planting and generation")
	f.IntVar(&o.Items, "items", o.Items, "corpus size with --dataset gen")
	f.BoolVar(&o.AutoWindow, "auto-window", false, "estimate the window from the data")
	f.StringVar(&o.Text, "text", o.Text, "co-text keys on gen data: copies, family or exact")
	return cmd
}

func (a *app) newBenchCoordCommand() *cobra.Command {
	var sizes []int
	var seed int64
	cmd := &cobra.Command{
		Use:   "coord",
		Short: "Coordination detection time and memory at several corpus sizes (fimi gen output)",
		Long: `Generate fimi gen corpora of each size (streamed, not written to disk), decode them, and
measure co-link + co-share (60 s) and co-text (1 h) detection: wall time (generation and decoding
included), detection time alone, and peak memory; decoding alone is measured too.`,
		Example: `  fimi bench coord --sizes 100000,1000000,10000000`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			res, err := eval.BenchCoord(cmd.Context(), eval.CoordBenchOptions{Sizes: sizes, Seed: seed, Logger: a.log})
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
	cmd.Flags().IntSliceVar(&sizes, "sizes", []int{100_000, 1_000_000}, "corpus sizes in items")
	cmd.Flags().Int64Var(&seed, "seed", 1, "gen seed")
	return cmd
}

// fmtSpan renders a duration as days and hours, hours and minutes, or minutes.
func fmtSpan(d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		return fmt.Sprintf("%dd%dh", int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour))
	case d >= time.Hour:
		return fmt.Sprintf("%dh%dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
	}
	return fmt.Sprintf("%dm", int(d/time.Minute))
}
