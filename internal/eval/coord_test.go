package eval

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"fimi/internal/testutil"
)

// TestEvalCoordPlanted is a regression guard for planted-group recovery on both CooRTweet data
// sets: co-share on the Russian retweets, co-link on the German election URLs.
func TestEvalCoordPlanted(t *testing.T) {
	dir := testutil.Dataset(t, "coortweet_coordination")
	for _, file := range []string{"russian_coord_tweets.csv", "german_elections.csv"} {
		t.Run(file, func(t *testing.T) {
			opt := DefaultCoordEvalOptions()
			res, err := EvalCoord(context.Background(), filepath.Join(dir, file), opt)
			if err != nil {
				t.Fatal(err)
			}
			t.Log("\n" + res.Table())
			if res.Groups != opt.Plant || res.GroupAccounts < opt.Plant*opt.GroupMin {
				t.Fatalf("planted %d groups with %d accounts", res.Groups, res.GroupAccounts)
			}
			if res.Precision < 0.95 || res.Recall < 0.95 || res.GroupRecall < 0.9 {
				t.Errorf("precision %.3f recall %.3f group recall %.3f; want >= 0.95, 0.95, 0.9", res.Precision, res.Recall, res.GroupRecall)
			}
			// The JSON carries the keys the CLI reports.
			b, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), `"precision":`) || !strings.Contains(string(b), `"recall":`) {
				t.Errorf("JSON lacks precision/recall: %s", b[:200])
			}
		})
	}
}

// TestEvalCoordGen scores detection against fimi gen's planted networks on a small corpus
// (200,000 items; the 1,000,000-item figures are in `fimi eval coord`). Small corpora draw
// organic echo cascades from small account pools, which repeat by chance more often, so the
// precision bar is lower here than at scale.
func TestEvalCoordGen(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and scans a 200,000-item corpus")
	}
	opt := DefaultCoordEvalOptions()
	opt.Items = 200_000
	res, err := EvalCoord(context.Background(), "gen", opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + res.Table())
	if res.Groups < 10 {
		t.Fatalf("only %d true networks", res.Groups)
	}
	if res.Precision < 0.88 || res.Recall < 0.93 || res.GroupRecall < 0.8 {
		t.Errorf("precision %.3f recall %.3f group recall %.3f; want >= 0.88, 0.93, 0.8", res.Precision, res.Recall, res.GroupRecall)
	}
}

func TestBenchCoordSmall(t *testing.T) {
	res, err := BenchCoord(context.Background(), CoordBenchOptions{Sizes: []int{20_000}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 3 {
		t.Fatalf("%d rows, want 3", len(res.Rows))
	}
	for _, r := range res.Rows {
		if r.Posts != 20_000 || r.WallSeconds <= 0 {
			t.Errorf("row %+v", r)
		}
		if r.Phase != "decode" && (r.DetectSeconds <= 0 || r.Pairs == 0) {
			t.Errorf("row %+v: no detection measured", r)
		}
	}
	if !strings.Contains(res.Table(), "co-link+co-share") {
		t.Error(res.Table())
	}
}

func TestEvalCoordAutoWindow(t *testing.T) {
	dir := testutil.Dataset(t, "coortweet_coordination")
	opt := DefaultCoordEvalOptions()
	opt.AutoWindow = true
	res, err := EvalCoord(context.Background(), filepath.Join(dir, "russian_coord_tweets.csv"), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + res.Table())
	est, ok := res.Estimates["co-share"]
	if !ok || est.Seconds <= 0 || res.WindowSeconds["co-share"] != est.Seconds {
		t.Fatalf("estimates %+v, windows %v", res.Estimates, res.WindowSeconds)
	}
	if res.Precision < 0.9 || res.Recall < 0.9 {
		t.Errorf("with the estimated window %.0f s: precision %.3f recall %.3f", est.Seconds, res.Precision, res.Recall)
	}
}
