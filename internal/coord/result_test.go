package coord_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"fimi/internal/coord"
)

// plantedScenario: a group of 6 accounts sharing 8 links within seconds, 100 ordinary accounts
// sharing links at random, and a hyperactive account sharing everything popular.
func plantedScenario() []coord.Post {
	rng := rand.New(rand.NewPCG(3, 3))
	var posts []coord.Post
	for b := range 8 {
		base := float64(b * 7200)
		url := fmt.Sprintf("https://push.example/story-%d", b)
		for i, m := range []string{"g1", "g2", "g3", "g4", "g5", "g6"} {
			if b%4 == 3 && i == 5 {
				continue // g6 skips some bursts
			}
			posts = append(posts, link(fmt.Sprintf("%s-%d", m, b), m, base+float64(i*4), url))
		}
		// The group also posts its own filler.
		posts = append(posts, link(fmt.Sprintf("g1-f%d", b), "g1", base+3000, fmt.Sprintf("https://cats.example/%d", b)))
	}
	for i := range 3000 {
		posts = append(posts, link(fmt.Sprint("o", i), fmt.Sprint("u", rng.IntN(100)), rng.Float64()*8*7200,
			fmt.Sprintf("https://news.example/%d", rng.IntN(400))))
	}
	slices.SortStableFunc(posts, func(a, b coord.Post) int { return a.Time.Compare(b.Time) })
	return posts
}

func TestNetworkFigures(t *testing.T) {
	o := coord.DefaultOptions()
	o.Kinds = []coord.Kind{coord.CoLink}
	r := run(t, o, plantedScenario())
	if len(r.Networks) != 1 {
		for _, n := range r.Networks {
			t.Logf("%+v", n)
		}
		t.Fatalf("%d networks, want the planted one", len(r.Networks))
	}
	n := r.Networks[0]
	if got := strings.Join(slices.Sorted(slices.Values(n.Members)), " "); got != "g1 g2 g3 g4 g5 g6" {
		t.Fatalf("members %s", got)
	}
	if n.ID != "n1" || n.Edges != 15 || n.Density != 1 || n.Kinds["co-link"] != 15 {
		t.Errorf("edges %d density %v kinds %v", n.Edges, n.Density, n.Kinds)
	}
	if n.Events != 8 || n.Keys != 8 {
		t.Errorf("events %d keys %d, want 8 and 8", n.Events, n.Keys)
	}
	if n.Posts != 6*8-2+8 || n.CoPosts != 6*8-2 {
		t.Errorf("posts %d co-posts %d", n.Posts, n.CoPosts)
	}
	if want := float64(n.CoPosts) / float64(n.Posts); n.CoShare != want {
		t.Errorf("co-share %v, want %v", n.CoShare, want)
	}
	if n.First != at(0) || n.Last != at(7*7200+16) || n.SpanSeconds != 7*7200+16 {
		t.Errorf("span %s .. %s (%v s)", n.First, n.Last, n.SpanSeconds)
	}
	top := n.TopKeys["co-link"]
	if len(top) != 5 || top[0].N != 6 || !strings.HasPrefix(top[0].Key, "push.example/story-") {
		t.Errorf("top keys %v", top)
	}
	// Members come by decreasing score; g1's filler lowers its share of coordinated posts.
	if n.Members[len(n.Members)-1] != "g1" && n.Members[len(n.Members)-1] != "g6" {
		t.Errorf("members by score %v", n.Members)
	}
	for _, a := range r.Actors {
		if a.Network == 0 && (a.Score <= 0 || a.Score >= 1 || a.Degree != 5) {
			t.Errorf("actor %+v", a)
		}
	}
	ev := r.Evidence("g2", 3)
	if len(ev) != 3 || ev[0].GapSeconds != 4 {
		t.Errorf("evidence of g2: %+v", ev)
	}
}

func TestResultDeterministic(t *testing.T) {
	posts := plantedScenario()
	o := coord.DefaultOptions()
	o.MinWeight = 1
	o.Core = 1
	a, b := run(t, o, posts), run(t, o, posts)
	if len(a.Edges) != len(b.Edges) || a.Modularity != b.Modularity || len(a.Networks) != len(b.Networks) {
		t.Fatal("two runs differ")
	}
	for i := range a.Networks {
		if !slices.Equal(a.Networks[i].Members, b.Networks[i].Members) {
			t.Fatalf("network %d differs", i)
		}
	}
	for i := range a.Actors {
		if a.Actors[i] != b.Actors[i] {
			t.Fatalf("actor %d differs: %+v vs %+v", i, a.Actors[i], b.Actors[i])
		}
	}
}

func TestCoreDropsChains(t *testing.T) {
	// a-b-c repeat twice on different keys as a chain (a,b and b,c match; a,c are an hour
	// apart): no triangle, so no network in the 2-core; with Core 1 it is a network of three.
	var posts []coord.Post
	for r := range 2 {
		base := float64(r * 10000)
		posts = append(posts,
			link(fmt.Sprint("a", r), "a", base, fmt.Sprint("x", r)), link(fmt.Sprint("b", r), "b", base+5, fmt.Sprint("x", r)),
			link(fmt.Sprint("b2", r), "b", base+4000, fmt.Sprint("y", r)), link(fmt.Sprint("c", r), "c", base+4005, fmt.Sprint("y", r)))
	}
	o := coord.DefaultOptions()
	o.Kinds = []coord.Kind{coord.CoLink}
	if r := run(t, o, posts); len(r.Networks) != 0 || len(r.Actors) != 3 {
		t.Errorf("core 2: %d networks, %d actors", len(r.Networks), len(r.Actors))
	}
	o.Core = 1
	if r := run(t, o, posts); len(r.Networks) != 1 {
		t.Errorf("core 1: %d networks", len(r.Networks))
	}
}
