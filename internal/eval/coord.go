package eval

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fimi/internal/coord"
	"fimi/internal/fimi"
	"fimi/internal/gen"
)

// CoordEvalOptions configure EvalCoord.
type CoordEvalOptions struct {
	// Coord are the detection options. Zero value: DefaultCoordEvalOptions picks them per
	// dataset.
	Coord coord.Options
	// AutoWindow estimates a window per kind from the data (CooRnet's method, q = 0.1,
	// p = 0.5) before detection.
	AutoWindow bool

	// Plant is the number of synthetic coordinated groups planted in real data (20).
	Plant int
	// Seed drives planting (and gen corpus generation).
	Seed int64
	// GroupMin and GroupMax bound the planted group sizes (5 and 25).
	GroupMin, GroupMax int
	// Bursts is the number of coordinated bursts per planted group (8).
	Bursts int
	// RealObjects is the share of bursts that push an object already in the data, at the time
	// it circulates, rather than a new one (0.5).
	RealObjects float64

	// Items is the gen corpus size when the dataset is "gen" (200,000).
	Items int
	// Text chooses co-text keys on gen data: "copies" gives an echo family's original and its
	// near-verbatim copies one key (what a near-duplicate detector yields: co-text proper),
	// "family" the whole echo family (rewordings and translations too), "exact" the hash of the
	// normalised text. The families come from the truth file.
	Text string
	// Match is the overlap for a group to count as recovered: a detected network holds at
	// least Match of the group and the group is at least Match of that network (0.8).
	Match float64
}

// DefaultCoordEvalOptions returns the options of `fimi eval coord`.
func DefaultCoordEvalOptions() CoordEvalOptions {
	return CoordEvalOptions{Plant: 20, Seed: 1, GroupMin: 5, GroupMax: 25, Bursts: 8, RealObjects: 0.5,
		Items: 1_000_000, Text: "copies", Match: 0.8}
}

// GroupMatch is how one planted or true group was recovered.
type GroupMatch struct {
	Group     string  `json:"group"`
	Kind      string  `json:"kind,omitempty"`
	Size      int     `json:"size"`
	Found     int     `json:"found"`             // members in any detected network
	Network   string  `json:"network,omitempty"` // detected network holding most members
	Overlap   int     `json:"overlap"`           // members in that network
	NetSize   int     `json:"network_size"`      // that network's size
	Recovered bool    `json:"recovered"`
	Purity    float64 `json:"purity"` // Overlap / NetSize
}

