package claims

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fimi/internal/fimi"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

var testClaims = []fimi.Claim{
	{ID: "nato", Text: "NATO troops are massing at the Russian border near Narva.", Title: "NATO masses 40,000 troops at the border", Published: day(2020, 3, 1)},
	{ID: "navalny", Text: "Navalny was poisoned by German special services.", Title: "German special services poisoned Navalny", Published: day(2020, 9, 10)},
	{ID: "chips", Text: "Vaccines contain microchips to track people.", Title: "Do vaccines contain chips?", Published: day(2021, 1, 5), Appeared: day(2020, 12, 1)},
	{ID: "gas", Text: "Europe catastrophically lacks gas.", Title: "Europe lacks gas", Published: day(2019, 10, 15)},
	{ID: "wall", Text: "An image shows Nancy Pelosi's mansion and the wall around it.", Title: "Is This a Wall Around Nancy Pelosi's Home?"},
}

// fakeDict is a tiny Dictionary.
type fakeDict map[string][]Pair

func (d fakeDict) Pairs(lang string) []Pair { return d[lang] }

func newTestMatcher(t testing.TB) *Matcher {
	o := DefaultOptions()
	o.Dictionary = fakeDict{"ru": {{Foreign: "газ", English: "gas"}, {Foreign: "европа", English: "europe"}, {Foreign: "не хватать", English: "lack"}, {Foreign: "недоставать", English: "lack"}}}
	return NewMatcher(testClaims, o)
}

func TestMatchEvidence(t *testing.T) {
	m := newTestMatcher(t)
	q := Query{Text: "BREAKING: NATO troops massing at the border, 40,000 soldiers near Narva! https://t.co/xyz", Published: day(2020, 3, 5)}
	res := m.Match(q)
	if len(res) == 0 || res[0].ClaimID != "nato" {
		t.Fatalf("results = %+v", res)
	}
	r := res[0]
	if r.Score <= 0 || r.Score > 1 || r.Decision != fimi.DecisionConfirmed {
		t.Errorf("score %v decision %q", r.Score, r.Decision)
	}
	byField := map[string]string{"text": testClaims[0].Text, "title": testClaims[0].Title}
	for _, w := range append(r.Evidence.Words, r.Evidence.Phrases...) {
		if got := q.Text[w.Query.Start:w.Query.End]; got != w.QueryText {
			t.Errorf("query span %v = %q, want %q", w.Query, got, w.QueryText)
		}
		if got := byField[w.Field][w.Claim.Start:w.Claim.End]; got != w.ClaimText {
			t.Errorf("claim span %v = %q, want %q", w.Claim, got, w.ClaimText)
		}
	}
	var phrase bool
	for _, p := range r.Evidence.Phrases {
		if p.ClaimText == "NATO troops are massing" && p.QueryText == "NATO troops massing" {
			phrase = true
		}
	}
	if !phrase {
		t.Errorf("phrases = %+v", r.Evidence.Phrases)
	}
	if strings.Join(r.Evidence.Numbers, ",") != "40000" || !strings.Contains(strings.Join(r.Evidence.Names, ","), "Narva") {
		t.Errorf("numbers %v names %v", r.Evidence.Numbers, r.Evidence.Names)
	}
	if !strings.Contains(r.Evidence.Explanation, "Narva") {
		t.Errorf("explanation %q", r.Evidence.Explanation)
	}
}

func TestMatchCrossLingual(t *testing.T) {
	m := newTestMatcher(t)
	res := m.Match(Query{Text: "Навального отравили немецкие спецслужбы, заявил депутат.", Evidence: EvidenceAll})
	if len(res) == 0 || res[0].ClaimID != "navalny" {
		t.Fatalf("name across scripts: %+v", res)
	}
	if ev := res[0].Evidence; len(ev.Names) == 0 || ev.Words[0].Via != "name" {
		t.Errorf("evidence %+v", ev)
	}
	res = m.Match(Query{Text: "Европе катастрофически не хватает газа этой зимой.", Lang: "ru", Evidence: EvidenceAll})
	if len(res) == 0 || res[0].ClaimID != "gas" {
		t.Fatalf("translation: %+v", res)
	}
	vias := map[string]bool{}
	for _, w := range res[0].Evidence.Words {
		vias[w.Via] = true
	}
	if !vias["translation"] {
		t.Errorf("no translated word in %+v", res[0].Evidence.Words)
	}
}

