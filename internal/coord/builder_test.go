package coord_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"fimi/internal/coord"
)

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func at(sec float64) time.Time { return t0.Add(time.Duration(sec * float64(time.Second))) }

func share(item, account string, sec float64, shared string) coord.Post {
	return coord.Post{Item: item, Account: account, Time: at(sec), Shares: shared}
}

func link(item, account string, sec float64, urls ...string) coord.Post {
	return coord.Post{Item: item, Account: account, Time: at(sec), URLs: urls}
}

func opts(kinds ...coord.Kind) coord.Options {
	o := coord.DefaultOptions()
	o.Kinds = kinds
	o.MinWeight = 1
	o.MaxKeyPosts = -1
	return o
}

func edgeOf(r *coord.Result, k coord.Kind, a, b string) *coord.Edge {
	if a > b {
		a, b = b, a
	}
	for i := range r.Edges {
		if e := &r.Edges[i]; e.Kind == k && e.A == a && e.B == b {
			return e
		}
	}
	return nil
}

func TestWindowBoundary(t *testing.T) {
	tests := []struct {
		name   string
		gap    time.Duration
		window time.Duration
		edge   bool
	}{
		{"inside", 30 * time.Second, time.Minute, true},
		{"exactly the window", time.Minute, time.Minute, true},
		{"a nanosecond over", time.Minute + 1, time.Minute, false},
		{"same instant", 0, time.Second, true},
		{"sub-second window", 400 * time.Millisecond, 500 * time.Millisecond, true},
		{"sub-second over", 600 * time.Millisecond, 500 * time.Millisecond, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := opts(coord.CoShare)
			o.Window = tt.window
			posts := []coord.Post{
				{Item: "p1", Account: "a", Time: t0, Shares: "x"},
				{Item: "p2", Account: "b", Time: t0.Add(tt.gap), Shares: "x"},
			}
			r := run(t, o, posts)
			e := edgeOf(r, coord.CoShare, "a", "b")
			if (e != nil) != tt.edge {
				t.Fatalf("edge = %v, want %v", e != nil, tt.edge)
			}
			if e != nil {
				if e.Pairs != 1 || e.PostsA != 1 || e.PostsB != 1 || len(e.Evidence) != 1 {
					t.Errorf("edge %+v", e)
				}
				if ev := e.Evidence[0]; ev.ItemA != "p1" || ev.ItemB != "p2" || ev.GapSeconds != tt.gap.Seconds() || ev.Key != "x" {
					t.Errorf("evidence %+v", ev)
				}
			}
		})
	}
}

func TestKindWindowOverride(t *testing.T) {
	o := opts(coord.CoShare, coord.CoText)
	o.Window = time.Minute
	o.KindWindow = map[coord.Kind]time.Duration{coord.CoText: time.Hour}
	posts := []coord.Post{
		{Item: "1", Account: "a", Time: at(0), Shares: "x"},
		{Item: "2", Account: "a", Time: at(1), TextKey: "t"},
		{Item: "3", Account: "b", Time: at(1800), Shares: "x"},
		{Item: "4", Account: "b", Time: at(1801), TextKey: "t"},
	}
	r := run(t, o, posts)
	if edgeOf(r, coord.CoShare, "a", "b") != nil {
		t.Error("co-share edge across 30 minutes with a 1 minute window")
	}
	if edgeOf(r, coord.CoText, "a", "b") == nil {
		t.Error("no co-text edge within the 1 hour co-text window")
	}
}

