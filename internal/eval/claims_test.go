package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"fimi/internal/claims"
	"fimi/internal/fimi"
	"fimi/internal/testutil"
)

func TestRankMetrics(t *testing.T) {
	// q1: relevant at 2 → AP@1 0, AP@3 1/2; q2: two relevant at 1 and 3 → AP@3 (1 + 2/3)/2;
	// q3: none relevant, skipped.
	m, skipped := Rank([][]string{{"a", "b", "c"}, {"x", "y", "z"}, {"q"}}, [][]string{{"b"}, {"x", "z"}, nil})
	if skipped != 1 || m.Queries != 2 {
		t.Fatalf("skipped %d queries %d", skipped, m.Queries)
	}
	want := map[string][2]float64{
		"map@1":  {m.MAPAt1, (0 + 0.5) / 2},
		"map@3":  {m.MAPAt3, (0.5 + (1+2.0/3)/2) / 2},
		"mrr":    {m.MRR, (0.5 + 1) / 2},
		"r@1":    {m.RecallAt1, (0 + 0.5) / 2},
		"r@5":    {m.RecallAt5, 1},
		"map@10": {m.MAPAt10, m.MAPAt3},
	}
	for k, v := range want {
		if math.Abs(v[0]-v[1]) > 1e-9 {
			t.Errorf("%s = %v, want %v", k, v[0], v[1])
		}
	}
}

func TestMatchBatch(t *testing.T) {
	m := claims.NewMatcher([]fimi.Claim{
		{ID: "c1", Text: "NATO troops are massing at the Russian border."},
		{ID: "c2", Text: "Vaccines contain microchips."},
	}, claims.DefaultOptions())
	in := "q1\tNATO troops massing at the border\n\nq2\tmicrochips in vaccines\r\nq3\tcooking pasta\n"
	var out bytes.Buffer
	n, err := MatchBatch(context.Background(), m, strings.NewReader(in), &out, 1)
	if err != nil || n != 3 {
		t.Fatalf("n %d err %v", n, err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var got []BatchResult
	for _, l := range lines {
		var r BatchResult
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if len(got) != 3 || got[0].Query != "q1" || len(got[0].Matches) != 1 || got[0].Matches[0].Claim != "c1" ||
		got[1].Matches[0].Claim != "c2" || got[2].Matches == nil {
		t.Errorf("output %s", out.String())
	}
	if _, err := MatchBatch(context.Background(), m, strings.NewReader("no tab here\n"), &out, 1); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad line: %v", err)
	}
}

// clefDevMAP5 is the MAP@5 the matcher reached on CLEF 2020 dev when the built-in model was
// trained (internal/claims/model_weights.go); the regression guard allows a small margin.
const (
	clefDevMAP5   = 0.800
	clefDevMargin = 0.015
)

// TestCLEFDev guards the matcher's quality on CLEF 2020 CheckThat! Task 2 dev (197 tweets,
// 10,375 claims): MAP@5 at least the level reached minus a margin, and above plain BM25.
func TestCLEFDev(t *testing.T) {
	dir := testutil.Dataset(t, "clef2020_checkthat_task2")
	if testing.Short() {
		t.Skip("CLEF dev evaluation takes about 20 s")
	}
	r, err := EvalCLEF(context.Background(), dir, "dev")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dev: MAP@1 %.4f MAP@5 %.4f MRR %.4f R@10 %.4f; baseline MAP@5 %.4f MRR %.4f", r.MAPAt1, r.MAPAt5, r.MRR, r.RecallAt10, r.BaselineMAPAt5, r.BaselineMRR)
	if r.Tweets != 197 || r.Claims != 10375 {
		t.Errorf("tweets %d claims %d", r.Tweets, r.Claims)
	}
	if r.MAPAt5 < clefDevMAP5-clefDevMargin {
		t.Errorf("MAP@5 %.4f below %.4f - %.3f", r.MAPAt5, clefDevMAP5, clefDevMargin)
	}
	if r.MAPAt5 <= r.BaselineMAPAt5 || r.MRR <= r.BaselineMRR {
		t.Errorf("fimi MAP@5 %.4f MRR %.4f not above baseline %.4f %.4f", r.MAPAt5, r.MRR, r.BaselineMAPAt5, r.BaselineMRR)
	}
}

// TestEUvsDisinfoCrossLingual checks that fimi's recall@10 is at least the plain BM25
// baseline's in every language with 20 or more article–case pairs.
func TestEUvsDisinfoCrossLingual(t *testing.T) {
	testutil.Dataset(t, "euvsdisinfo_api_2020")
	dir := filepath.Join(testutil.Dataset(t, "euvsdisinfo_cknabs"), "..")
	if testing.Short() {
		t.Skip("EUvsDisinfo evaluation takes about 30 s")
	}
	r, err := EvalEUvsDisinfo(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", r.Table())
	checked := 0
	for _, l := range r.PerLang {
		if l.Pairs < 20 {
			continue
		}
		checked++
		if l.RecallAt10 < l.BaselineRecallAt10 || l.RecallAt10 == 0 {
			t.Errorf("%s: recall@10 %.3f below baseline %.3f", l.Lang, l.RecallAt10, l.BaselineRecallAt10)
		}
	}
	if checked < 6 {
		t.Errorf("only %d languages with 20+ pairs", checked)
	}
}

// TestEvalGenClaims guards the decisions on a stream where most items repeat no claim: a
// `fimi gen` corpus (seed 7; the model was fitted on seed 101 and selected on seed 3).
func TestEvalGenClaims(t *testing.T) {
	if testing.Short() {
		t.Skip("gen claim evaluation takes about 20 s")
	}
	r, err := EvalGenClaims(context.Background(), 5000, 7)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", r.Table())
	if r.Claims != 40 || r.Pairs == 0 || r.All.Items+r.SharesSkipped != r.Items {
		t.Errorf("claims %d pairs %d items %d+%d of %d", r.Claims, r.Pairs, r.All.Items, r.SharesSkipped, r.Items)
	}
	if c := r.All.Confirmed; c.Precision < 0.9 || c.Recall < 0.05 {
		t.Errorf("confirmed precision %.3f recall %.3f", c.Precision, c.Recall)
	}
	if a := r.All.Any; a.Precision < 0.7 || a.Recall < 0.3 {
		t.Errorf("confirmed or suggested precision %.3f recall %.3f", a.Precision, a.Recall)
	}
}
