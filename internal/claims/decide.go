package claims

import (
	"fmt"
	"math"
	"time"

	"fimi/internal/fimi"
)

// decide turns a calibrated score into a decision and downgrades it the way a fact-checker
// would hesitate, noting why in the evidence:
//
//   - score ≥ Options.Confirm is DecisionConfirmed, ≥ Options.Suggest DecisionSuggested;
//   - a confirmed match needs substance, not just a high score: at least
//     Options.ConfirmWords distinct words of the claim's text and title found in the item,
//     at least Options.ConfirmCoverage of them, half of them close together (within a
//     window of twice the claim's length), no fact-check marker in the item and no negation
//     among the matched words ("no NATO troops are fighting there"); otherwise it is
//     suggested. A suggestion needs two of the claim's words: a number or a name alone never
//     makes a match;
//   - an item with fewer than Options.MinContentWords content words is at most suggested,
//     and with fewer than half as many gets no decision: a few words match too easily;
//   - a claim fact-checked more than Options.MaxClaimAge before the item is at most
//     suggested: old claims do resurface, but the match needs a human look;
//   - an item published more than Options.EarlySlack before the claim first appeared
//     (Claim.Appeared), or, when that is unknown, more than Options.MaxClaimAge before the
//     fact-check, cannot carry that claim as checked: one level down. An item published
//     shortly before the fact-check is normal (claims spread before they are checked).
//
// Dates come from Query.Published, else from an embedded-tweet trailer; without an item
// date no date rule applies.
//
// It returns the decision and the notes to append to the evidence's explanation.
func (m *Matcher) decide(score float64, p *prepared, d *claimDoc, x []float64, published time.Time) (string, string) {
	o := &m.opt
	level := 0
	var notes string
	switch {
	case score >= o.Confirm:
		level = 2
	case score >= o.Suggest:
		level = 1
	}
	note := func(format string, args ...any) {
		notes += "; " + fmt.Sprintf(format, args...)
	}
	hits := int(math.Round(math.Expm1(x[fWordHits])))
	if level == 2 {
		switch {
		case hits < o.ConfirmWords || x[fWordShare] < o.ConfirmCoverage:
			level = 1
			note("not confirmed: %d of the claim's %d words found", hits, d.distinct)
		case x[fWindow] < 0.5:
			level = 1
			note("not confirmed: the claim's words are scattered over the item")
		case x[fDebunk] > 0:
			level = 1
			note("not confirmed: the item reads as a fact-check")
		case x[fNegation] > 0:
			level = 1
			note("not confirmed: the item negates near the claim's words")
		}
	}
	if level == 1 && hits < 2 {
		level = 0
		note("no decision: only %d of the claim's words found", hits)
	}
	if level > 0 && p.words < o.MinContentWords {
		if 2*p.words < o.MinContentWords {
			level = 0
		} else {
			level = min(level, 1)
		}
		note("downgraded: the item has only %d content words", p.words)
	}
	if level > 0 && !published.IsZero() {
		if !d.published.IsZero() && published.Sub(d.published) > o.MaxClaimAge && level == 2 {
			level = 1
			note("downgraded: the claim was fact-checked %s before the item", years(published.Sub(d.published)))
		}
		switch {
		case !d.appeared.IsZero() && d.appeared.Sub(published) > o.EarlySlack:
			level--
			note("downgraded: the item predates the claim's first appearance by %s", years(d.appeared.Sub(published)))
		case d.appeared.IsZero() && !d.published.IsZero() && d.published.Sub(published) > o.MaxClaimAge:
			level--
			note("downgraded: the item predates the fact-check by %s", years(d.published.Sub(published)))
		}
	}
	switch level {
	case 2:
		return fimi.DecisionConfirmed, notes
	case 1:
		return fimi.DecisionSuggested, notes
	}
	return "", notes
}

// years renders a duration in days, months or years.
func years(d time.Duration) string {
	days := d.Hours() / 24
	switch {
	case days < 60:
		return fmt.Sprintf("%.0f days", days)
	case days < 730:
		return fmt.Sprintf("%.0f months", days/30.4)
	}
	return fmt.Sprintf("%.1f years", days/365.25)
}
