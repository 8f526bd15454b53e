package demo

import (
	"context"
	"encoding/json"

	"fimi/internal/eval"
	"fimi/internal/fimi"
	"fimi/internal/store"
)

// EchoReport is what echo detection found in the demo corpus, checked against the planted
// echo families.
type EchoReport struct {
	Groups  int64             `json:"groups"`
	Top     []store.EchoGroup `json:"top"`
	Pairs   int               `json:"pairs"`
	ByRel   map[string]int    `json:"pairs_by_relation"`
	Planted int               `json:"planted_families"`
	Members int               `json:"planted_members"`
	// PairPrecision: of the stored pairs that touch a planted family member, those whose two
	// items belong to one family. Pairs among unplanted items are organic repeats the
	// generator does not label (the same celebrity news retold, say): Unplanned counts them.
	PairPrecision float64 `json:"pair_precision"`
	Unplanned     int     `json:"unplanned_pairs"`
	// MemberRecall: planted family members (originals included) that share a group with
	// another member of their family.
	MemberRecall float64 `json:"member_recall"`
	// FirstText is the first-seen text of each top group, for the report.
	FirstText map[string]string `json:"first_text"`
}

func echoReport(ctx context.Context, st store.Store, truthPath string, rep *EchoReport) error {
	family := map[string]string{}
	fams := map[string]bool{}
	if err := readTruth(truthPath, func(t truthLine) {
		if t.Type == "echo" {
			family[t.Item] = t.Family
			fams[t.Family] = true
		}
	}); err != nil {
		return err
	}
	rep.Planted, rep.Members = len(fams), len(family)
	// The truth names items by their native ids; the store by fimi ids.
	byID := map[string]string{}
	if err := st.ScanItems(ctx, store.ItemQuery{}, func(it fimi.Item) error {
		if f, ok := family[it.NativeID]; ok {
			byID[it.ID] = f
		}
		return nil
	}); err != nil {
		return err
	}
	family = byID
	var err error
	if rep.Groups, err = st.CountEchoGroups(ctx, store.EchoQuery{}); err != nil {
		return err
	}
	if rep.Top, err = st.EchoGroups(ctx, store.EchoQuery{Limit: 5}); err != nil {
		return err
	}
	rep.FirstText = map[string]string{}
	for _, g := range rep.Top {
		if it, err := st.Item(ctx, g.First); err == nil {
			body := it.Title
			if body == "" {
				body = it.Text
			}
			rep.FirstText[g.ID] = short(body, 90)
		}
	}
	groupOf := map[string]string{}
	if err := st.ScanEchoMembers(ctx, func(m store.EchoMember) error {
		groupOf[m.Item] = m.Group
		return nil
	}); err != nil {
		return err
	}
	// Pairs: every member's pairs (each pair is seen from both sides; count it once).
	rep.ByRel = map[string]int{}
	good := 0
	seen := map[[2]string]bool{}
	for item := range groupOf {
		ps, err := st.EchoPairs(ctx, item)
		if err != nil {
			return err
		}
		for _, p := range ps {
			k := [2]string{p.A, p.B}
			if seen[k] {
				continue
			}
			seen[k] = true
			rep.Pairs++
			rep.ByRel[p.Relation]++
			fa, fb := family[p.A], family[p.B]
			switch {
			case fa == "" && fb == "":
				rep.Unplanned++
			case fa == fb:
				good++
			}
		}
	}
	if n := rep.Pairs - rep.Unplanned; n > 0 {
		rep.PairPrecision = float64(good) / float64(n)
	}
	// Members: a planted member counts as found when its group holds another of its family.
	famGroups := map[[2]string]int{} // (family, group) → members
	for item, f := range family {
		if g := groupOf[item]; g != "" {
			famGroups[[2]string{f, g}]++
		}
	}
	found := 0
	for item, f := range family {
		if g := groupOf[item]; g != "" && famGroups[[2]string{f, g}] >= 2 {
			found++
		}
	}
	if len(family) > 0 {
		rep.MemberRecall = float64(found) / float64(len(family))
	}
	return nil
}

// truthLine is one line of the generator's truth file (the fields the demo reads).
type truthLine struct {
	Type, Network, Account, Family, Item string
}

func readTruth(path string, fn func(truthLine)) error {
	return eval.ReadJSONL(path, func(line []byte) error {
		var t truthLine
		if err := json.Unmarshal(line, &t); err != nil {
			return err
		}
		fn(t)
		return nil
	})
}
