package coord

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Kind is a type of coordinated action: two actors doing the same thing within the window.
type Kind uint8

// Coordination kinds.
const (
	CoLink    Kind = iota // the same canonical URL (Post.URLs)
	CoShare               // sharing, forwarding or retweeting the same item (Post.Shares); QUT's co-retweet
	CoText                // the same text (Post.TextKey); QUT's co-tweet
	CoHashtag             // the same set of uncommon hashtags (Post.Hashtags)
	CoReply               // replying to the same item (Post.ReplyTo)
	numKinds
)

var kindNames = [numKinds]string{"co-link", "co-share", "co-text", "co-hashtag", "co-reply"}

// String returns the kind's name ("co-link", ...).
func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Kinds returns every kind in order.
func Kinds() []Kind { return []Kind{CoLink, CoShare, CoText, CoHashtag, CoReply} }

// ErrKind is returned (wrapped) by ParseKind for an unknown name.
var ErrKind = errors.New("unknown coordination kind")

// ParseKind parses a kind name: co-link, co-share, co-text, co-hashtag, co-reply, with or
// without "co-", and the toolkit aliases co-retweet (co-share) and co-tweet (co-text).
func ParseKind(s string) (Kind, error) {
	n := strings.ToLower(strings.TrimSpace(s))
	n = strings.TrimPrefix(strings.TrimPrefix(n, "co-"), "co")
	switch n {
	case "link", "url":
		return CoLink, nil
	case "share", "retweet", "repost", "forward":
		return CoShare, nil
	case "text", "tweet", "post":
		return CoText, nil
	case "hashtag", "hashtags", "tag":
		return CoHashtag, nil
	case "reply":
		return CoReply, nil
	}
	return 0, fmt.Errorf("%w %q (want one of %s)", ErrKind, s, strings.Join(kindNames[:], ", "))
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	*k = v
	return err
}

// Post is one post, article or share as the detector sees it. Callers fill what their data
// has; empty fields take part in no kind. The detector keeps references to Item, Account,
// Outlet and the key strings of posts still inside a window, and to the strings quoted as
// evidence; it does not modify a Post.
type Post struct {
	Item     string    // id of the post (quoted in evidence)
	Account  string    // posting account; the actor of account networks
	Outlet   string    // outlet domain; the actor of outlet networks
	Time     time.Time // when it was posted; posts must come in non-decreasing Time
	URLs     []string  // canonical URLs it links (co-link)
	Shares   string    // id of the item it shares, forwards or retweets (co-share)
	TextKey  string    // echo group id or normalised-text hash (co-text); empty for none
	Hashtags []string  // hashtags, lower-case without '#' (co-hashtag)
	ReplyTo  string    // id of the item it replies to (co-reply)
}

// keyer extracts the keys of posts.
type keyer struct {
	reposts bool
	tags    hashtagDF
}

func newKeyer(opt Options) keyer {
	return keyer{reposts: opt.Reposts, tags: hashtagDF{df: map[string]int32{}, maxShare: opt.HashtagMaxShare,
		minCommon: int32(opt.HashtagMinCommon), minTags: opt.HashtagMinTags}}
}

// appendKeys appends the keys of p for kind k to dst. Keys of one post are distinct. Reposts
// (Shares set) take part in co-link, co-text and co-hashtag only when reposts is true, as in
// the QUT toolkit, where co-tweet and co-reply consider original messages only: a retweet
// carries the links, text and hashtags of what it retweets, which co-share already counts.
func (b *keyer) appendKeys(dst []string, k Kind, p *Post) []string {
	repost := p.Shares != ""
	switch k {
	case CoLink:
		if repost && !b.reposts {
			return dst
		}
		n := len(dst)
		for _, u := range p.URLs {
			if u = LinkKey(u); u != "" && !slices.Contains(dst[n:], u) {
				dst = append(dst, u)
			}
		}
	case CoShare:
		if p.Shares != "" {
			dst = append(dst, p.Shares)
		}
	case CoText:
		if p.TextKey != "" && (!repost || b.reposts) {
			dst = append(dst, p.TextKey)
		}
	case CoHashtag:
		if repost && !b.reposts {
			return dst
		}
		if key := b.tags.key(p.Hashtags); key != "" {
			dst = append(dst, key)
		}
	case CoReply:
		if p.ReplyTo != "" && !repost {
			dst = append(dst, p.ReplyTo)
		}
	}
	return dst
}

// hashtagDF decides which hashtags are uncommon by their document frequency so far in the
// stream: a hashtag is common once more than max(MinCommon, MaxShare × posts with hashtags)
// posts carried it. Memory grows with the number of distinct hashtags.
type hashtagDF struct {
	df        map[string]int32
	posts     int64
	maxShare  float64
	minCommon int32
	minTags   int
	buf       []string
	sb        strings.Builder
}

// count records the hashtags of a post (before its key is taken, so a post counts itself).
func (h *hashtagDF) count(tags []string) {
	if len(tags) == 0 {
		return
	}
	h.posts++
	for i, t := range tags {
		if t != "" && !slices.Contains(tags[:i], t) {
			h.df[t]++
		}
	}
}

func (h *hashtagDF) common(t string) bool {
	limit := max(float64(h.minCommon), h.maxShare*float64(h.posts))
	return float64(h.df[t]) > limit
}

// key returns the sorted set of uncommon hashtags joined by spaces, or "" when it has fewer
// than minTags tags.
func (h *hashtagDF) key(tags []string) string {
	h.buf = h.buf[:0]
	for i, t := range tags {
		if t != "" && !slices.Contains(tags[:i], t) && !h.common(t) {
			h.buf = append(h.buf, t)
		}
	}
	if len(h.buf) < max(h.minTags, 1) {
		return ""
	}
	slices.Sort(h.buf)
	h.sb.Reset()
	for i, t := range h.buf {
		if i > 0 {
			h.sb.WriteByte(' ')
		}
		h.sb.WriteString(t)
	}
	return h.sb.String()
}

// LinkKey is the co-link key of a URL: the URL without its scheme, a leading "www." of the host,
// its fragment and a bare "/" path, with the host lower-cased, so that http and https, www. and
// bare hosts match. Values that are not http(s) URLs (anonymised link ids in research data) are
// returned unchanged. Callers should pass canonical URLs (tracking parameters removed).
func LinkKey(u string) string {
	rest, ok := cutPrefixFold(u, "https://")
	if !ok {
		if rest, ok = cutPrefixFold(u, "http://"); !ok {
			return u
		}
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	host, path := rest[:end], rest[end:]
	if path == "/" {
		path = ""
		rest = host
	}
	if h, ok := cutPrefixFold(host, "www."); ok {
		host = h
		rest = rest[4:]
	}
	if hasUpper(host) {
		return strings.ToLower(host) + path
	}
	return rest // a substring of u: no allocation
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}
