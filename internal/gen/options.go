package gen

import (
	"errors"
	"fmt"
	"time"
)

// Options control the size and the mix of a corpus. The zero value of a count means "derived
// from Items" as documented per field; DefaultOptions gives the rest.
type Options struct {
	Items int       // number of items (posts + articles) in the corpus; at least 1
	Seed  int64     // the same Options (seed included) always give the same bytes
	Start time.Time // first timestamp; zero means 2024-05-01T00:00:00Z
	Days  int       // time span in days; zero means 42 (six weeks)

	ArticleShare   float64 // share of items that are web articles (0.15)
	NarrativeShare float64 // share of ordinary posts and articles about the Kharkiv debate (0.10)
	EchoShare      float64 // share of items that belong to planted echo families (0.05)
	Accounts       int     // ordinary accounts; 0 means Items/20, within [100, 1,000,000]
	Outlets        int     // web outlets; 0 means Items/2000, within [60, 600]; at least 48
	Claims         int     // claims in the claim set (40); at most the library's 42; 0 means none
	// Networks is the number of coordinated networks; 0 means 100 per million items, at least 3
	// once Items reaches 5,000, and never so many that their bursts exceed a tenth of Items.
	// Negative means none.
	Networks int
	// Virals is the number of organic viral moments (many unrelated accounts posting the same
	// breaking-news link within minutes, once): the near-simultaneous coincidences a coordination
	// detector must not flag. 0 means 150 per million items, at least 2; negative means none.
	Virals int
	// HyperShare is the share of ordinary posts written by the very active accounts (the first
	// 0.5% of ordinary accounts), which belong to no network (0.08).
	HyperShare float64
}

// DefaultOptions returns the options of `fimi gen` without flags: 10,000 items, seed 1, six
// weeks from 2024-05-01 UTC.
func DefaultOptions() Options {
	return Options{
		Items:          10_000,
		Seed:           1,
		Start:          time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
		Days:           42,
		ArticleShare:   0.15,
		NarrativeShare: 0.10,
		EchoShare:      0.05,
		Claims:         40,
		HyperShare:     0.08,
	}
}

// Summary counts what Write produced.
type Summary struct {
	Items         int // corpus lines
	Articles      int // items on platform web
	Posts         int // items on twitter, telegram and facebook
	Accounts      int // distinct accounts with at least one post
	Outlets       int // distinct outlets with at least one article
	EchoGroups    int // echo families (truth lines of type echo, grouped by family)
	EchoItems     int // items in echo families, originals included
	CoordNetworks int // coordinated networks
	CoordAccounts int // accounts in coordinated networks
	Bursts        int // coordinated bursts (truth lines of type burst)
	Virals        int // organic viral moments (truth lines of type viral)
	ClaimItems    int // items that repeat at least one claim
	Claims        int // lines in the claim set
}

// ErrOptions is returned (wrapped) by Write for options it cannot satisfy.
var ErrOptions = errors.New("gen: invalid options")

// resolved are the options with every derived value filled in.
type resolved struct {
	Options
	accounts  int
	outlets   int
	networks  int
	virals    int
	maxClaims int
}

func (o Options) resolve(libClaims int) (resolved, error) {
	r := resolved{Options: o}
	if o.Start.IsZero() {
		r.Start = DefaultOptions().Start
	}
	r.Start = r.Start.UTC().Truncate(time.Second)
	if o.Days == 0 {
		r.Days = 42
	}
	bad := func(format string, a ...any) (resolved, error) {
		return resolved{}, fmt.Errorf("%w: "+format, append([]any{ErrOptions}, a...)...)
	}
	switch {
	case o.Items < 1:
		return bad("items %d < 1", o.Items)
	case r.Days < 1 || r.Days > 3660:
		return bad("days %d outside [1, 3660]", r.Days)
	case !share(o.ArticleShare) || !share(o.NarrativeShare) || !share(o.EchoShare) || !share(o.HyperShare):
		return bad("shares must lie in [0, 1]")
	case o.EchoShare > 0.3:
		return bad("echo share %.2f > 0.3", o.EchoShare)
	case o.Accounts < 0 || o.Outlets < 0 || o.Claims < 0:
		return bad("negative count")
	case r.Start.Year() < 1970 || r.Start.Year() > 9000:
		return bad("start %s outside 1970-9000", r.Start.Format(time.RFC3339))
	}
	r.accounts = o.Accounts
	if r.accounts == 0 {
		r.accounts = min(max(o.Items/20, 100), 1_000_000)
	}
	r.outlets = o.Outlets
	if r.outlets == 0 {
		r.outlets = min(max(o.Items/2000, 60), 600)
	}
	r.outlets = max(r.outlets, minOutlets)
	r.maxClaims = min(o.Claims, libClaims)
	if o.Claims == 0 {
		r.maxClaims = 0
	}
	capNet := o.Items / 1200
	switch {
	case o.Networks < 0:
		r.networks = 0
	case o.Networks > 0:
		r.networks = min(o.Networks, capNet)
	case o.Items >= 5000:
		r.networks = min(max(o.Items/10_000, 3), capNet)
	}
	switch {
	case o.Virals < 0:
		r.virals = 0
	case o.Virals > 0:
		r.virals = min(o.Virals, o.Items/400)
	case o.Items >= 2000:
		r.virals = min(max(o.Items*15/100_000, 2), o.Items/400)
	}
	return r, nil
}

func share(x float64) bool { return x >= 0 && x <= 1 }
