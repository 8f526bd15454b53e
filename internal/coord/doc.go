// Package coord finds coordinated behaviour: networks of accounts (or outlets) that do the same
// thing within seconds of each other, repeatedly. It is pure: posts come in through a callback
// or Builder.Add, results go out as values; no I/O, no global state.
//
// # Kinds and keys
//
// Each kind maps a post to keys; two posts match when they share a key of the kind and lie at
// most the kind's window apart (|Δt| <= Window, the boundary included, as in the QUT
// coordination-network-toolkit and CooRTweet):
//
//	co-link     each URL of the post, compared by LinkKey (scheme, "www." and a bare "/" ignored)
//	co-share    the item shared, forwarded or retweeted (QUT's co-retweet)
//	co-text     Post.TextKey: an echo group id or a normalised-text hash (QUT's co-tweet)
//	co-hashtag  the sorted set of the post's uncommon hashtags, when it has at least
//	            HashtagMinTags of them; a hashtag is common once more than
//	            max(HashtagMinCommon, HashtagMaxShare × posts with hashtags so far) posts used it
//	co-reply    the item replied to
//
// Reposts (posts with Shares) take part in co-link, co-text and co-hashtag only with
// Options.Reposts, and never in co-reply: a retweet carries what it retweets, which co-share
// already counts (QUT's co-tweet and co-reply likewise use original messages only).
//
// # Edges and weights
//
// Two different posts of two actors that match make a pair; a post matching another through
// several keys (two shared links) makes one pair. Per actor pair and kind an edge counts:
//
//	Pairs    matching post pairs (CooRTweet's weight)
//	PostsA   distinct posts of A with a matching post of B (the QUT toolkit's weight of the
//	         directed edge A→B: count(distinct message_id)); PostsB the other way
//	Keys     distinct keys the two matched on (CooRnet's notion: repeated across objects)
//
// Edge.Weight is one of them (Options.Weight): Keys by default, max(PostsA, PostsB) for the QUT
// toolkit's numbers, min(PostsA, PostsB), or Pairs. Edges with Weight >= MinWeight are kept.
// A self-loop is an actor matching its own earlier post (the same account retweeting an item
// twice within the window); it counts its distinct posts and is kept only with SelfLoops. On
// the toolkit's own fixture this reproduces the toolkit test's node counts for every window,
// minimum weight and self-loop setting, and its directed weights.
//
// # Streaming, memory and hot keys
//
// Posts must arrive in time order. Per kind the builder keeps, for each key, the posts of the
// last window (a sliding window: older ones are dropped when the key is next used, stale keys
// swept in amortised O(1)); a new post is compared only with those. There is no all-pairs step
// over the corpus: the work is the number of matching pairs. A hot key with thousands of posts
// inside one window (an organic viral link) would make that quadratic, so each key keeps at most
// MaxKeyPosts (100) posts in its window and a new post is paired with those most recent ones
// only: a post of a hot key is compared with at most MaxKeyPosts others, and pairs further
// apart in the key's sequence are not counted (Stats.Kinds[].Capped says how often this
// happened). Builder documents the state kept and its bound. Every edge keeps at most Evidence
// post pairs (the closest in time) and the hashes of its distinct keys.
//
// # Window
//
// Options.Window is fixed (60 s by default, per kind with KindWindow). EstimateWindow derives
// one from the data in the manner of CooRnet's estimate_coord_interval: among keys shared at
// least twice, the quickest tenth by the delay of their second share; for each of them the
// time until more than half of its shares happened; the window is the median of those (R's
// quantile type 7; 1 s when that is 0). It streams with a deterministic sample of keys when the
// data is large. Detect runs both passes (estimate per kind, then build) over a Source.
//
// # Networks
//
// The kept edges of all kinds form one weighted graph (weights summed per actor pair). Within its
// k-core (Options.Core, 2 by default: every member has at least two partners in the core, which
// drops chance chains) communities are found with Leiden (Louvain with refinement; package
// graph) at Options.Resolution with a fixed seed, so results are deterministic. Communities of
// at least MinMembers actors are the networks, with their figures: members, edges and density,
// coordinated posts and their share of the members' posts, burstiness, group events (keys on
// which at least half of the members matched each other), first and last matching post, and
// the top shared keys per kind.
//
// Each actor gets a coordination score in [0, 1): CoPosts/Posts × s/(s + MinWeight), where
// CoPosts are its posts matched with another actor's post and s is the total weight of its kept
// edges: high when most of what it posts is coordinated and its partners repeat. The evidence
// behind it is in its edges (Edge.Evidence: the post pairs and their time gaps).
//
// # Incremental use
//
// A Builder keeps its state between Result calls: add newer posts and call Result again to get
// the updated networks; only community detection runs over the kept graph again. Posts older
// than the newest one added are refused (OrderError); backfilled history needs a new Builder
// over the affected span (a full rebuild over 10 million posts takes about a minute).
package coord
