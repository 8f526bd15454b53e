package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"time"

	"fimi/internal/coord"
	"fimi/internal/fimi"
	"fimi/internal/ingest"
	"fimi/internal/ingest/csv"
)

// realLog is a real data set as posts, with the kind its objects are detected by.
type realLog struct {
	name  string
	kind  coord.Kind // co-share (retweeted tweets) or co-link (URLs)
	posts []coord.Post
	// objects and times sample the shares of objects (one entry per post and object) for
	// planting near real activity.
	objects []string
	times   []int64
}

func (l *realLog) add(p coord.Post) {
	l.posts = append(l.posts, p)
	for _, o := range objectsOf(l.kind, &p) {
		l.objects = append(l.objects, o)
		l.times = append(l.times, p.Time.Unix())
	}
}

func objectsOf(k coord.Kind, p *coord.Post) []string {
	if k == coord.CoShare {
		if p.Shares == "" {
			return nil
		}
		return []string{p.Shares}
	}
	return p.URLs
}

func (l *realLog) post(item, account string, t int64, object string) coord.Post {
	p := coord.Post{Item: item, Account: account, Time: time.Unix(t, 0).UTC()}
	if l.kind == coord.CoShare {
		p.Shares = object
	} else {
		p.URLs = []string{object}
	}
	return p
}

// readCSVItems decodes a CSV with fimi's CSV decoder and a --map style mapping (as `fimi
// ingest --map` would), normalises each record with ingest.Prepare and calls fn. Records that
// carry nothing (ingest.ErrEmpty) are skipped.
func readCSVItems(path string, m map[string]string, fn func(*fimi.Item)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	d, err := csv.NewDecoder(f, ingest.Options{Name: path, Platform: fimi.PlatformTwitter, Map: m})
	if err != nil {
		return err
	}
	for {
		rec, err := d.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if rec.Err != nil {
			return fmt.Errorf("%s:%d: %w", path, rec.Line, rec.Err)
		}
		it := rec.Item
		if err := ingest.Prepare(&it, rec.NoText, 0, nil); errors.Is(err, ingest.ErrEmpty) {
			continue // a row carrying nothing this evaluation uses
		} else if err != nil {
			return fmt.Errorf("%s:%d: %w", path, rec.Line, err)
		}
		fn(&it)
	}
}

// readRussianCoord reads russian_coord_tweets.csv: one retweet per row (object_id the retweeted
// tweet, account_id, content_id, timestamp_share), for co-share.
func readRussianCoord(path string) (*realLog, error) {
	l := &realLog{name: path, kind: coord.CoShare}
	err := readCSVItems(path, map[string]string{ingest.FieldID: "content_id", ingest.FieldAccount: "account_id",
		ingest.FieldShares: "object_id", ingest.FieldPublished: "timestamp_share"}, func(it *fimi.Item) {
		l.add(coord.Post{Item: it.NativeID, Account: it.Account, Time: it.Published, Shares: it.SharesID})
	})
	return l, err
}

// readGermanElections reads german_elections.csv (one row per post and object; account_id,
// post_id, url_id, timestamp) and keeps the posts with an anonymised URL, for co-link. A post
// with several URLs becomes one post with several links.
func readGermanElections(path string) (*realLog, error) {
	l := &realLog{name: path, kind: coord.CoLink}
	idx := map[string]int{}
	var posts []coord.Post
	err := readCSVItems(path, map[string]string{ingest.FieldID: "post_id", ingest.FieldAccount: "account_id",
		ingest.FieldURLs: "url_id", ingest.FieldPublished: "timestamp"}, func(it *fimi.Item) {
		if len(it.URLs) == 0 {
			return
		}
		key := it.Account + "\x00" + it.NativeID
		i, ok := idx[key]
		if !ok {
			i = len(posts)
			idx[key] = i
			posts = append(posts, coord.Post{Item: it.NativeID, Account: it.Account, Time: it.Published})
		}
		for _, u := range it.URLs {
			if !slices.Contains(posts[i].URLs, u) {
				posts[i].URLs = append(posts[i].URLs, u)
			}
		}
	})
	for _, p := range posts {
		l.add(p)
	}
	return l, err
}

