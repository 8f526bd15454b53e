package coord_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"fimi/internal/coord"
)

// spreadPosts makes 1,000 shared items, each shared by 11 accounts: a tenth spread fast (one
// share every `fast`), the rest slowly (the first repeat after at least a minute). The CooRnet
// estimate is then the time the fast items take to pass half of their shares: 5 × fast.
func spreadPosts(fast time.Duration) []coord.Post {
	rng := rand.New(rand.NewPCG(9, 9))
	var posts []coord.Post
	for k := range 1000 {
		start := time.Duration(k) * time.Hour
		for i := range 11 {
			var d time.Duration
			if k%10 == 0 {
				d = time.Duration(i) * fast
			} else if i > 0 {
				d = time.Minute + time.Duration(i)*time.Duration(30+rng.IntN(600))*time.Second
			}
			posts = append(posts, coord.Post{Item: fmt.Sprint(k, "-", i), Account: fmt.Sprint("u", rng.IntN(500)),
				Time: t0.Add(start + d), Shares: fmt.Sprint("item", k)})
		}
	}
	slices.SortStableFunc(posts, func(a, b coord.Post) int { return a.Time.Compare(b.Time) })
	return posts
}

func iter(posts []coord.Post) func() (coord.Post, bool) {
	i := 0
	return func() (coord.Post, bool) {
		if i == len(posts) {
			return coord.Post{}, false
		}
		i++
		return posts[i-1], true
	}
}

func TestEstimateWindow(t *testing.T) {
	for _, fast := range []time.Duration{2 * time.Second, 7 * time.Second} {
		posts := spreadPosts(fast)
		est, err := coord.EstimateWindow(coord.CoShare, 0, 0, coord.DefaultOptions(), iter(posts))
		if err != nil {
			t.Fatal(err)
		}
		// Rank 6 of 11 is the first above half: 5 steps after the first share.
		if want := 5 * fast; est.Window != want || est.Quick != 100 || est.Keys != 1000 || est.Sampled != 1 {
			t.Errorf("fast %s: %+v, want window %s from the 100 quick keys", fast, est, want)
		}
		// A sample of keys under a tight memory budget estimates the same spread.
		e, err := coord.NewEstimator(coord.CoShare, 0.1, 0.5, coord.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		e.MaxTimes = 2000
		for _, p := range posts {
			e.Add(p)
		}
		s, err := e.Estimate()
		if err != nil {
			t.Fatal(err)
		}
		if s.Sampled >= 1 || s.Keys >= 1000 || math.Abs(s.Seconds-(5*fast).Seconds()) > 0.5 {
			t.Errorf("sampled estimate %+v, want about %s", s, 5*fast)
		}
	}
}

func TestEstimateWindowEdgeCases(t *testing.T) {
	if _, err := coord.EstimateWindow(coord.CoShare, 0, 0, coord.DefaultOptions(), iter([]coord.Post{share("1", "a", 0, "x")})); !errors.Is(err, coord.ErrNoEstimate) {
		t.Errorf("one share: err = %v, want ErrNoEstimate", err)
	}
	// Everything shared in the same second: CooRnet's floor of 1 s.
	posts := []coord.Post{share("1", "a", 0, "x"), share("2", "b", 0, "x"), share("3", "c", 0, "x")}
	est, err := coord.EstimateWindow(coord.CoShare, 0, 0, coord.DefaultOptions(), iter(posts))
	if err != nil || est.Window != time.Second {
		t.Errorf("simultaneous: %+v %v, want 1 s", est, err)
	}
	if _, err := coord.NewEstimator(coord.CoShare, 1.5, 0.5, coord.DefaultOptions()); !errors.Is(err, coord.ErrOptions) {
		t.Errorf("q 1.5: err = %v", err)
	}
}

func TestDetectAuto(t *testing.T) {
	posts := spreadPosts(3 * time.Second)
	opens := 0
	src := func() (func() (coord.Post, bool), error) {
		opens++
		return iter(posts), nil
	}
	o := coord.DefaultOptions()
	o.Kinds = []coord.Kind{coord.CoShare, coord.CoLink} // no links: keeps the default window
	r, ests, err := coord.Detect(o, true, 0, 0, src)
	if err != nil {
		t.Fatal(err)
	}
	if opens != 2 || ests[coord.CoShare].Window != 15*time.Second {
		t.Fatalf("opens %d, estimates %+v", opens, ests)
	}
	if _, ok := ests[coord.CoLink]; ok {
		t.Error("estimate for a kind without data")
	}
	for _, k := range r.Stats.Kinds {
		want := 15.0
		if k.Kind == coord.CoLink {
			want = 60
		}
		if k.WindowSeconds != want {
			t.Errorf("%s window %v s, want %v", k.Kind, k.WindowSeconds, want)
		}
	}
}
