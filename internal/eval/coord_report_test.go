package eval

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fimi/internal/testutil"
)

// TestCoordReport prints the evaluation figures the CLI reports (`fimi eval coord`), on demand:
//
//	FIMI_COORD_EVAL=1 go test ./internal/eval -run TestCoordReport -v -timeout 30m
//
// It plants groups into both CooRTweet data sets (seeds 1-3) and scores gen at 1,000,000 items.
func TestCoordReport(t *testing.T) {
	if os.Getenv("FIMI_COORD_EVAL") == "" {
		t.Skip("set FIMI_COORD_EVAL=1 to run the full coordination evaluation")
	}
	dir := testutil.Dataset(t, "coortweet_coordination")
	for _, file := range []string{"russian_coord_tweets.csv", "german_elections.csv"} {
		for seed := int64(1); seed <= 3; seed++ {
			opt := DefaultCoordEvalOptions()
			opt.Seed = seed
			res, err := EvalCoord(context.Background(), filepath.Join(dir, file), opt)
			if err != nil {
				t.Fatal(err)
			}
			t.Log("\n" + res.Table())
		}
	}
	res, err := EvalCoord(context.Background(), "gen", DefaultCoordEvalOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + res.Table())
}

// TestCoordBenchReport runs BenchCoord on demand (`fimi bench coord`):
//
//	FIMI_COORD_BENCH=100000,1000000,10000000 go test ./internal/eval -run TestCoordBenchReport -v -timeout 3h
func TestCoordBenchReport(t *testing.T) {
	env := os.Getenv("FIMI_COORD_BENCH")
	if env == "" {
		t.Skip("set FIMI_COORD_BENCH to a list of sizes to run the coordination benchmark")
	}
	var sizes []int
	for _, s := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, n)
	}
	res, err := BenchCoord(context.Background(), CoordBenchOptions{Sizes: sizes})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + res.Table())
}