// plant adds opt.Plant synthetic coordinated groups to l and returns their members: new
// accounts (plant-gNN-mNN) sharing the same objects within seconds of each other in opt.Bursts
// bursts spread over the log's time span. A burst pushes a real object of the log at about the
// time it circulates (within half an hour of one of its real shares) with probability
// opt.RealObjects, else a new object. In each burst every member takes part with probability
// 0.8 (at least three do), in a random order, one after the other by 1 s plus an exponential
// gap with a per-group mean of 1 to 5 s. Each member also shares three real objects some time
// (exponential, mean two hours) after one of their real shares: ordinary activity that mixes
// with the real background.
func plant(l *realLog, opt CoordEvalOptions) map[string]string {
	rng := rand.New(rand.NewPCG(uint64(opt.Seed), 0xc00d))
	lo, hi := slices.Min(l.times), slices.Max(l.times)
	member := map[string]string{}
	var out []coord.Post
	for g := range opt.Plant {
		group := fmt.Sprintf("plant-g%02d", g+1)
		size := opt.GroupMin + rng.IntN(opt.GroupMax-opt.GroupMin+1)
		ms := make([]string, size)
		for i := range ms {
			ms[i] = fmt.Sprintf("%s-m%02d", group, i+1)
			member[ms[i]] = group
		}
		gap := 1 + 4*rng.Float64()
		for b := range opt.Bursts {
			var obj string
			var t float64
			if rng.Float64() < opt.RealObjects {
				row := rng.IntN(len(l.times))
				obj = l.objects[row]
				t = float64(l.times[row] + rng.Int64N(3601) - 1800)
			} else {
				obj = fmt.Sprintf("%s-o%02d", group, b+1)
				t = float64(lo + rng.Int64N(hi-lo+1))
			}
			var part []string
			for _, m := range ms {
				if rng.Float64() < 0.8 {
					part = append(part, m)
				}
			}
			for len(part) < min(3, size) {
				m := ms[rng.IntN(size)]
				if !slices.Contains(part, m) {
					part = append(part, m)
				}
			}
			rng.Shuffle(len(part), func(i, j int) { part[i], part[j] = part[j], part[i] })
			for i, m := range part {
				if i > 0 {
					t += 1 + rng.ExpFloat64()*gap
				}
				out = append(out, l.post(fmt.Sprintf("%s-b%02d-%02d", group, b+1, i+1), m, int64(t), obj))
			}
		}
		for _, m := range ms {
			for k := range 3 {
				row := rng.IntN(len(l.times))
				t := l.times[row] + int64(rng.ExpFloat64()*7200)
				out = append(out, l.post(fmt.Sprintf("%s-f%d", m, k+1), m, t, l.objects[row]))
			}
		}
	}
	l.posts = append(l.posts, out...)
	return member
}

// evalPlanted plants groups into a real CooRTweet data set and measures how well detection of
// its kind (co-share for the Russian retweets, co-link for the German election URLs) recovers
// them.
func evalPlanted(ctx context.Context, l *realLog, opt CoordEvalOptions) (CoordEval, error) {
	member := plant(l, opt)
	slices.SortStableFunc(l.posts, func(a, b coord.Post) int { return a.Time.Compare(b.Time) })
	copt := opt.Coord
	if copt.Kinds == nil {
		copt = coord.DefaultOptions()
		copt.Kinds = []coord.Kind{l.kind}
	}
	forEach := func(fn func(coord.Post) error) error {
		for i, p := range l.posts {
			if i%65536 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		return nil
	}
	res := CoordEval{Dataset: fmt.Sprintf("%s + %d planted groups (seed %d)", filepath.Base(l.name), opt.Plant, opt.Seed)}
	if opt.AutoWindow {
		var err error
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
	kinds := map[string]string{}
	for _, g := range member {
		kinds[g] = l.kind.String()
	}
	score(&res, r, member, kinds, false, opt.Match)
	return res, nil
}
