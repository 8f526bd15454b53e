package demo

import (
	"context"
	"encoding/json"
	"strings"

	"fimi/internal/coord"
	"fimi/internal/detect"
	"fimi/internal/eval"
	"fimi/internal/store"
)

// CoordReport is what coordination detection found in the demo corpus, checked against the
// planted networks.
type CoordReport struct {
	Run       int64           `json:"run"`
	Networks  []coord.Network `json:"networks"`
	Accounts  int             `json:"accounts_in_networks"`
	Planted   int             `json:"planted_networks"`
	PlantedAc int             `json:"planted_accounts"`
	Precision float64         `json:"precision"` // accounts in detected networks that were planted
	Recall    float64         `json:"recall"`    // planted accounts found in a detected network
}

func coordReport(ctx context.Context, st store.Store, truthPath string, rep *CoordReport) error {
	opt := detect.CoordOptions{Options: coord.DefaultOptions()}
	var err error
	if opt.TextKey, err = detect.EchoTextKey(ctx, st); err != nil {
		return err
	}
	res, run, _, err := detect.Coord(ctx, st, opt)
	if err != nil {
		return err
	}
	rep.Run, rep.Networks = run, res.Networks
	planted := map[string]bool{}
	nets := map[string]bool{}
	if err := eval.ReadJSONL(truthPath, func(line []byte) error {
		var t struct{ Type, Network, Account string }
		if err := json.Unmarshal(line, &t); err != nil {
			return err
		}
		if t.Type == "coord" {
			planted[t.Account] = true
			nets[t.Network] = true
		}
		return nil
	}); err != nil {
		return err
	}
	rep.Planted, rep.PlantedAc = len(nets), len(planted)
	found := 0
	for _, n := range res.Networks {
		for _, m := range n.Members {
			rep.Accounts++
			if _, acc, _ := strings.Cut(m, ":"); planted[acc] {
				found++
			}
		}
	}
	if rep.Accounts > 0 {
		rep.Precision = float64(found) / float64(rep.Accounts)
	}
	if len(planted) > 0 {
		rep.Recall = float64(found) / float64(len(planted))
	}
	return nil
}
