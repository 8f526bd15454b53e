package eval

// RankMetrics are the ranking measures of one system over a set of queries.
//
// MAP@k follows trec_eval, as the official CLEF 2020 Task 2 scorer (trectools) computes it:
// the average precision of a query at depth k is the sum of the precision at each relevant
// claim found in the top k, divided by the number of relevant claims of the query (not
// capped at k); MAP@k is its mean over the queries that have at least one relevant claim.
// Queries without any (one test tweet) are left out of every measure and counted apart. MRR
// is the mean reciprocal rank of the first relevant claim in the returned list (0 when none
// is returned); recall@k the mean fraction of a query's relevant claims in its top k.
type RankMetrics struct {
	Queries    int     `json:"queries"`
	MAPAt1     float64 `json:"map_at_1"`
	MAPAt3     float64 `json:"map_at_3"`
	MAPAt5     float64 `json:"map_at_5"`
	MAPAt10    float64 `json:"map_at_10"`
	MRR        float64 `json:"mrr"`
	RecallAt1  float64 `json:"recall_at_1"`
	RecallAt5  float64 `json:"recall_at_5"`
	RecallAt10 float64 `json:"recall_at_10"`
}

// rankAcc accumulates RankMetrics query by query.
type rankAcc struct {
	m       RankMetrics
	skipped int // queries without relevant claims
}

// add scores one query's ranked list against its relevant ids.
func (a *rankAcc) add(ranked []string, relevant []string) {
	if len(relevant) == 0 {
		a.skipped++
		return
	}
	isRel := func(id string) bool {
		for _, r := range relevant {
			if r == id {
				return true
			}
		}
		return false
	}
	a.m.Queries++
	ap := func(k int) float64 {
		var sum float64
		found := 0
		for i, id := range ranked {
			if i >= k {
				break
			}
			if isRel(id) {
				found++
				sum += float64(found) / float64(i+1)
			}
		}
		return sum / float64(len(relevant))
	}
	recall := func(k int) float64 {
		found := 0
		for i, id := range ranked {
			if i >= k {
				break
			}
			if isRel(id) {
				found++
			}
		}
		return float64(found) / float64(len(relevant))
	}
	a.m.MAPAt1 += ap(1)
	a.m.MAPAt3 += ap(3)
	a.m.MAPAt5 += ap(5)
	a.m.MAPAt10 += ap(10)
	for i, id := range ranked {
		if isRel(id) {
			a.m.MRR += 1 / float64(i+1)
			break
		}
	}
	a.m.RecallAt1 += recall(1)
	a.m.RecallAt5 += recall(5)
	a.m.RecallAt10 += recall(10)
}

// result returns the means.
func (a *rankAcc) result() RankMetrics {
	m := a.m
	if n := float64(m.Queries); n > 0 {
		for _, p := range []*float64{&m.MAPAt1, &m.MAPAt3, &m.MAPAt5, &m.MAPAt10, &m.MRR, &m.RecallAt1, &m.RecallAt5, &m.RecallAt10} {
			*p /= n
		}
	}
	return m
}

// Rank computes RankMetrics for ranked claim IDs against the relevant ones, query by query,
// and returns how many queries were left out for having no relevant claim.
func Rank(ranked, relevant [][]string) (RankMetrics, int) {
	var a rankAcc
	for i := range ranked {
		a.add(ranked[i], relevant[i])
	}
	return a.result(), a.skipped
}
