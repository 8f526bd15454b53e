package coord

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// WeightRule chooses the number an edge's Weight holds (MinWeight and community detection use
// it). Every edge carries all the counts; the rule only picks one.
type WeightRule uint8

// Weight rules.
const (
	// WeightKeys is the number of distinct keys (links, shared items, texts) on which the two
	// accounts matched: repetition across different objects, as in CooRnet's coordinated link
	// sharing, rather than many posts about one object. It is the default (the zero value).
	WeightKeys WeightRule = iota
	// WeightPosts is the QUT coordination-network-toolkit weight: the number of distinct posts
	// of one account that have a matching post of the other within the window, taking the larger
	// of the two directions (the toolkit stores both directions and keeps an account once either
	// direction reaches the minimum weight).
	WeightPosts
	// WeightMinPosts is the smaller of the two directions: both accounts repeated the action at
	// least Weight times. It is robust to one hyperactive account repeating a share.
	WeightMinPosts
	// WeightPairs is CooRTweet's weight: the number of matching post pairs.
	WeightPairs
)

var weightNames = [...]string{"keys", "posts", "min-posts", "pairs"}

func (w WeightRule) String() string {
	if int(w) < len(weightNames) {
		return weightNames[w]
	}
	return fmt.Sprintf("weight(%d)", uint8(w))
}