// TestWeights checks the three counts on a case where they differ: a shares x three times in
// 10 s, b once in between.
func TestWeights(t *testing.T) {
	posts := []coord.Post{
		share("a1", "a", 0, "x"),
		share("a2", "a", 4, "x"),
		share("b1", "b", 5, "x"),
		share("a3", "a", 9, "x"),
		share("c1", "c", 100, "x"),
	}
	for _, tt := range []struct {
		rule coord.WeightRule
		want float64
	}{{coord.WeightPosts, 3}, {coord.WeightMinPosts, 1}, {coord.WeightPairs, 3}, {coord.WeightKeys, 1}} {
		t.Run(tt.rule.String(), func(t *testing.T) {
			o := opts(coord.CoShare)
			o.Weight = tt.rule
			o.SelfLoops = true
			r := run(t, o, posts)
			e := edgeOf(r, coord.CoShare, "a", "b")
			if e == nil {
				t.Fatal("no edge a-b")
			}
			if e.PostsA != 3 || e.PostsB != 1 || e.Pairs != 3 || e.Weight != tt.want {
				t.Errorf("posts %d/%d pairs %d weight %v, want 3/1 3 %v", e.PostsA, e.PostsB, e.Pairs, e.Weight, tt.want)
			}
			if e.MeanGapSeconds != (5+1+4)/3.0 {
				t.Errorf("mean gap %v", e.MeanGapSeconds)
			}
			self := edgeOf(r, coord.CoShare, "a", "a")
			if self == nil || self.PostsA != 3 || self.Pairs != 3 {
				t.Errorf("self-loop %+v, want 3 posts in 3 pairs", self)
			}
			if edgeOf(r, coord.CoShare, "a", "c") != nil {
				t.Error("edge to c 91 s later")
			}
		})
	}
}

func TestMinWeightAndSelfLoops(t *testing.T) {
	var posts []coord.Post
	// a and b co-share three items; a and c one; d shares y twice in 5 s.
	for i, x := range []string{"x1", "x2", "x3"} {
		base := float64(i * 1000)
		posts = append(posts, share(fmt.Sprint("a", i), "a", base, x), share(fmt.Sprint("b", i), "b", base+2, x))
	}
	posts = append(posts, share("a9", "a", 5000, "z"), share("c9", "c", 5001, "z"))
	posts = append(posts, share("d1", "d", 6000, "y"), share("d2", "d", 6005, "y"))
	for _, tt := range []struct {
		min    int
		loops  bool
		actors []string
	}{
		{1, false, []string{"a", "b", "c"}},
		{1, true, []string{"a", "b", "c", "d"}},
		{2, false, []string{"a", "b"}},
		{2, true, []string{"a", "b", "d"}},
		{3, false, []string{"a", "b"}},
		{4, true, nil},
	} {
		t.Run(fmt.Sprintf("min%d/loops=%v", tt.min, tt.loops), func(t *testing.T) {
			o := opts(coord.CoShare)
			o.MinWeight, o.SelfLoops = tt.min, tt.loops
			o.Weight = coord.WeightPosts
			r := run(t, o, posts)
			var got []string
			for _, a := range r.Actors {
				got = append(got, a.Name)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.actors) {
				t.Errorf("actors %v, want %v", got, tt.actors)
			}
		})
	}
}

func TestHotKeyCap(t *testing.T) {
	var posts []coord.Post
	for i := range 10 {
		posts = append(posts, share(fmt.Sprint("p", i), fmt.Sprint("u", i), float64(i), "viral"))
	}
	o := opts(coord.CoShare)
	o.MaxKeyPosts = 3
	r := run(t, o, posts)
	st := r.Stats.Kinds[0]
	// Each post pairs with at most the 3 most recent: 0+1+2+3*7.
	if st.Pairs != 24 || st.Capped != 7 {
		t.Errorf("pairs %d capped %d, want 24 and 7", st.Pairs, st.Capped)
	}
	if edgeOf(r, coord.CoShare, "u0", "u9") != nil || edgeOf(r, coord.CoShare, "u5", "u8") == nil {
		t.Error("the cap should pair only posts at most 3 apart")
	}
	o.MaxKeyPosts = -1
	if r := run(t, o, posts); r.Stats.Kinds[0].Pairs != 45 {
		t.Errorf("uncapped pairs %d, want 45", r.Stats.Kinds[0].Pairs)
	}
}

func TestMultiKeyPostCountsOnce(t *testing.T) {
	posts := []coord.Post{
		link("a1", "a", 0, "u1", "u2", "u1"),
		link("b1", "b", 3, "u2", "u1"),
	}
	r := run(t, opts(coord.CoLink), posts)
	e := edgeOf(r, coord.CoLink, "a", "b")
	if e == nil || e.Pairs != 1 || e.PostsA != 1 || e.PostsB != 1 {
		t.Fatalf("edge %+v, want one pair", e)
	}
}

