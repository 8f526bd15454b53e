package coord_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"fimi/internal/coord"
)

// benchPosts makes n time-ordered posts from n/20 accounts over six weeks: links and shares
// drawn from Zipf-distributed pools (a few very hot keys), and a tenth of the posts from 50
// planted groups posting the same key within seconds.
func benchPosts(n int) []coord.Post {
	rng := rand.New(rand.NewPCG(1, 2))
	accounts := max(n/20, 100)
	links := rand.NewZipf(rng, 1.1, 1, uint64(n/5))
	shares := rand.NewZipf(rng, 1.1, 1, uint64(n/10))
	posts := make([]coord.Post, 0, n)
	span := 42 * 24 * time.Hour
	step := span / time.Duration(n)
	t := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; len(posts) < n; i++ {
		t = t.Add(time.Duration(rng.Int64N(int64(2 * step))))
		if rng.IntN(100) < 1 { // a burst of a planted group
			g := rng.IntN(50)
			key := fmt.Sprintf("https://planted.example/%d/%d", g, i)
			for m := range 10 {
				posts = append(posts, coord.Post{Item: fmt.Sprint("b", i, "-", m), Account: fmt.Sprintf("g%d-%d", g, m),
					Time: t.Add(time.Duration(m) * 3 * time.Second), URLs: []string{key}})
			}
			t = t.Add(30 * time.Second)
			continue
		}
		p := coord.Post{Item: fmt.Sprint("p", i), Account: fmt.Sprint("a", rng.IntN(accounts)), Time: t}
		switch rng.IntN(3) {
		case 0:
			p.URLs = []string{fmt.Sprintf("https://news.example/%d", links.Uint64())}
		case 1:
			p.Shares = fmt.Sprint("s", shares.Uint64())
		default:
			p.TextKey = fmt.Sprint("t", rng.IntN(n))
		}
		posts = append(posts, p)
	}
	return posts[:n]
}

func BenchmarkBuilder(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		posts := benchPosts(n)
		for _, win := range []time.Duration{time.Minute, time.Hour} {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, win), func(b *testing.B) {
				b.ReportAllocs()
				var r *coord.Result
				for b.Loop() {
					o := coord.DefaultOptions()
					o.Window = win
					bl, err := coord.NewBuilder(o)
					if err != nil {
						b.Fatal(err)
					}
					for _, p := range posts {
						if err := bl.Add(p); err != nil {
							b.Fatal(err)
						}
					}
					r = bl.Result()
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "posts/s")
				b.ReportMetric(float64(len(r.Networks)), "networks")
			})
		}
	}
}
