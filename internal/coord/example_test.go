package coord_test

import (
	"fmt"
	"time"

	"fimi/internal/coord"
)

func ExampleBuild() {
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	var posts []coord.Post
	// Three accounts post the same links within seconds, three times.
	for i, url := range []string{"https://a.example/1", "https://a.example/2", "https://a.example/3"} {
		for j, acct := range []string{"ann", "bob", "cat"} {
			posts = append(posts, coord.Post{Item: fmt.Sprint(acct, i), Account: acct,
				Time: t0.Add(time.Duration(i)*time.Hour + time.Duration(j)*5*time.Second), URLs: []string{url}})
		}
	}
	opt := coord.DefaultOptions()
	opt.Kinds = []coord.Kind{coord.CoLink}
	i := 0
	r, err := coord.Build(opt, func() (coord.Post, bool) {
		if i == len(posts) {
			return coord.Post{}, false
		}
		i++
		return posts[i-1], true
	})
	if err != nil {
		panic(err)
	}
	n := r.Networks[0]
	fmt.Println(n.ID, len(n.Members), "members,", n.Edges, "edges, events:", n.Events)
	e := r.Edges[0]
	fmt.Println(e.Kind, e.A, e.B, "weight", e.Weight, "first evidence gap", e.Evidence[0].GapSeconds, "s")
	// Output:
	// n1 3 members, 3 edges, events: 3
	// co-link ann bob weight 3 first evidence gap 5 s
}
