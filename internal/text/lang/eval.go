package lang

import (
	"fmt"
	"slices"
	"strings"
)

// Sample is one labelled text for Evaluate.
type Sample struct {
	Lang string // expected ISO 639-1 code
	Text string
}

// LangStats counts the samples of one expected language.
type LangStats struct {
	Total   int
	Correct int
}

// Accuracy returns Correct/Total, 0 when there are no samples.
func (s LangStats) Accuracy() float64 {
	if s.Total == 0 {
		return 0
	}
	return float64(s.Correct) / float64(s.Total)
}

// Report is the outcome of Evaluate.
type Report struct {
	Total   int
	Correct int
	// PerLang maps each expected language to its counts.
	PerLang map[string]LangStats
	// Confusion maps expected language → detected language ("" for undetermined) → count,
	// errors only.
	Confusion map[string]map[string]int
}

// Accuracy returns the share of all samples detected correctly.
func (r Report) Accuracy() float64 {
	return LangStats{r.Total, r.Correct}.Accuracy()
}

// Evaluate runs d over samples and counts hits per expected language.
func Evaluate(d *Detector, samples []Sample) Report {
	r := Report{PerLang: map[string]LangStats{}, Confusion: map[string]map[string]int{}}
	for _, s := range samples {
		got, _ := d.Detect(s.Text)
		r.add(s.Lang, got)
	}
	return r
}

// add counts one sample of language want detected as got.
func (r *Report) add(want, got string) {
	st := r.PerLang[want]
	st.Total++
	r.Total++
	if got == want {
		st.Correct++
		r.Correct++
	} else {
		if r.Confusion[want] == nil {
			r.Confusion[want] = map[string]int{}
		}
		r.Confusion[want][got]++
	}
	r.PerLang[want] = st
}

// Table renders r as a fixed-width text table, one row per expected language sorted by code,
// with its most frequent confusions, and a total row.
func (r Report) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-5s %6s %7s %8s  %s\n", "lang", "total", "correct", "accuracy", "confused with")
	langs := make([]string, 0, len(r.PerLang))
	for l := range r.PerLang {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		st := r.PerLang[l]
		fmt.Fprintf(&b, "%-5s %6d %7d %8.3f  %s\n", l, st.Total, st.Correct, st.Accuracy(), confusions(r.Confusion[l]))
	}
	fmt.Fprintf(&b, "%-5s %6d %7d %8.3f\n", "all", r.Total, r.Correct, r.Accuracy())
	return b.String()
}

// confusions formats a confusion row as "uk:3 bg:1", most frequent first, "" shown as "?".
func confusions(m map[string]int) string {
	type kv struct {
		lang string
		n    int
	}
	var list []kv
	for l, n := range m {
		list = append(list, kv{l, n})
	}
	slices.SortFunc(list, func(a, b kv) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.lang, b.lang)
	})
	parts := make([]string, len(list))
	for i, e := range list {
		l := e.lang
		if l == "" {
			l = "?"
		}
		parts[i] = fmt.Sprintf("%s:%d", l, e.n)
	}
	return strings.Join(parts, " ")
}
