package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"fimi/internal/claims"
	"fimi/internal/detect"
	"fimi/internal/fimi"
	"fimi/internal/gen"
)

// GenPR is the precision and recall of one decision level over (item, claim) pairs.
type GenPR struct {
	Predicted int     `json:"predicted"` // pairs given the decision
	Correct   int     `json:"correct"`   // of which in the truth
	Precision float64 `json:"precision"` // Correct / Predicted (1 when nothing was predicted)
	Recall    float64 `json:"recall"`    // Correct / truth pairs
}

func (p *GenPR) finish(truth int) {
	p.Precision = 1
	if p.Predicted > 0 {
		p.Precision = float64(p.Correct) / float64(p.Predicted)
	}
	if truth > 0 {
		p.Recall = float64(p.Correct) / float64(truth)
	}
}

// GenClaimsLang are the measures of one language (the item's true language) in
// EvalGenClaims.
type GenClaimsLang struct {
	Lang      string `json:"lang"`
	Items     int    `json:"items"`
	Pairs     int    `json:"pairs"`     // truth pairs
	Confirmed GenPR  `json:"confirmed"` // pairs decided confirmed
	Any       GenPR  `json:"any"`       // pairs decided confirmed or suggested
}

// GenClaimsError is a wrongly decided pair, for inspection.
type GenClaimsError struct {
	Item        string  `json:"item"`
	Lang        string  `json:"lang"`
	Claim       string  `json:"claim"`
	Truth       string  `json:"truth,omitempty"` // the item's claims in the truth
	Score       float64 `json:"score"`
	Decision    string  `json:"decision"`
	Text        string  `json:"text"` // the item's text, cut to 160 bytes
	Explanation string  `json:"explanation"`
}

// GenClaimsReport is the result of EvalGenClaims.
type GenClaimsReport struct {
	Items      int `json:"items"`
	Claims     int `json:"claims"`
	ClaimItems int `json:"claim_items"` // items repeating at least one claim (truth)
	Pairs      int `json:"pairs"`       // (item, claim) pairs in the truth
	// SharesSkipped counts the shares of items repeating a claim, left out (see EvalGenClaims).
	SharesSkipped int             `json:"shares_skipped"`
	All           GenClaimsLang   `json:"all"`
	PerLang       []GenClaimsLang `json:"per_lang"` // most items first
	// FalseConfirmed lists up to 30 confirmed pairs not in the truth, highest score first.
	FalseConfirmed []GenClaimsError `json:"false_confirmed,omitempty"`
	Seconds        float64          `json:"seconds"` // matching the items (claims loaded)
}

// GenClaimItem is an item of a `fimi gen` corpus, as claim matching reads it.
type GenClaimItem struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	Lang      string    `json:"lang"` // declared (articles of some outlets only)
	Published time.Time `json:"published"`
	Shares    string    `json:"shares"`
}

// Query returns the item as stored items are matched (detect.Claims): the title and the text,
// the declared language, the date.
func (it *GenClaimItem) Query() claims.Query {
	body := it.Text
	if it.Title != "" {
		body = it.Title + "\n\n" + it.Text
	}
	return claims.Query{Text: body, Lang: it.Lang, Published: it.Published}
}

// GenClaimsSet is a generated corpus for claim matching (LoadGenClaims).
type GenClaimsSet struct {
	Claims []fimi.Claim
	Items  []GenClaimItem
	Want   map[string][]string // item -> the claims it repeats (truth)
	Lang   map[string]string   // item -> its true language (truth)
	// Skip marks the shares of items that repeat a claim: gen marks only the source, while
	// the share may or may not quote it ("RT @x: text" or "Worth a read."), so they are
	// neither positives nor negatives.
	Skip []bool
}

// genTruthLine is a truth line of type claim or lang.
type genTruthLine struct {
	Type  string `json:"type"`
	Item  string `json:"item"`
	Claim string `json:"claim"`
	Lang  string `json:"lang"`
}