func TestRepostsExcludedFromCoLink(t *testing.T) {
	posts := []coord.Post{
		{Item: "1", Account: "a", Time: at(0), URLs: []string{"u"}, Shares: "s"},
		{Item: "2", Account: "b", Time: at(1), URLs: []string{"u"}, Shares: "s"},
	}
	if r := run(t, opts(coord.CoLink), posts); len(r.Edges) != 0 {
		t.Errorf("reposts made %d co-link edges", len(r.Edges))
	}
	o := opts(coord.CoLink)
	o.Reposts = true
	if r := run(t, o, posts); len(r.Edges) != 1 {
		t.Errorf("with Reposts: %d co-link edges, want 1", len(r.Edges))
	}
}

func TestOrderAndSince(t *testing.T) {
	b, err := coord.NewBuilder(opts(coord.CoShare))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Add(share("1", "a", 10, "x")); err != nil {
		t.Fatal(err)
	}
	err = b.Add(share("2", "b", 5, "x"))
	var oe *coord.OrderError
	if !errors.Is(err, coord.ErrOutOfOrder) || !errors.As(err, &oe) || oe.Item != "2" {
		t.Fatalf("err = %v, want an OrderError", err)
	}
	if err := b.Add(share("3", "c", 10, "x")); err != nil {
		t.Fatal(err)
	}
	if r := b.Result(); len(r.Edges) != 1 || r.Edges[0].A != "a" || r.Edges[0].B != "c" {
		t.Errorf("edges %+v", r.Edges)
	}
	o := opts(coord.CoShare)
	o.Since = at(100)
	r := run(t, o, []coord.Post{share("1", "a", 99, "x"), share("2", "b", 100, "x"), share("3", "c", 101, "x")})
	if r.Stats.Skipped != 1 || len(r.Edges) != 1 || r.Edges[0].A != "b" {
		t.Errorf("since: skipped %d, edges %+v", r.Stats.Skipped, r.Edges)
	}
}

func TestCoHashtag(t *testing.T) {
	var posts []coord.Post
	sec := 0.0
	// "news" becomes common: 60 ordinary posts carry it.
	for i := range 60 {
		posts = append(posts, coord.Post{Item: fmt.Sprint("n", i), Account: fmt.Sprint("o", i), Time: at(sec), Hashtags: []string{"news"}})
		sec += 100
	}
	for round := range 3 {
		for j, a := range []string{"a", "b", "c"} {
			posts = append(posts, coord.Post{Item: fmt.Sprint(a, round), Account: a, Time: at(sec + float64(j)),
				Hashtags: []string{"opx", "news", fmt.Sprint("day", round)}})
		}
		// The same pair of rare tags, one of them alone, from d: no match (set differs).
		posts = append(posts, coord.Post{Item: fmt.Sprint("d", round), Account: "d", Time: at(sec + 3), Hashtags: []string{"opx"}})
		sec += 1000
	}
	o := opts(coord.CoHashtag)
	o.MinWeight = 3
	r := run(t, o, posts)
	var got []string
	for _, a := range r.Actors {
		got = append(got, a.Name)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("actors %v, want a b c", got)
	}
	if e := edgeOf(r, coord.CoHashtag, "a", "b"); e == nil || !strings.HasPrefix(e.Evidence[0].Key, "day") {
		t.Errorf("edge a-b %+v: the key should be the uncommon set without 'news'", e)
	}
}

func TestOutletNetwork(t *testing.T) {
	posts := []coord.Post{
		{Item: "1", Account: "x", Outlet: "site-a.example", Time: at(0), TextKey: "t1"},
		{Item: "2", Account: "y", Outlet: "site-b.example", Time: at(2), TextKey: "t1"},
		{Item: "3", Account: "z", Time: at(3), TextKey: "t1"},
	}
	o := opts(coord.CoText)
	o.By = coord.ByOutlet
	r := run(t, o, posts)
	if len(r.Edges) != 1 || r.Edges[0].A != "site-a.example" || r.Edges[0].B != "site-b.example" || r.Stats.Skipped != 1 {
		t.Errorf("edges %+v skipped %d", r.Edges, r.Stats.Skipped)
	}
}

