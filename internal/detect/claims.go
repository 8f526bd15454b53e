// Package detect wires fimi's pure detectors (claims, echo, coord) to the store: it loads what
// they need, feeds them the items that land (as follow.Detectors), and stores their findings.
package detect

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
	"time"

	"fimi/internal/claims"
	"fimi/internal/fimi"
	"fimi/internal/store"
	"fimi/internal/text/lexicon"
)

// ClaimsCursor is the cursor name of claim matching.
const ClaimsCursor = "claims"

// ClaimsOptions configure claim matching of stored items.
type ClaimsOptions struct {
	Matcher claims.Options
	Keep    int  // best matches kept per item (default 3)
	All     bool // keep matches without a decision too (default: confirmed and suggested only)
}

// Claims matches items against the stored claims. It is a follow.Detector.
type Claims struct {
	st  store.Store
	m   *claims.Matcher
	opt ClaimsOptions
}

// DefaultClaimsOptions returns the matcher's calibrated options with the installed FreeDict
// dictionaries (none is fine: names, numbers and links still match across languages), their
// translation tables cached in the user's cache directory (see CachedLexiconDictionary).
func DefaultClaimsOptions() ClaimsOptions {
	o := ClaimsOptions{Matcher: claims.DefaultOptions(), Keep: 3}
	if lex, err := lexicon.Default(); err == nil {
		o.Matcher.Dictionary = CachedLexiconDictionary(lex, dictDir(), tableCacheDir())
	}
	return o
}

// NewClaims loads every stored claim into a matcher. It returns nil, nil when there are none.
func NewClaims(ctx context.Context, st store.Store, opt ClaimsOptions) (*Claims, error) {
	var cs []fimi.Claim
	if err := st.ScanClaims(ctx, func(c fimi.Claim) error {
		c.Raw = nil
		cs = append(cs, c)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("load claims: %w", err)
	}
	if len(cs) == 0 {
		return nil, nil
	}
	if opt.Keep <= 0 {
		opt.Keep = 3
	}
	return &Claims{st: st, m: claims.NewMatcher(cs, opt.Matcher), opt: opt}, nil
}

// Matcher returns the loaded matcher.
func (c *Claims) Matcher() *claims.Matcher { return c.m }

// Name implements follow.Detector.
func (c *Claims) Name() string { return ClaimsCursor }

// Match matches one item and returns the matches to keep, best first.
func (c *Claims) Match(it fimi.Item) []fimi.Match {
	body := it.Text
	if it.Title != "" {
		body = it.Title + "\n\n" + it.Text
	}
	q := claims.Query{Text: body, Lang: it.Lang, Published: it.Published}
	if c.opt.All {
		q.Evidence = claims.EvidenceAll
	}
	rs := c.m.Match(q)
	var out []fimi.Match
	now := time.Now().UTC()
	for _, r := range rs {
		if len(out) == c.opt.Keep {
			break
		}
		if r.Decision == "" && !c.opt.All {
			continue
		}
		ev, _ := json.Marshal(r.Evidence)
		out = append(out, fimi.Match{ItemID: it.ID, ClaimID: r.ClaimID, Rank: len(out) + 1, Score: r.Score,
			Decision: r.Decision, Evidence: ev, Matched: now})
	}
	return out
}

// Process implements follow.Detector: it matches the items on all CPUs and stores their
// matches (replacing earlier ones) with the cursor in one transaction.
func (c *Claims) Process(ctx context.Context, items []store.SeqItem) error {
	results := make([][]fimi.Match, len(items))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				results[i] = c.Match(items[i].Item)
			}
		})
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	ids := make([]string, len(items))
	var ms []fimi.Match
	for i, it := range items {
		ids[i] = it.Item.ID
		ms = append(ms, results[i]...)
	}
	return c.st.PutMatches(ctx, ids, ms, ClaimsCursor, items[len(items)-1].Seq)
}
