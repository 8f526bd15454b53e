package detect

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"

	"fimi/internal/coord"
	"fimi/internal/fimi"
	"fimi/internal/store"
)

// CoordOptions configure a coordination run over stored items.
type CoordOptions struct {
	coord.Options
	AutoWindow bool // estimate windows from the data (CooRnet style)
	// MinTextWords is the shortest text that takes part in co-text (shorter posts such as
	// "Source?" coincide by chance); 0 means 6.
	MinTextWords int
	// TextKey returns the co-text key of an item (an echo group id); nil or "" falls back to
	// the item's content hash.
	TextKey func(itemID string) string
}

// ActorName is how items' accounts are named in networks: platform and account, so that
// handles of different platforms never merge.
func ActorName(it *fimi.Item) string {
	if it.Account == "" {
		return ""
	}
	return it.Platform + ":" + it.Account
}

// Post turns a stored item into a coordination post.
func (o CoordOptions) Post(it *fimi.Item) coord.Post {
	p := coord.PostFromItem(it, "")
	p.Account = ActorName(it)
	minWords := o.MinTextWords
	if minWords <= 0 {
		minWords = 6
	}
	key := ""
	if o.TextKey != nil {
		key = o.TextKey(it.ID)
	}
	switch {
	case key != "":
		p.TextKey = key
	case len(strings.Fields(it.Text)) < minWords:
		p.TextKey = ""
	}
	return p
}

var errStop = errors.New("stop")

// posts returns a one-pass source over the stored items in time order.
func (o CoordOptions) posts(ctx context.Context, st store.Store) coord.Source {
	return func() (func() (coord.Post, bool), error) {
		var scanErr error
		seq := func(yield func(coord.Post) bool) {
			err := st.ScanItems(ctx, store.ItemQuery{Since: o.Since}, func(it fimi.Item) error {
				if it.Published.IsZero() {
					return nil
				}
				if !yield(o.Post(&it)) {
					return errStop
				}
				return nil
			})
			if err != nil && !errors.Is(err, errStop) {
				scanErr = err
			}
		}
		next, stop := iter.Pull(seq)
		return func() (coord.Post, bool) {
			p, ok := next()
			if !ok {
				stop()
				if scanErr != nil {
					panic(fmt.Errorf("scan items: %w", scanErr))
				}
			}
			return p, ok
		}, nil
	}
}

// Coord detects coordinated networks over the stored items, stores the run and returns it
// with its id. Windows estimated with AutoWindow are returned too.
func Coord(ctx context.Context, st store.Store, o CoordOptions) (res *coord.Result, runID int64, ests map[coord.Kind]coord.WindowEstimate, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(error)
			if !ok {
				panic(r)
			}
			err = e
		}
	}()
	res, ests, err = coord.Detect(o.Options, o.AutoWindow, 0, 0, o.posts(ctx, st))
	if err != nil {
		return nil, 0, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, nil, err
	}
	runID, err = st.PutCoordRun(ctx, RunOf(res))
	return res, runID, ests, err
}

// RunOf converts a result into a stored run.
func RunOf(r *coord.Result) store.CoordRun {
	opts, _ := json.Marshal(r.Options)
	stats, _ := json.Marshal(r.Stats)
	run := store.CoordRun{By: r.Options.By.String(), Options: opts, Stats: stats, Modularity: r.Modularity}
	netOf := map[string]string{}
	for _, n := range r.Networks {
		data, _ := json.Marshal(n)
		run.Networks = append(run.Networks, store.CoordDoc{Key: n.ID, Members: len(n.Members), Score: n.Score, Data: data})
		for _, m := range n.Members {
			netOf[m] = n.ID
		}
	}
	for _, a := range r.Actors {
		data, _ := json.Marshal(a)
		run.Actors = append(run.Actors, store.CoordDoc{Key: a.Name, Network: netOf[a.Name], Score: a.Score, Data: data})
	}
	for _, e := range r.Edges {
		data, _ := json.Marshal(e)
		net := ""
		if na := netOf[e.A]; na != "" && na == netOf[e.B] {
			net = na
		}
		run.Edges = append(run.Edges, store.CoordEdge{A: e.A, B: e.B, Kind: e.Kind.String(), Weight: e.Weight, Network: net, Data: data})
	}
	return run
}