// reference computes edges by the definition, over all pairs of posts: two different posts
// match when they share a key of the kind and lie at most the window apart. It returns, per
// unordered actor pair "a|b" (a <= b), the matching pairs and the distinct posts of a and of b
// with a match on the other side.
func reference(posts []coord.Post, k coord.Kind, win time.Duration) map[string][3]int {
	keys := func(p coord.Post) []string {
		switch k {
		case coord.CoLink:
			if p.Shares != "" {
				return nil
			}
			return p.URLs
		case coord.CoShare:
			if p.Shares == "" {
				return nil
			}
			return []string{p.Shares}
		case coord.CoReply:
			if p.ReplyTo == "" || p.Shares != "" {
				return nil
			}
			return []string{p.ReplyTo}
		}
		return nil
	}
	type side struct{ a, b map[int]bool }
	pairs := map[string]int{}
	sides := map[string]*side{}
	for i := range posts {
		for j := i + 1; j < len(posts); j++ {
			d := posts[j].Time.Sub(posts[i].Time)
			if d < 0 {
				d = -d
			}
			if d > win {
				continue
			}
			shared := false
			for _, x := range keys(posts[i]) {
				if slices.Contains(keys(posts[j]), x) {
					shared = true
				}
			}
			if !shared {
				continue
			}
			x, y := i, j
			if posts[x].Account > posts[y].Account {
				x, y = y, x
			}
			id := posts[x].Account + "|" + posts[y].Account
			pairs[id]++
			s := sides[id]
			if s == nil {
				s = &side{map[int]bool{}, map[int]bool{}}
				sides[id] = s
			}
			s.a[x] = true
			s.b[y] = true
		}
	}
	out := map[string][3]int{}
	for id, n := range pairs {
		s := sides[id]
		a, b := len(s.a), len(s.b)
		if parts := strings.Split(id, "|"); parts[0] == parts[1] {
			for p := range s.b {
				s.a[p] = true
			}
			a, b = len(s.a), len(s.a)
		}
		out[id] = [3]int{n, a, b}
	}
	return out
}

// TestAgainstReference compares the streaming builder with the all-pairs definition on
// random posts: few actors and keys, clustered times, multi-link posts, self-repeats.
func TestAgainstReference(t *testing.T) {
	for seed := range uint64(30) {
		rng := rand.New(rand.NewPCG(seed, 77))
		var posts []coord.Post
		sec := 0.0
		for i := range 300 {
			sec += rng.ExpFloat64() * 8
			p := coord.Post{Item: fmt.Sprint("p", i), Account: fmt.Sprint("a", rng.IntN(8)), Time: at(float64(int(sec)))}
			switch rng.IntN(3) {
			case 0:
				for range 1 + rng.IntN(3) {
					p.URLs = append(p.URLs, fmt.Sprint("u", rng.IntN(6)))
				}
			case 1:
				p.Shares = fmt.Sprint("s", rng.IntN(6))
				if rng.IntN(4) == 0 {
					p.URLs = []string{fmt.Sprint("u", rng.IntN(6))}
				}
			default:
				p.ReplyTo = fmt.Sprint("r", rng.IntN(6))
			}
			posts = append(posts, p)
		}
		win := time.Duration(1+rng.IntN(40)) * time.Second
		o := opts(coord.CoLink, coord.CoShare, coord.CoReply)
		o.Window = win
		o.SelfLoops = true
		r := run(t, o, posts)
		for _, k := range []coord.Kind{coord.CoLink, coord.CoShare, coord.CoReply} {
			want := reference(posts, k, win)
			got := map[string][3]int{}
			for _, e := range r.Edges {
				if e.Kind == k {
					got[e.A+"|"+e.B] = [3]int{e.Pairs, e.PostsA, e.PostsB}
				}
			}
			if len(got) != len(want) {
				t.Errorf("seed %d %s: %d edges, reference %d", seed, k, len(got), len(want))
			}
			for id, w := range want {
				if got[id] != w {
					t.Errorf("seed %d %s %s: (pairs, posts a, posts b) = %v, reference %v", seed, k, id, got[id], w)
				}
			}
		}
	}
}

