package demo

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"sort"

	"fimi/internal/claims/importer"
	"fimi/internal/eval"
	"fimi/internal/fimi"
	"fimi/internal/store"
)

// ClaimsReport is what claim matching found in the demo corpus, checked against the truth.
type ClaimsReport struct {
	Imported  int   `json:"claims"`
	Confirmed int64 `json:"confirmed"`
	Suggested int64 `json:"suggested"`
	Items     int64 `json:"items_with_matches"`
	Truth     int   `json:"planted_repeats"`
	// Of the confirmed matches, how many are planted repeats, and how many planted repeats
	// were confirmed (pairs of item and claim).
	ConfirmedPrecision float64 `json:"confirmed_precision"`
	ConfirmedRecall    float64 `json:"confirmed_recall"`
	// The same for confirmed and suggested together.
	AnyPrecision float64     `json:"precision"`
	AnyRecall    float64     `json:"recall"`
	Top          []ClaimHits `json:"top_claims"`
}

// ClaimHits is a claim and how many items repeat it.
type ClaimHits struct {
	ID, Text string
	Items    int
}

func importClaims(ctx context.Context, st store.Store, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	dec, _, err := importer.Open("jsonl", path, f, importer.Options{})
	if err != nil {
		return 0, err
	}
	var cs []fimi.Claim
	for {
		r, err := dec.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, err
		}
		if r.Err != nil {
			return 0, r.Err
		}
		cs = append(cs, r.Claim)
	}
	_, err = st.PutClaims(ctx, cs)
	return len(cs), err
}

func claimReport(ctx context.Context, st store.Store, truthPath string, rep *ClaimsReport) error {
	truth := map[[2]string]bool{}
	if err := eval.ReadJSONL(truthPath, func(line []byte) error {
		var t struct{ Type, Item, Claim string }
		if err := json.Unmarshal(line, &t); err != nil {
			return err
		}
		if t.Type == "claim" {
			truth[[2]string{t.Item, t.Claim}] = true
		}
		return nil
	}); err != nil {
		return err
	}
	rep.Truth = len(truth)
	ms, err := st.Matches(ctx, store.MatchQuery{Limit: 1 << 30})
	if err != nil {
		return err
	}
	var conf, confOK, any, anyOK int
	perClaim := map[string]int{}
	for _, m := range ms {
		ok := truth[[2]string{m.Item.NativeID, m.ClaimID}]
		switch m.Decision {
		case fimi.DecisionConfirmed:
			conf++
			any++
			if ok {
				confOK++
				anyOK++
			}
		case fimi.DecisionSuggested:
			any++
			if ok {
				anyOK++
			}
		}
		if m.Decision != "" && m.Rank == 1 {
			perClaim[m.ClaimID]++
		}
	}
	rep.Confirmed, rep.Suggested = int64(conf), int64(any-conf)
	_, rep.Items, _ = st.CountMatches(ctx, store.MatchQuery{})
	div := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	rep.ConfirmedPrecision, rep.ConfirmedRecall = div(confOK, conf), div(confOK, len(truth))
	rep.AnyPrecision, rep.AnyRecall = div(anyOK, any), div(anyOK, len(truth))
	for id, n := range perClaim {
		rep.Top = append(rep.Top, ClaimHits{ID: id, Items: n})
	}
	sort.Slice(rep.Top, func(i, j int) bool {
		if rep.Top[i].Items != rep.Top[j].Items {
			return rep.Top[i].Items > rep.Top[j].Items
		}
		return rep.Top[i].ID < rep.Top[j].ID
	})
	if len(rep.Top) > 5 {
		rep.Top = rep.Top[:5]
	}
	for i := range rep.Top {
		if c, err := st.Claim(ctx, rep.Top[i].ID); err == nil {
			rep.Top[i].Text = c.Text
		}
	}
	return nil
}