// LoadGenClaims generates a `fimi gen` corpus of the given size and seed (gen.DefaultOptions
// otherwise: 40 claims) in memory (about 450 bytes an item) and returns its claims, items and
// truth.
func LoadGenClaims(ctx context.Context, items int, seed int64) (*GenClaimsSet, error) {
	gopt := gen.DefaultOptions()
	gopt.Items, gopt.Seed = items, seed
	var corpus, truth, claimsOut bytes.Buffer
	if _, err := gen.Write(ctx, gopt, &corpus, &truth, &claimsOut); err != nil {
		return nil, err
	}
	set := &GenClaimsSet{Want: map[string][]string{}, Lang: map[string]string{}}
	if err := eachJSONLine(claimsOut.Bytes(), func(b []byte) error {
		var c fimi.Claim
		if err := json.Unmarshal(b, &c); err != nil {
			return fmt.Errorf("gen claims: %w", err)
		}
		set.Claims = append(set.Claims, c)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachJSONLine(corpus.Bytes(), func(b []byte) error {
		var it GenClaimItem
		if err := json.Unmarshal(b, &it); err != nil {
			return fmt.Errorf("gen corpus: %w", err)
		}
		set.Items = append(set.Items, it)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachJSONLine(truth.Bytes(), func(b []byte) error {
		var t genTruthLine
		if json.Unmarshal(b, &t) != nil {
			return nil // a type of another shape
		}
		switch t.Type {
		case "claim":
			if !slices.Contains(set.Want[t.Item], t.Claim) {
				set.Want[t.Item] = append(set.Want[t.Item], t.Claim)
			}
		case "lang":
			set.Lang[t.Item] = t.Lang
		}
		return nil
	}); err != nil {
		return nil, err
	}
	set.Skip = make([]bool, len(set.Items))
	for i, it := range set.Items {
		set.Skip[i] = it.Shares != "" && len(set.Want[it.Shares]) > 0 && len(set.Want[it.ID]) == 0
	}
	return set, nil
}

// EvalGenClaims generates a `fimi gen` corpus of the given size and seed (LoadGenClaims),
// loads its claims into a matcher built with opt (as EvalCLEF), matches every item the way
// stored items are matched as they land (detect.Claims: title and text, the item's declared
// language, its date, the best three matches with a decision kept) and scores the decisions
// against the truth's claim lines: precision and recall over (item, claim) pairs of the
// confirmed matches and of the confirmed or suggested ones, overall and per true item
// language (shares of items that repeat a claim are left out, see GenClaimsSet.Skip). Most
// items repeat no claim, so this measures what the CLEF and EUvsDisinfo evaluations cannot:
// how often a stream of ordinary posts, debunks and true reporting is wrongly tied to a
// claim.
func EvalGenClaims(ctx context.Context, items int, seed int64, opt ...claims.Options) (GenClaimsReport, error) {
	var rep GenClaimsReport
	set, err := LoadGenClaims(ctx, items, seed)
	if err != nil {
		return rep, err
	}
	o, err := matcherOptions(opt)
	if err != nil {
		return rep, err
	}
	m := claims.NewMatcher(set.Claims, o)
	its, want := set.Items, set.Want
	rep.Items, rep.Claims, rep.ClaimItems = len(its), len(set.Claims), len(want)
	for _, w := range want {
		rep.Pairs += len(w)
	}
	for _, sk := range set.Skip {
		if sk {
			rep.SharesSkipped++
		}
	}

	// Match on all CPUs, as detect.Claims does.
	keep := detect.DefaultClaimsOptions().Keep
	results := make([][]claims.Result, len(its))
	start := time.Now()
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(its); i += workers {
				if ctx.Err() != nil {
					return
				}
				var kept []claims.Result
				for _, r := range m.Match(its[i].Query()) {
					if len(kept) == keep {
						break
					}
					if r.Decision != "" {
						kept = append(kept, r)
					}
				}
				results[i] = kept
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	rep.Seconds = time.Since(start).Seconds()

	per := map[string]*GenClaimsLang{}
	all := &GenClaimsLang{Lang: "all"}
	for i := range its {
		if set.Skip[i] {
			continue
		}
		it := &its[i]
		l := set.Lang[it.ID]
		if l == "" {
			l = "?"
		}
		pl := per[l]
		if pl == nil {
			pl = &GenClaimsLang{Lang: l}
			per[l] = pl
		}
		w := want[it.ID]
		for _, x := range []*GenClaimsLang{pl, all} {
			x.Items++
			x.Pairs += len(w)
		}
		for _, r := range results[i] {
			ok := slices.Contains(w, r.ClaimID)
			for _, x := range []*GenClaimsLang{pl, all} {
				x.Any.Predicted++
				if ok {
					x.Any.Correct++
				}
				if r.Decision == fimi.DecisionConfirmed {
					x.Confirmed.Predicted++
					if ok {
						x.Confirmed.Correct++
					}
				}
			}
			if !ok && r.Decision == fimi.DecisionConfirmed {
				text := strings.Join(strings.Fields(it.Title+" "+it.Text), " ")
				if len(text) > 160 {
					cut := 160
					for cut > 0 && text[cut]&0xC0 == 0x80 {
						cut--
					}
					text = text[:cut]
				}
				rep.FalseConfirmed = append(rep.FalseConfirmed, GenClaimsError{Item: it.ID, Lang: l, Claim: r.ClaimID,
					Truth: strings.Join(w, ","), Score: r.Score, Decision: r.Decision, Text: text, Explanation: r.Evidence.Explanation})
			}
		}
	}
	sort.SliceStable(rep.FalseConfirmed, func(i, j int) bool { return rep.FalseConfirmed[i].Score > rep.FalseConfirmed[j].Score })
	if len(rep.FalseConfirmed) > 30 {
		rep.FalseConfirmed = rep.FalseConfirmed[:30]
	}
	for _, x := range per {
		x.Confirmed.finish(x.Pairs)
		x.Any.finish(x.Pairs)
		rep.PerLang = append(rep.PerLang, *x)
	}
	all.Confirmed.finish(all.Pairs)
	all.Any.finish(all.Pairs)
	rep.All = *all
	sort.Slice(rep.PerLang, func(i, j int) bool {
		if rep.PerLang[i].Items != rep.PerLang[j].Items {
			return rep.PerLang[i].Items > rep.PerLang[j].Items
		}
		return rep.PerLang[i].Lang < rep.PerLang[j].Lang
	})
	return rep, nil
}

// Table renders the report as text.
func (r GenClaimsReport) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-5s %6s %5s  %6s %6s %6s  %6s %6s %6s\n", "lang", "items", "pairs", "conf", "P", "R", "any", "P", "R")
	for _, l := range append(slices.Clone(r.PerLang), r.All) {
		fmt.Fprintf(&b, "%-5s %6d %5d  %6d %6.3f %6.3f  %6d %6.3f %6.3f\n", l.Lang, l.Items, l.Pairs,
			l.Confirmed.Predicted, l.Confirmed.Precision, l.Confirmed.Recall, l.Any.Predicted, l.Any.Precision, l.Any.Recall)
	}
	return b.String()
}

// eachJSONLine calls fn with each non-blank line of b.
func eachJSONLine(b []byte, fn func([]byte) error) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return err
		}
	}
	return sc.Err()
}