// TestIncremental checks that a result taken midway does not disturb the builder: adding the
// rest gives the same network as one pass.
func TestIncremental(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	var posts []coord.Post
	for i := range 2000 {
		posts = append(posts, share(fmt.Sprint("p", i), fmt.Sprint("a", rng.IntN(30)), float64(i*3), fmt.Sprint("x", rng.IntN(40))))
	}
	o := coord.DefaultOptions()
	o.Kinds = []coord.Kind{coord.CoShare}
	o.Window = 5 * time.Minute
	full := run(t, o, posts)
	b, err := coord.NewBuilder(o)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range posts {
		if err := b.Add(p); err != nil {
			t.Fatal(err)
		}
		if i == 999 {
			if mid := b.Result(); len(mid.Edges) == 0 || len(mid.Edges) >= len(full.Edges) {
				t.Errorf("midway %d edges, full %d", len(mid.Edges), len(full.Edges))
			}
		}
	}
	inc := b.Result()
	if len(inc.Edges) != len(full.Edges) || inc.Modularity != full.Modularity || len(inc.Networks) != len(full.Networks) {
		t.Fatalf("incremental %d edges Q %v, one pass %d edges Q %v", len(inc.Edges), inc.Modularity, len(full.Edges), full.Modularity)
	}
	for i := range inc.Edges {
		x, y := inc.Edges[i], full.Edges[i]
		if x.A != y.A || x.B != y.B || x.Pairs != y.Pairs || x.Weight != y.Weight {
			t.Fatalf("edge %d differs: %+v vs %+v", i, x, y)
		}
	}
}

func TestForget(t *testing.T) {
	posts := []coord.Post{
		share("1", "a", 0, "x"), share("2", "b", 1, "x"), // a-b once, then silence
		share("3", "c", 1000, "y"), share("4", "d", 1001, "y"),
		share("5", "c", 5000, "z"), share("6", "d", 5001, "z"), // c-d twice: kept
		share("7", "e", 9000, "w"),
	}
	o := opts(coord.CoShare)
	o.MinWeight = 2
	o.Forget = 2 * time.Hour // c-d repeat after 4000 s: remembered; a-b is gone by 9000 s
	r := run(t, o, posts)
	if st := r.Stats.Kinds[0]; st.Forgotten != 1 || st.Edges != 1 || st.Kept != 1 {
		t.Errorf("stats %+v, want 1 forgotten and 1 kept edge", st)
	}
}

func TestEvidenceClosestFirst(t *testing.T) {
	var posts []coord.Post
	gaps := []float64{9, 3, 7, 1, 5}
	for i, g := range gaps {
		base := float64(i * 1000)
		posts = append(posts, share(fmt.Sprint("b", i), "b", base, fmt.Sprint("x", i)), share(fmt.Sprint("a", i), "a", base+g, fmt.Sprint("x", i)))
	}
	r := run(t, opts(coord.CoShare), posts)
	e := edgeOf(r, coord.CoShare, "a", "b")
	if e == nil || len(e.Evidence) != 3 {
		t.Fatalf("edge %+v", e)
	}
	for i, want := range []float64{1, 3, 5} {
		ev := e.Evidence[i]
		if ev.GapSeconds != want || !strings.HasPrefix(ev.ItemA, "a") || !strings.HasPrefix(ev.ItemB, "b") {
			t.Errorf("evidence %d: %+v, want gap %v with ItemA from a", i, ev, want)
		}
	}
}

func TestLinkKey(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"https://www.Example.com/a/b?x=1#c", "example.com/a/b?x=1"},
		{"http://example.com/a/b?x=1", "example.com/a/b?x=1"},
		{"HTTPS://WWW.EXAMPLE.COM/", "example.com"},
		{"https://example.com", "example.com"},
		{"https://example.com/?q", "example.com/?q"},
		{"23678", "23678"},
		{"ftp://x.org/a", "ftp://x.org/a"},
	} {
		if got := coord.LinkKey(tt.in); got != tt.want {
			t.Errorf("LinkKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