// CoordEval is the result of EvalCoord. Precision and Recall are over accounts: an account is
// predicted coordinated when it is a member of a detected network.
type CoordEval struct {
	Dataset string `json:"dataset"`
	Posts   int64  `json:"posts"`
	Actors  int    `json:"actors"`
	// Groups and GroupAccounts count the planted (or true) groups and their accounts.
	Groups        int `json:"groups"`
	GroupAccounts int `json:"group_accounts"`
	// Detected is the number of accounts in detected networks that are scored: on gen data all
	// of them; on real data those in networks holding a planted account (the background has no
	// labels, and is itself a coordination data set).
	Detected  int     `json:"detected"`
	TruePos   int     `json:"true_positives"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// GroupRecall is the share of groups recovered (see CoordEvalOptions.Match); GroupPrecision
	// the share of detected networks (scored ones) that recover a group.
	GroupRecall    float64                         `json:"group_recall"`
	GroupPrecision float64                         `json:"group_precision"`
	Networks       int                             `json:"networks"`        // detected networks
	BackgroundNets int                             `json:"background_nets"` // real data: detected networks without planted accounts
	BackgroundAccs int                             `json:"background_accounts"`
	WindowSeconds  map[string]float64              `json:"window_s"`
	Estimates      map[string]coord.WindowEstimate `json:"window_estimates,omitempty"`
	Seconds        float64                         `json:"seconds"`
	Matches        []GroupMatch                    `json:"groups_detail"`
	Options        coord.Options                   `json:"options"`
}

// EvalCoord measures coordination detection. dataset is one of: a CooRTweet data set (a
// directory holding russian_coord_tweets.csv, that file, or german_elections.csv), into which
// opt.Plant synthetic groups are planted and co-share (retweets) or co-link (URLs) detection
// is scored on the planted accounts; a directory with a fimi gen corpus.jsonl and truth.jsonl;
// or "gen" to generate a corpus of opt.Items items. On gen data every account of a true
// network is a positive and every other detected account a false positive.
func EvalCoord(ctx context.Context, dataset string, opt CoordEvalOptions) (CoordEval, error) {
	d := DefaultCoordEvalOptions()
	if opt.Plant == 0 {
		opt.Plant = d.Plant
	}
	if opt.GroupMin == 0 {
		opt.GroupMin = d.GroupMin
	}
	if opt.GroupMax == 0 {
		opt.GroupMax = d.GroupMax
	}
	if opt.Bursts == 0 {
		opt.Bursts = d.Bursts
	}
	if opt.Items == 0 {
		opt.Items = d.Items
	}
	if opt.Text == "" {
		opt.Text = d.Text
	}
	if opt.Match == 0 {
		opt.Match = d.Match
	}
	if opt.Text != "copies" && opt.Text != "family" && opt.Text != "exact" {
		return CoordEval{}, fmt.Errorf("eval coord: text keys %q: want copies, family or exact", opt.Text)
	}
	start := time.Now()
	var res CoordEval
	var err error
	switch {
	case dataset == "gen":
		dir, derr := os.MkdirTemp("", "fimi-eval-coord-")
		if derr != nil {
			return res, derr
		}
		defer os.RemoveAll(dir)
		g := gen.DefaultOptions()
		g.Items, g.Seed = opt.Items, opt.Seed
		corpus, truth, werr := writeGen(ctx, g, dir)
		if werr != nil {
			return res, werr
		}
		res, err = evalGen(ctx, corpus, truth, opt)
		res.Dataset = fmt.Sprintf("gen (%d items, seed %d)", opt.Items, opt.Seed)
	case strings.HasSuffix(dataset, "german_elections.csv"):
		l, lerr := readGermanElections(dataset)
		if lerr != nil {
			return res, lerr
		}
		res, err = evalPlanted(ctx, l, opt)
	case strings.HasSuffix(dataset, ".csv"):
		l, lerr := readRussianCoord(dataset)
		if lerr != nil {
			return res, lerr
		}
		res, err = evalPlanted(ctx, l, opt)
	case fileExists(filepath.Join(dataset, "russian_coord_tweets.csv")):
		l, lerr := readRussianCoord(filepath.Join(dataset, "russian_coord_tweets.csv"))
		if lerr != nil {
			return res, lerr
		}
		res, err = evalPlanted(ctx, l, opt)
	case fileExists(filepath.Join(dataset, "corpus.jsonl")):
		res, err = evalGen(ctx, filepath.Join(dataset, "corpus.jsonl"), filepath.Join(dataset, "truth.jsonl"), opt)
		res.Dataset = dataset
	default:
		return res, fmt.Errorf("eval coord: %s: want a CooRTweet directory or CSV (russian_coord_tweets.csv, german_elections.csv), a fimi gen directory (corpus.jsonl, truth.jsonl) or \"gen\"", dataset)
	}
	res.Seconds = time.Since(start).Seconds()
	return res, err
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// defaultGenCoord are the detection options for gen data when none are given: co-link,
// co-share and co-text with a 120 s window (gen's bursts last up to eight minutes, members
// following each other by 2-40 s on average), otherwise the defaults.
func defaultGenCoord(o coord.Options) coord.Options {
	if o.Kinds != nil {
		return o
	}
	c := coord.DefaultOptions()
	c.Window = 2 * time.Minute
	return c
}

func evalGen(ctx context.Context, corpus, truthPath string, opt CoordEvalOptions) (CoordEval, error) {
	tf, err := os.Open(truthPath)
	if err != nil {
		return CoordEval{}, err
	}
	truth, err := readGenTruth(tf, opt.Text != "exact")
	tf.Close()
	if err != nil {
		return CoordEval{}, err
	}
	copt := defaultGenCoord(opt.Coord)
	textKey := func(it *fimi.Item) string {
		switch f := truth.family[it.NativeID]; {
		case f == "":
		case opt.Text == "family", opt.Text == "copies" && truth.copies[it.NativeID]:
			return f
		}
		return it.Hash
	}
	forEach := func(fn func(coord.Post) error) error {
		f, err := os.Open(corpus)
		if err != nil {
			return err
		}
		defer f.Close()
		_, _, err = decodeItems(ctx, f, corpus, func(it *fimi.Item) error { return fn(genPost(it, textKey(it))) })
		return err
	}
	res := CoordEval{}
	if opt.AutoWindow {
		if res.Estimates, err = estimate(&copt, forEach); err != nil {
			return res, err
		}
	}
	b, err := coord.NewBuilder(copt)
	if err != nil {
		return res, err
	}
	if err := forEach(b.Add); err != nil {
		return res, err
	}
	r := b.Result()
	score(&res, r, truth.member, truth.kind, true, opt.Match)
	return res, nil
}

// estimate estimates a window per kind (CooRnet's method, coord.Estimator with q = 0.1 and
// p = 0.5) in one pass and sets them as copt.KindWindow; kinds without enough repeated keys
// keep copt.Window.
func estimate(copt *coord.Options, forEach func(func(coord.Post) error) error) (map[string]coord.WindowEstimate, error) {
	kinds := copt.Kinds
	if kinds == nil {
		kinds = coord.DefaultOptions().Kinds
	}
	es := make([]*coord.Estimator, len(kinds))
	for i, k := range kinds {
		var err error
		if es[i], err = coord.NewEstimator(k, 0, 0, *copt); err != nil {
			return nil, err
		}
	}
	if err := forEach(func(p coord.Post) error {
		for _, e := range es {
			e.Add(p)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	out := map[string]coord.WindowEstimate{}
	kw := map[coord.Kind]time.Duration{}
	for k, w := range copt.KindWindow {
		kw[k] = w
	}
	for _, e := range es {
		est, err := e.Estimate()
		if errors.Is(err, coord.ErrNoEstimate) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[e.Kind.String()] = est
		kw[e.Kind] = est.Window
	}
	copt.KindWindow = kw
	return out, nil
}

// score fills in precision and recall. member maps group accounts to their group. With
// complete labels (gen) every detected network counts; otherwise only networks holding a
// group account are scored and the rest is reported as background.
func score(res *CoordEval, r *coord.Result, member map[string]string, kinds map[string]string, complete bool, match float64) {
	res.Posts = r.Stats.Posts
	res.Actors = r.Stats.Actors
	res.Options = r.Options
	res.WindowSeconds = map[string]float64{}
	for _, k := range r.Stats.Kinds {
		res.WindowSeconds[k.Kind.String()] = k.WindowSeconds
	}
	res.Networks = len(r.Networks)
	groups := map[string][]string{}
	for a, g := range member {
		groups[g] = append(groups[g], a)
	}
	res.Groups = len(groups)
	res.GroupAccounts = len(member)
	netOf := map[string]int{}
	scored := 0
	matched := 0
	for i, n := range r.Networks {
		planted := 0
		for _, m := range n.Members {
			netOf[m] = i
			if member[m] != "" {
				planted++
			}
		}
		if !complete && planted == 0 {
			res.BackgroundNets++
			res.BackgroundAccs += len(n.Members)
			continue
		}
		scored++
		res.Detected += len(n.Members)
		res.TruePos += planted
		// Does this network recover a group?
		count := map[string]int{}
		for _, m := range n.Members {
			if g := member[m]; g != "" {
				count[g]++
			}
		}
		for g, c := range count {
			if float64(c) >= match*float64(len(groups[g])) && float64(c) >= match*float64(len(n.Members)) {
				matched++
				break
			}
		}
	}
	if res.Detected > 0 {
		res.Precision = float64(res.TruePos) / float64(res.Detected)
	}
	if res.GroupAccounts > 0 {
		found := 0
		for a := range member {
			if _, ok := netOf[a]; ok {
				found++
			}
		}
		res.Recall = float64(found) / float64(res.GroupAccounts)
	}
	if res.Precision+res.Recall > 0 {
		res.F1 = 2 * res.Precision * res.Recall / (res.Precision + res.Recall)
	}
	if scored > 0 {
		res.GroupPrecision = float64(matched) / float64(scored)
	}
	recovered := 0
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	slices.Sort(names)
	for _, g := range names {
		ms := groups[g]
		gm := GroupMatch{Group: g, Kind: kinds[g], Size: len(ms)}
		inNet := map[int]int{}
		for _, a := range ms {
			if i, ok := netOf[a]; ok {
				gm.Found++
				inNet[i]++
			}
		}
		best := -1
		for i, c := range inNet {
			if c > gm.Overlap || (c == gm.Overlap && i < best) {
				best, gm.Overlap = i, c
			}
		}
		if best >= 0 {
			n := r.Networks[best]
			gm.Network, gm.NetSize = n.ID, len(n.Members)
			gm.Purity = float64(gm.Overlap) / float64(gm.NetSize)
			gm.Recovered = float64(gm.Overlap) >= match*float64(gm.Size) && gm.Purity >= match
		}
		if gm.Recovered {
			recovered++
		}
		res.Matches = append(res.Matches, gm)
	}
	if len(groups) > 0 {
		res.GroupRecall = float64(recovered) / float64(len(groups))
	}
}

// Table renders the evaluation as text.
func (e CoordEval) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "dataset %s: %d posts, %d actors, window %v\n", e.Dataset, e.Posts, e.Actors, e.WindowSeconds)
	for k, est := range e.Estimates {
		fmt.Fprintf(&b, "estimated %s window: %.1f s (%d quick keys of %d)\n", k, est.Seconds, est.Quick, est.Keys)
	}
	fmt.Fprintf(&b, "groups %d (%d accounts); networks detected %d", e.Groups, e.GroupAccounts, e.Networks)
	if e.BackgroundNets > 0 {
		fmt.Fprintf(&b, " (%d in the real background, %d accounts)", e.BackgroundNets, e.BackgroundAccs)
	}
	fmt.Fprintf(&b, "\naccounts: precision %.3f recall %.3f F1 %.3f (%d of %d scored detections are group members)\n",
		e.Precision, e.Recall, e.F1, e.TruePos, e.Detected)
	fmt.Fprintf(&b, "groups: recall %.3f, precision %.3f (match ≥ %.0f%% both ways)\n", e.GroupRecall, e.GroupPrecision, 100*0.8)
	for _, m := range e.Matches {
		if !m.Recovered {
			fmt.Fprintf(&b, "  not recovered: %s %s size %d, found %d, best network %s holds %d of %d\n", m.Group, m.Kind, m.Size, m.Found, m.Network, m.Overlap, m.NetSize)
		}
	}
	return b.String()
}