func TestDecisions(t *testing.T) {
	// Thresholds low enough that the verbatim matches below are confirmed whatever the
	// built-in model: this test is about the downgrades.
	o := DefaultOptions()
	o.Confirm, o.Suggest = 0.3, 0.05
	m := NewMatcher(testClaims, o)
	text := "NATO troops are massing at the Russian border near Narva, 40,000 of them"
	get := func(q Query, id string) Result {
		t.Helper()
		for _, r := range m.Match(q) {
			if r.ClaimID == id {
				return r
			}
		}
		t.Fatalf("%s not matched by %q", id, q.Text)
		return Result{}
	}
	if r := get(Query{Text: text, Published: day(2020, 3, 2)}, "nato"); r.Decision != fimi.DecisionConfirmed {
		t.Fatalf("fresh match: %q (%.3f) %s", r.Decision, r.Score, r.Evidence.Explanation)
	}
	// Fact-checked three years before the item: at most suggested.
	if r := get(Query{Text: text, Published: day(2023, 3, 2)}, "nato"); r.Decision != fimi.DecisionSuggested || !strings.Contains(r.Evidence.Explanation, "before the item") {
		t.Errorf("old claim: %q %s", r.Decision, r.Evidence.Explanation)
	}
	// The item is three years older than the fact-check (no first appearance known): one down.
	if r := get(Query{Text: text, Published: day(2017, 1, 1)}, "nato"); r.Decision != fimi.DecisionSuggested || !strings.Contains(r.Evidence.Explanation, "predates") {
		t.Errorf("early item: %q %s", r.Decision, r.Evidence.Explanation)
	}
	// Item well before the claim's first appearance.
	chips := "Vaccines contain microchips to track people, says a doctor in a new video about vaccines"
	if r := get(Query{Text: chips, Published: day(2020, 12, 20)}, "chips"); r.Decision != fimi.DecisionConfirmed {
		t.Errorf("after first appearance: %q %.3f %s", r.Decision, r.Score, r.Evidence.Explanation)
	}
	if r := get(Query{Text: chips, Published: day(2020, 6, 1)}, "chips"); r.Decision != fimi.DecisionSuggested {
		t.Errorf("before first appearance: %q %s", r.Decision, r.Evidence.Explanation)
	}
	// Few content words.
	if r := get(Query{Text: "NATO troops!"}, "nato"); r.Decision == fimi.DecisionConfirmed {
		t.Errorf("short item confirmed: %.3f %s", r.Score, r.Evidence.Explanation)
	}
	// Scores are probabilities.
	for _, r := range m.Match(Query{Text: "completely unrelated words about cooking pasta", K: 5}) {
		if r.Score < 0 || r.Score > 1 || r.Decision == fimi.DecisionConfirmed {
			t.Errorf("unrelated: %+v", r)
		}
	}
}

func TestAddReplaceDelete(t *testing.T) {
	m := NewMatcher(nil, DefaultOptions())
	if res := m.Match(Query{Text: "anything"}); len(res) != 0 || m.Len() != 0 {
		t.Fatalf("empty matcher: %+v", res)
	}
	m.Add(fimi.Claim{ID: "a", Text: "The moon landing was staged in a studio."})
	m.Add(fimi.Claim{ID: "a", Text: "Chemtrails are used to control the weather."})
	if m.Len() != 1 {
		t.Fatalf("Len = %d", m.Len())
	}
	if res := m.Match(Query{Text: "the moon landing was staged"}); len(res) != 0 {
		t.Errorf("replaced claim still matches: %+v", res)
	}
	if res := m.Match(Query{Text: "chemtrails control the weather"}); len(res) != 1 || res[0].ClaimID != "a" {
		t.Errorf("new text: %+v", res)
	}
	m.Delete("a")
	if res := m.Match(Query{Text: "chemtrails control the weather"}); len(res) != 0 || m.Len() != 0 {
		t.Errorf("deleted claim matches: %+v", res)
	}
}

// TestConcurrentMatchAdd runs Match while claims are added; run with -race.
func TestConcurrentMatchAdd(t *testing.T) {
	m := newTestMatcher(t)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				res := m.Match(Query{Text: "NATO troops massing at the border near Narva"})
				if len(res) == 0 || res[0].ClaimID != "nato" {
					t.Errorf("results %+v", res)
					return
				}
			}
		})
	}
	for i := range 200 {
		m.Add(fimi.Claim{ID: fmt.Sprint("extra", i), Text: fmt.Sprintf("Claim number %d about topic %d and the weather", i, i%7)})
	}
	close(stop)
	wg.Wait()
	if m.Len() != len(testClaims)+200 {
		t.Errorf("Len = %d", m.Len())
	}
}

func TestTrainRecoversWeights(t *testing.T) {
	// Two informative features, the rest noise-free zeros.
	var ex []Example
	for i := range 400 {
		x := make([]float64, numFeatures)
		x[fQueryCov] = float64(i%20) / 20
		x[fGrams] = float64(i%7) / 7
		ex = append(ex, Example{Query: i / 10, Features: x, Relevant: x[fQueryCov]+0.5*x[fGrams] > 0.7})
	}
	md, err := Train(ex, TrainOptions{L2: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	if md.Weights[fQueryCov] <= 0 || md.Weights[fGrams] <= 0 || md.Weights[fQueryCov] <= md.Weights[fGrams] {
		t.Errorf("weights %v", md.Weights)
	}
	if err := md.Validate(); err != nil {
		t.Error(err)
	}
	var b strings.Builder
	if err := WriteGo(&b, "test", md, md); err != nil || !strings.Contains(b.String(), "var builtinModel = Model{") || !strings.Contains(b.String(), "var builtinRankModel = Model{") {
		t.Errorf("WriteGo: %v", err)
	}
	if err := DefaultModel().Validate(); err != nil {
		t.Errorf("built-in model: %v", err)
	}
}