// ParseWeightRule parses "posts", "min-posts" or "pairs".
func ParseWeightRule(s string) (WeightRule, error) {
	for i, n := range weightNames {
		if n == s {
			return WeightRule(i), nil
		}
	}
	return 0, fmt.Errorf("unknown weight rule %q (want keys, posts, min-posts or pairs)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (w WeightRule) MarshalText() ([]byte, error) { return []byte(w.String()), nil }

// ActorType says whose network is built: accounts or outlets.
type ActorType uint8

// Actors.
const (
	ByAccount ActorType = iota // Post.Account
	ByOutlet                   // Post.Outlet; posts without an outlet are skipped
)

func (a ActorType) String() string {
	if a == ByOutlet {
		return "outlet"
	}
	return "account"
}

// MarshalText implements encoding.TextMarshaler.
func (a ActorType) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// Options configure detection. Start from DefaultOptions; zero numeric fields take the
// defaults documented per field.
type Options struct {
	Kinds []Kind    // kinds to detect; nil means co-link, co-share and co-text
	By    ActorType // actors of the network: accounts (default) or outlets

	// Window is the largest time gap between two posts that still counts as coordinated; the
	// boundary is included (|Δt| <= Window), as in the QUT toolkit and CooRTweet. Zero means
	// 60 s. EstimateWindow derives one from the data (`--window auto`).
	Window time.Duration
	// KindWindow overrides Window per kind (for example a one-hour window for co-text).
	KindWindow map[Kind]time.Duration

	// MinWeight is the smallest edge Weight kept in the network (2: coordination is repeated
	// action; 1 keeps every coincidence).
	MinWeight int
	// Weight picks what Edge.Weight counts; WeightKeys by default.
	Weight WeightRule
	// SelfLoops keeps self-loops: an account repeating its own action within the window (the
	// same account retweeting an item twice). They count for the QUT node counts but never
	// link two accounts.
	SelfLoops bool
	// Since drops posts before it.
	Since time.Time
	// Reposts lets reposts (posts with Shares) take part in co-link, co-text and co-hashtag.
	Reposts bool

	// MaxKeyPosts caps the posts per key held inside a window (hot keys: a viral link shared
	// thousands of times in one window). A new post is paired with at most the MaxKeyPosts most
	// recent posts of its key, so pairing costs at most MaxKeyPosts per post and key. Zero means
	// 100; negative means no cap (exact, quadratic in the posts of a key per window).
	MaxKeyPosts int
	// Evidence is the number of post pairs kept per edge, the closest in time first (3).
	Evidence int
	// Forget drops weak edges (Weight below MinWeight) whose last co-occurrence is older than
	// Forget before the newest post, bounding memory on unbounded incremental streams at the
	// cost of missing repetitions further apart than Forget. Zero keeps every edge.
	Forget time.Duration

	// HashtagMinTags is the number of uncommon hashtags a post needs for co-hashtag (2).
	HashtagMinTags int
	// HashtagMaxShare and HashtagMinCommon define common hashtags: a hashtag is common once
	// more than max(HashtagMinCommon, HashtagMaxShare × posts with hashtags so far) posts carried
	// it (0.001 and 50).
	HashtagMaxShare  float64
	HashtagMinCommon int

	// Resolution is the modularity resolution of community detection (1).
	Resolution float64
	// Seed fixes community detection: the same input and options give the same networks.
	Seed uint64
	// Louvain turns the Leiden refinement off (plain Louvain).
	Louvain bool
	// MinMembers is the smallest community reported as a network (3).
	MinMembers int
	// Core restricts networks to the k-core of the kept graph: actors with at least Core
	// partners among actors that also have Core partners (2: a network of three is a triangle,
	// chance chains A–B–C are dropped). Actors outside it keep their edges but join no network.
	// Zero means 2; 1 turns it off.
	Core int
	// EventShare is the share of a network's members that must match each other on one key for
	// it to count as a group event (Network.Events); 0.5.
	EventShare float64
	// TopKeys is the number of top shared keys (links, items, texts) per network (5).
	TopKeys int
}

// DefaultOptions returns the defaults: co-link, co-share and co-text among accounts, a 60 s
// window, edges weighted by distinct keys with minimum weight 2, no self-loops, Leiden
// communities of at least 3 members in the 2-core.
func DefaultOptions() Options {
	return Options{
		Kinds:            []Kind{CoLink, CoShare, CoText},
		Window:           60 * time.Second,
		MinWeight:        2,
		Weight:           WeightKeys,
		MaxKeyPosts:      100,
		Evidence:         3,
		HashtagMinTags:   2,
		HashtagMaxShare:  0.001,
		HashtagMinCommon: 50,
		Resolution:       1,
		MinMembers:       3,
		Core:             2,
		EventShare:       0.5,
		TopKeys:          5,
	}
}

// ErrOptions is returned (wrapped) for invalid options.
var ErrOptions = errors.New("coord: invalid options")

// resolve fills in defaults and validates.
func (o Options) resolve() (Options, error) {
	d := DefaultOptions()
	if o.Kinds == nil {
		o.Kinds = d.Kinds
	}
	o.Kinds = slices.Clone(o.Kinds)
	slices.Sort(o.Kinds)
	o.Kinds = slices.Compact(o.Kinds)
	if o.Window == 0 {
		o.Window = d.Window
	}
	if o.MinWeight == 0 {
		o.MinWeight = d.MinWeight
	}
	if o.MaxKeyPosts == 0 {
		o.MaxKeyPosts = d.MaxKeyPosts
	}
	if o.Evidence == 0 {
		o.Evidence = d.Evidence
	}
	if o.HashtagMinTags == 0 {
		o.HashtagMinTags = d.HashtagMinTags
	}
	if o.HashtagMaxShare == 0 {
		o.HashtagMaxShare = d.HashtagMaxShare
	}
	if o.HashtagMinCommon == 0 {
		o.HashtagMinCommon = d.HashtagMinCommon
	}
	if o.Resolution == 0 {
		o.Resolution = d.Resolution
	}
	if o.MinMembers == 0 {
		o.MinMembers = d.MinMembers
	}
	if o.Core == 0 {
		o.Core = d.Core
	}
	if o.EventShare == 0 {
		o.EventShare = d.EventShare
	}
	if o.TopKeys == 0 {
		o.TopKeys = d.TopKeys
	}
	bad := func(format string, a ...any) (Options, error) {
		return o, fmt.Errorf("%w: "+format, append([]any{ErrOptions}, a...)...)
	}
	switch {
	case len(o.Kinds) == 0:
		return bad("no kinds")
	case o.Kinds[len(o.Kinds)-1] >= numKinds:
		return bad("unknown kind %d", o.Kinds[len(o.Kinds)-1])
	case o.Window < 0:
		return bad("negative window %s", o.Window)
	case o.MinWeight < 1:
		return bad("min weight %d < 1", o.MinWeight)
	case o.Weight > WeightPairs:
		return bad("unknown weight rule %d", o.Weight)
	case o.By > ByOutlet:
		return bad("unknown actor %d", o.By)
	case o.Evidence < 0 || o.Evidence > 100:
		return bad("evidence %d outside [0, 100]", o.Evidence)
	case o.Forget < 0:
		return bad("negative forget %s", o.Forget)
	case o.HashtagMaxShare < 0 || o.HashtagMaxShare > 1:
		return bad("hashtag max share %v outside [0, 1]", o.HashtagMaxShare)
	case o.Resolution < 0:
		return bad("negative resolution")
	case o.EventShare < 0 || o.EventShare > 1:
		return bad("event share %v outside [0, 1]", o.EventShare)
	case o.Core < 0:
		return bad("negative core %d", o.Core)
	case o.MinMembers < 1:
		return bad("min members %d < 1", o.MinMembers)
	}
	for k, w := range o.KindWindow {
		if k >= numKinds || w < 0 {
			return bad("window %s for kind %s", w, k)
		}
	}
	return o, nil
}

// WindowOf returns the window used for kind k.
func (o Options) WindowOf(k Kind) time.Duration {
	if w, ok := o.KindWindow[k]; ok && w > 0 {
		return w
	}
	if o.Window == 0 {
		return DefaultOptions().Window
	}
	return o.Window
}
