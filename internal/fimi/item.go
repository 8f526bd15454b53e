// Package fimi holds the core types every other package shares: items (articles and posts),
// their sources, and the identifiers that tie them together. It imports only the standard
// library so that detectors, stores and formats never need to import each other.
package fimi

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"
)

// Platform names used by the built-in formats. Any other lower-case name is allowed.
const (
	PlatformWeb      = "web"      // articles from RSS/Atom feeds and HTML pages
	PlatformTelegram = "telegram" // Telegram channel and group messages
	PlatformTwitter  = "twitter"
	PlatformFacebook = "facebook"
)

// Item is one normalised article or post. The zero value is an empty draft; a decoder fills in
// what its format carries and the ingest pipeline completes it (Normalise in package text, then
// ItemID and ContentHash).
type Item struct {
	ID        string          `json:"id"`                  // stable id, see ItemID
	Platform  string          `json:"platform"`            // lower-case platform name
	NativeID  string          `json:"native_id,omitempty"` // the platform's own id of the item
	Account   string          `json:"account,omitempty"`   // posting account, channel or author handle
	Author    string          `json:"author,omitempty"`    // display name of the author, when it differs from Account
	Outlet    string          `json:"outlet,omitempty"`    // outlet domain (lower-case host without www.)
	URL       string          `json:"url,omitempty"`       // canonical URL of the item itself
	Title     string          `json:"title,omitempty"`
	Text      string          `json:"text"`
	Lang      string          `json:"lang,omitempty"`     // ISO 639-1 code, detected when not given
	Published time.Time       `json:"published,omitzero"` // when the item was published (UTC)
	Ingested  time.Time       `json:"ingested,omitzero"`  // when fimi first stored it (UTC)
	Hash      string          `json:"hash,omitempty"`     // ContentHash of the normalised text
	URLs      []string        `json:"urls,omitempty"`     // canonical URLs found in or attached to the item
	Hashtags  []string        `json:"hashtags,omitempty"` // lower-case, without '#'
	Mentions  []string        `json:"mentions,omitempty"` // lower-case, without '@'
	SharesID  string          `json:"shares,omitempty"`   // item id of what this item shares, forwards or retweets
	ReplyToID string          `json:"reply_to,omitempty"` // item id of what this item replies to
	Views     int64           `json:"views,omitempty"`    // view count when the source reports one
	Raw       json.RawMessage `json:"raw,omitempty"`      // the source record as JSON, verbatim where it was JSON
}

// ItemID returns the stable id of an item from its source identity. Web articles (platform "web"
// or empty) are identified by canonical URL when they have one, so that the same article from a
// feed and from its page merges; everything else by platform and native id. When neither exists
// the caller must supply a fallback key (for example the content hash with the account and time).
// Ids are "i" followed by 20 hex digits of SHA-256.
func ItemID(platform, nativeID, canonicalURL string) string {
	platform = strings.ToLower(platform)
	switch {
	case (platform == "" || platform == PlatformWeb) && canonicalURL != "":
		return hashID("url\x00" + canonicalURL)
	case nativeID != "":
		return hashID(platform + "\x00" + nativeID)
	case canonicalURL != "":
		return hashID("url\x00" + canonicalURL)
	}
	return ""
}

// FallbackItemID identifies an item that has neither a native id nor a URL by who posted what and when.
func FallbackItemID(platform, account string, published time.Time, hash string) string {
	return hashID("anon\x00" + strings.ToLower(platform) + "\x00" + account + "\x00" + published.UTC().Format(time.RFC3339Nano) + "\x00" + hash)
}

func hashID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "i" + hex.EncodeToString(sum[:10])
}

// ContentHash returns a hash of normalised text (callers pass text already normalised and
// case-folded as they see fit). It is used for exact-duplicate grouping, not identity.
func ContentHash(normalised string) string {
	sum := sha256.Sum256([]byte(normalised))
	return hex.EncodeToString(sum[:12])
}

// Source is where items come from: an outlet (web domain), a channel or an account.
type Source struct {
	ID        string    `json:"id"`       // SourceID(kind, platform, name)
	Kind      string    `json:"kind"`     // SourceOutlet, SourceChannel or SourceAccount
	Platform  string    `json:"platform"` // platform of the account or channel; "web" for outlets
	Name      string    `json:"name"`     // domain, channel name or account handle
	FirstSeen time.Time `json:"first_seen,omitzero"`
	LastSeen  time.Time `json:"last_seen,omitzero"`
	Items     int64     `json:"items"`
}

// Source kinds.
const (
	SourceOutlet  = "outlet"
	SourceChannel = "channel"
	SourceAccount = "account"
)

// SourceID returns the stable id of a source.
func SourceID(kind, platform, name string) string {
	sum := sha256.Sum256([]byte(kind + "\x00" + strings.ToLower(platform) + "\x00" + strings.ToLower(name)))
	return "s" + hex.EncodeToString(sum[:10])
}
