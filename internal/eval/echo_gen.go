package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"fimi/internal/echo"
	"fimi/internal/gen"
)

// echoGenItem is the part of a `fimi gen` corpus line the echo evaluations read.
type echoGenItem struct {
	ID        string    `json:"id"`
	Account   string    `json:"account"`
	Outlet    string    `json:"outlet"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	Lang      string    `json:"lang"`
	Published time.Time `json:"published"`
	Shares    string    `json:"shares"`
}

func (it *echoGenItem) doc() echo.Doc {
	text := it.Text
	if it.Title != "" {
		text = it.Title + "\n\n" + it.Text
	}
	return echo.Doc{ID: it.ID, Text: text, Lang: it.Lang, Published: it.Published, Account: it.Account, Outlet: it.Outlet}
}

// echoTruth is a truth line of type echo.
type echoTruth struct {
	Type, Family, Item, Relation, Of, Lang string
}

// echoStreamGen writes a gen corpus into a pipe and calls fn for each item in order; truth lines
// of type echo go to onEcho. The corpus is never held in memory whole.
func echoStreamGen(ctx context.Context, opt gen.Options, fn func(*echoGenItem) error, onEcho func(echoTruth)) (gen.Summary, error) {
	cr, cw := io.Pipe()
	tr, tw := io.Pipe()
	var sum gen.Summary
	genErr := make(chan error, 1)
	go func() {
		var err error
		sum, err = gen.Write(ctx, opt, cw, tw, io.Discard)
		cw.CloseWithError(err)
		tw.CloseWithError(err)
		genErr <- err
	}()
	truthErr := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(tr)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var e echoTruth
			if json.Unmarshal(sc.Bytes(), &e) == nil && e.Type == "echo" && onEcho != nil {
				onEcho(e)
			}
		}
		truthErr <- sc.Err()
		_, _ = io.Copy(io.Discard, tr)
	}()
	sc := bufio.NewScanner(cr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var err error
	for sc.Scan() {
		var it echoGenItem
		if err = json.Unmarshal(sc.Bytes(), &it); err != nil {
			err = fmt.Errorf("gen corpus: %w", err)
			break
		}
		if err = fn(&it); err != nil {
			break
		}
	}
	if err == nil {
		err = sc.Err()
	}
	if err != nil {
		cr.CloseWithError(err)
	}
	_, _ = io.Copy(io.Discard, cr)
	if gerr := <-genErr; err == nil && gerr != nil {
		err = gerr
	}
	if terr := <-truthErr; err == nil && terr != nil {
		err = terr
	}
	return sum, err
}

// GenEchoReport is the result of EvalGen.
type GenEchoReport struct {
	Items    int `json:"items"`
	Indexed  int `json:"indexed"`  // items at or above MinWords
	Families int `json:"families"` // planted echo families
	// Pairwise scores of planted family pairs (positives: all pairs within a family; by kind,
	// "translation" counts the pairs that touch a member planted as a translation).
	Direct  EchoScores `json:"direct"`
	Closure EchoScores `json:"closure"`
	// Group level: a family is recovered when one detected group holds at least 80% of its
	// indexed members and at least 80% of that group's members are the family's. Groups
	// are the connected components of all the pairs returned, as the caller persists them
	// from the group events (the detector drops a group from memory once its members
	// expired, so its Groups at the end hold only the recent ones).
	FamiliesIndexed   int     `json:"families_indexed"` // families with at least two indexed members
	FamiliesRecovered int     `json:"families_recovered"`
	GroupRecall       float64 `json:"group_recall"`
	// The same over the detector's own groups (which merge only through copies unless
	// Options.MergeAll), rather than the transitive closure of its pairs.
	DetectorGroups                int     `json:"detector_groups"`
	DetectorGroupsPlanted         int     `json:"detector_groups_planted"`
	DetectorGroupsPure            int     `json:"detector_groups_pure"`
	DetectorFamiliesRecovered     int     `json:"detector_families_recovered"`
	DetectorGroupRecall           float64 `json:"detector_group_recall"`
	DetectorGroupPrecisionPlanted float64 `json:"detector_group_precision_planted"`
	Groups                        int     `json:"groups"`      // detected groups
	GroupsPure                    int     `json:"groups_pure"` // detected groups at least 80% one family
	GroupPrecision                float64 `json:"group_precision"`
	// The same over the groups that hold at least one planted member: groups made only of
	// organic items (chatter that repeats a sentence, which the truth does not plant) are
	// counted apart in OrganicGroups.
	GroupsPlanted         int     `json:"groups_planted"`
	GroupPrecisionPlanted float64 `json:"group_precision_planted"`
	OrganicGroups         int     `json:"organic_groups"`
	// Confusion counts direct pairs between an original and a member of its family by true
	// relation (rows) and predicted relation (columns).
	Confusion map[string]map[string]int `json:"confusion"`
	Seconds   float64                   `json:"seconds"`
}

// EvalGen generates a `fimi gen` corpus of the given size and seed, runs the echo detector
// over it in time order with the FreeDict lexicon, and scores the planted echo families.
func EvalGen(ctx context.Context, items int, seed int64, dopt echo.Options) (GenEchoReport, error) {
	opt := gen.DefaultOptions()
	opt.Items, opt.Seed = items, seed
	if dopt.Lexicon.Words == nil {
		lx, err := sharedEchoLexicon()
		if err != nil {
			return GenEchoReport{}, err
		}
		dopt.Lexicon = lx
	}
	det, err := echo.New(dopt)
	if err != nil {
		return GenEchoReport{}, err
	}
	idx := map[string]int{}
	var ids []string
	var pairs [][2]int
	type predicted struct {
		a, b string
		rel  echo.Relation
	}
	var preds []predicted
	start := time.Now()
	var truth []echoTruth
	var indexed []bool
	groupOf := map[string]string{}    // item → the detector's group when last seen in a pair
	mergedInto := map[string]string{} // absorbed group → absorbing group
	_, err = echoStreamGen(ctx, opt, func(it *echoGenItem) error {
		idx[it.ID] = len(ids)
		ids = append(ids, it.ID)
		if it.Shares != "" {
			// A retweet or forward repeats its source by platform mechanics, not as an
			// echo; the ingest pipeline knows them by SharesID and gen plants none.
			indexed = append(indexed, false)
			return nil
		}
		p := det.Prepare(it.doc())
		indexed = append(indexed, !p.Skipped())
		ps, evs := det.AddPrepared(p)
		for _, p := range ps {
			pairs = append(pairs, [2]int{idx[p.A], idx[p.B]})
			preds = append(preds, predicted{p.A, p.B, p.Relation})
			for _, id := range []string{p.A, p.B} {
				if g := det.GroupOf(id); g != "" {
					groupOf[id] = g
				}
			}
		}
		for _, ev := range evs {
			if ev.Kind == echo.GroupMerged && ev.Merged != ev.Group {
				mergedInto[ev.Merged] = ev.Group
			}
		}
		return nil
	}, func(e echoTruth) { truth = append(truth, e) })
	if err != nil {
		return GenEchoReport{}, err
	}
	rep := GenEchoReport{Items: len(ids), Seconds: time.Since(start).Seconds(), Confusion: map[string]map[string]int{}}
	famIdx := map[string]int{}
	sc := &echoScorer{cluster: make([]int, len(ids)), kind: make([]string, len(ids)), lang: make([]string, len(ids))}
	for i := range sc.cluster {
		sc.cluster[i] = -1
	}
	relOf := map[[2]string]string{}
	for _, e := range truth {
		i, ok := idx[e.Item]
		if !ok {
			continue
		}
		f, ok := famIdx[e.Family]
		if !ok {
			f = len(famIdx)
			famIdx[e.Family] = f
		}
		kind := echoKindMono
		if e.Relation == "translation" {
			kind = echoKindTrans
		}
		sc.cluster[i], sc.kind[i], sc.lang[i] = f, kind, e.Lang
		if e.Relation != "original" {
			relOf[[2]string{e.Of, e.Item}] = e.Relation
		}
	}
	rep.Families = len(famIdx)
	// Only indexed items can be found: score over them (skipped items are short posts).
	for i := range sc.cluster {
		if !indexed[i] {
			sc.cluster[i] = -2 - i // unique: never a positive
			sc.kind[i] = ""
		}
		if indexed[i] {
			rep.Indexed++
		}
	}
	rep.Direct, rep.Closure = sc.direct(pairs), sc.closure(pairs)
	for _, p := range preds {
		want, ok := relOf[[2]string{p.a, p.b}]
		if !ok {
			continue
		}
		if rep.Confusion[want] == nil {
			rep.Confusion[want] = map[string]int{}
		}
		rep.Confusion[want][p.rel.String()]++
	}
	// Group level.
	famSize := map[int]int{}
	for _, f := range sc.cluster {
		if f >= 0 {
			famSize[f]++
		}
	}
	for _, n := range famSize {
		if n >= 2 {
			rep.FamiliesIndexed++
		}
	}
	// The detector's own groups (it merges two groups only through copies unless MergeAll).
	final := func(g string) string {
		for range len(mergedInto) + 1 {
			next, ok := mergedInto[g]
			if !ok {
				break
			}
			g = next
		}
		return g
	}
	detGroups := map[string][]int{}
	for id, g := range groupOf {
		g = final(g)
		detGroups[g] = append(detGroups[g], idx[id])
	}
	detRecovered := map[int]bool{}
	for _, members := range detGroups {
		rep.DetectorGroups++
		count := map[int]int{}
		for _, i := range members {
			if sc.cluster[i] >= 0 {
				count[sc.cluster[i]]++
			}
		}
		if len(count) > 0 {
			rep.DetectorGroupsPlanted++
		}
		for f, n := range count {
			if float64(n) >= 0.8*float64(len(members)) {
				rep.DetectorGroupsPure++
				if float64(n) >= 0.8*float64(famSize[f]) {
					detRecovered[f] = true
				}
			}
		}
	}
	rep.DetectorFamiliesRecovered = len(detRecovered)
	if rep.FamiliesIndexed > 0 {
		rep.DetectorGroupRecall = float64(len(detRecovered)) / float64(rep.FamiliesIndexed)
	}
	if rep.DetectorGroupsPlanted > 0 {
		rep.DetectorGroupPrecisionPlanted = float64(rep.DetectorGroupsPure) / float64(rep.DetectorGroupsPlanted)
	}
	recovered := map[int]bool{}
	for _, members := range echoComponents(len(ids), pairs) {
		rep.Groups++
		count := map[int]int{}
		for _, i := range members {
			if sc.cluster[i] >= 0 {
				count[sc.cluster[i]]++
			}
		}
		if len(count) == 0 {
			rep.OrganicGroups++
		} else {
			rep.GroupsPlanted++
		}
		for f, n := range count {
			if float64(n) >= 0.8*float64(len(members)) {
				rep.GroupsPure++
				if float64(n) >= 0.8*float64(famSize[f]) {
					recovered[f] = true
				}
			}
		}
	}
	rep.FamiliesRecovered = len(recovered)
	if rep.FamiliesIndexed > 0 {
		rep.GroupRecall = float64(rep.FamiliesRecovered) / float64(rep.FamiliesIndexed)
	}
	if rep.Groups > 0 {
		rep.GroupPrecision = float64(rep.GroupsPure) / float64(rep.Groups)
	}
	if rep.GroupsPlanted > 0 {
		rep.GroupPrecisionPlanted = float64(rep.GroupsPure) / float64(rep.GroupsPlanted)
	}
	return rep, nil
}

// echoComponents returns the connected components of at least two of n items linked by
// pairs, each as the list of its items.
func echoComponents(n int, pairs [][2]int) [][]int {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, p := range pairs {
		a, b := find(p[0]), find(p[1])
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	byRoot := map[int][]int{}
	for i := range n {
		r := find(i)
		byRoot[r] = append(byRoot[r], i)
	}
	var out [][]int
	for _, m := range byRoot {
		if len(m) >= 2 {
			out = append(out, m)
		}
	}
	return out
}
