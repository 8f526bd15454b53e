// Package store defines the persistent store of items, sources and findings, and the
// conformance suite (package storetest) every implementation runs. Implementations live in
// subpackages: sqlite (embedded, the default) and postgres (scale-out). No implementation type
// leaks through this interface.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"fimi/internal/fimi"
)

// ErrNotFound is returned (wrapped) when a requested object does not exist.
var ErrNotFound = errors.New("not found")

// Store is the persistent store. Implementations are safe for concurrent use; writes are
// serialised internally. Every method that writes is atomic: it lands whole or not at all.
type Store interface {
	// PutItems stores a batch of normalised items (each with ID, Hash and Raw set) in one
	// transaction. An item whose ID is new is added; an existing one is merged with fimi.Merge
	// and its raw record kept beside the first when it differs. Outcomes are returned in input
	// order. Items repeated within one batch are merged in order.
	PutItems(ctx context.Context, batch []Put) ([]Outcome, error)
	// Item returns one item with its raw record.
	Item(ctx context.Context, id string) (fimi.Item, error)
	// ItemRaws returns every distinct raw record stored for an item, first seen first.
	ItemRaws(ctx context.Context, id string) ([]Raw, error)
	// Items returns items that match q, newest first unless q.Order says otherwise.
	Items(ctx context.Context, q ItemQuery) ([]fimi.Item, error)
	// ScanItems calls fn for every item matching q in ascending (published, id) order without
	// holding them all in memory; fn must not keep the item's slices. It stops at fn's first error.
	ScanItems(ctx context.Context, q ItemQuery, fn func(fimi.Item) error) error
	// CountItems returns the total number of items.
	CountItems(ctx context.Context) (int64, error)
	// Stats returns counts by platform, language, outlet and day.
	Stats(ctx context.Context, q StatsQuery) (Stats, error)
	// Sources returns sources by kind ("" for all), most items first.
	Sources(ctx context.Context, kind string, limit int) ([]fimi.Source, error)

	// Validators and SetValidators keep HTTP conditional-GET validators per URL (fetch.Cache).
	Validators(ctx context.Context, url string) (etag, lastModified string, err error)
	SetValidators(ctx context.Context, url, etag, lastModified string) error

	// RecordRun stores the summary of one ingest run.
	RecordRun(ctx context.Context, r Run) error
	// Runs returns the most recent ingest runs, newest first.
	Runs(ctx context.Context, limit int) ([]Run, error)

	// ItemsSince returns up to limit items whose change sequence number is above after, in
	// sequence order. Every added item, and every merged item whose title or text changed, gets
	// the next sequence number: detectors follow the store with it and a named Cursor.
	ItemsSince(ctx context.Context, after int64, limit int) ([]SeqItem, error)
	// Cursor returns how far along the item sequence the named detector has processed (0 at first).
	Cursor(ctx context.Context, name string) (int64, error)
	// SetCursor records a detector's progress.
	SetCursor(ctx context.Context, name string, seq int64) error

	// PutClaims stores claims, upserting by ID: a new ID is added, a changed claim replaced
	// (Merged), an identical one left alone (Unchanged).
	PutClaims(ctx context.Context, claims []fimi.Claim) ([]Outcome, error)
	// Claim returns one claim.
	Claim(ctx context.Context, id string) (fimi.Claim, error)
	// Claims returns claims matching q (full-text search over text, title and summary when
	// q.Text is set, ranked by BM25; else in import order).
	Claims(ctx context.Context, q ClaimQuery) ([]fimi.Claim, error)
	// ScanClaims calls fn for every claim in import order.
	ScanClaims(ctx context.Context, fn func(fimi.Claim) error) error
	// CountClaims returns the number of claims.
	CountClaims(ctx context.Context) (int64, error)
	// PutMatches replaces the matches of the given items with ms (which must only concern those
	// items) and, when cursor is not empty, sets that cursor to seq, all in one transaction.
	PutMatches(ctx context.Context, items []string, ms []fimi.Match, cursor string, seq int64) error
	// Matches returns stored matches, best first per item, newest items first.
	Matches(ctx context.Context, q MatchQuery) ([]MatchHit, error)
	// CountMatches counts the matches selected by q (Limit and Offset ignored) and the distinct
	// items they concern.
	CountMatches(ctx context.Context, q MatchQuery) (matches, items int64, err error)

	// PutCoordRun stores a coordination run whole and returns its id; only the most recent
	// runs are kept (KeepCoordRuns).
	PutCoordRun(ctx context.Context, r CoordRun) (int64, error)
	// CoordRuns returns the stored runs, newest first, without their networks, actors and edges.
	CoordRuns(ctx context.Context) ([]CoordRun, error)
	// CoordRun returns one run (0: the newest) with its networks; with network set, only that
	// network and its actors and inner edges.
	CoordRun(ctx context.Context, id int64, network string) (CoordRun, error)

	// PutEchoes stores a batch of echo findings and, when cursor is not empty, sets that cursor
	// to seq, in one transaction: pairs are upserted by (A, B); merged groups are folded into
	// the groups that absorbed them (their ids kept as aliases); groups and members upserted.
	PutEchoes(ctx context.Context, b EchoBatch, cursor string, seq int64) error
	// ResetEchoes deletes every stored echo pair, group and member and sets cursor (when not
	// empty) back to 0, in one transaction: detection starts over.
	ResetEchoes(ctx context.Context, cursor string) error
	// EchoGroups returns the stored echo groups selected by q.
	EchoGroups(ctx context.Context, q EchoQuery) ([]EchoGroup, error)
	// CountEchoGroups counts the groups selected by q (Limit and Offset ignored).
	CountEchoGroups(ctx context.Context, q EchoQuery) (int64, error)
	// EchoGroup returns one group (an absorbed group's id resolves to the group that absorbed
	// it) with its members in order of joining.
	EchoGroup(ctx context.Context, id string) (EchoGroup, []EchoMember, error)
	// EchoPairs returns the stored pairs that concern an item, as either side.
	EchoPairs(ctx context.Context, item string) ([]EchoPair, error)
	// EchoMemberOf returns the group membership of an item (ErrNotFound when it is in none).
	EchoMemberOf(ctx context.Context, item string) (EchoMember, error)
	// ScanEchoMembers calls fn for every member of every group.
	ScanEchoMembers(ctx context.Context, fn func(EchoMember) error) error

	// Flush brings secondary indexes (full-text search) up to date. Writers call it at the end
	// of a bulk load; queries call it implicitly where needed.
	Flush(ctx context.Context) error
	// Close releases the store. It is safe to call once.
	Close() error
}

// Put is one item to store and where its raw record came from.
type Put struct {
	Item   fimi.Item
	Origin string // "file:line" or URL of the raw record
	Format string // input format name
}

// Outcome says what PutItems did with one item.
type Outcome uint8

// Outcomes of PutItems.
const (
	Added     Outcome = iota + 1 // a new item
	Merged                       // an existing item gained fields or a new raw record
	Unchanged                    // an existing item, nothing new
)

func (o Outcome) String() string {
	switch o {
	case Added:
		return "added"
	case Merged:
		return "merged"
	case Unchanged:
		return "unchanged"
	}
	return "unknown"
}

// SeqItem is an item with its change sequence number.
type SeqItem struct {
	Seq  int64
	Item fimi.Item
}

// ClaimQuery selects claims. Zero fields do not filter.
type ClaimQuery struct {
	Text   string // full-text query
	IDs    []string
	Source string
	Limit  int // 0 means 100
	Offset int
}

// MatchQuery selects matches. Zero fields do not filter.
type MatchQuery struct {
	Decision string // fimi.DecisionConfirmed, fimi.DecisionSuggested; "any" or "" for all
	ClaimID  string
	ItemID   string
	Lang     string    // the item's language
	Since    time.Time // item published at or after
	Until    time.Time // item published before
	MinScore float64
	Limit    int // 0 means 100
	Offset   int
}

// MatchHit is a stored match with the item it concerns.
type MatchHit struct {
	fimi.Match
	Item fimi.Item `json:"item_detail"`
}

// KeepCoordRuns is how many coordination runs the store keeps.
const KeepCoordRuns = 10

// CoordRun is a stored coordination run. The documents (Options, Stats, Data) are JSON of
// package coord's types; the store does not interpret them.
type CoordRun struct {
	ID         int64           `json:"id"`
	Created    time.Time       `json:"created"`
	By         string          `json:"by"`
	Options    json.RawMessage `json:"options"`
	Stats      json.RawMessage `json:"stats"`
	Modularity float64         `json:"modularity"`
	Networks   []CoordDoc      `json:"networks,omitempty"`
	Actors     []CoordDoc      `json:"actors,omitempty"`
	Edges      []CoordEdge     `json:"edges,omitempty"`
}

// CoordDoc is a network (Key is its id) or an actor (Key is its name) with the network it
// belongs to, its score and its JSON document.
type CoordDoc struct {
	Key     string          `json:"key"`
	Network string          `json:"network,omitempty"`
	Members int             `json:"members,omitempty"`
	Score   float64         `json:"score"`
	Data    json.RawMessage `json:"data"`
}

// CoordEdge is a kept edge of a run.
type CoordEdge struct {
	A, B    string
	Kind    string
	Weight  float64
	Network string // set when both ends are in the same network
	Data    json.RawMessage
}

// EchoPair is a verified echo: B (the later item) copies, rewords or translates A.
type EchoPair struct {
	A          string          `json:"a"`
	B          string          `json:"b"`
	Relation   string          `json:"relation"`
	Similarity float64         `json:"similarity"`
	Evidence   json.RawMessage `json:"evidence,omitempty"`
	Found      time.Time       `json:"found"`
}

// EchoGroup is a stored echo group: the figures queries sort and filter on, and the detector's
// snapshot of it (package echo's Group, without members) as a JSON document.
type EchoGroup struct {
	ID        string          `json:"id"`
	First     string          `json:"first"`
	FirstSeen time.Time       `json:"first_seen"`
	LastSeen  time.Time       `json:"last_seen"`
	Size      int             `json:"size"`
	Outlets   int             `json:"outlets"`
	Accounts  int             `json:"accounts"`
	Languages []string        `json:"languages"`
	LastDay   int             `json:"last_day"`
	Data      json.RawMessage `json:"data"`
}

// EchoMember is an item of an echo group and how it joined: Via is the earlier item it was
// found to repeat, with the pair's relation and similarity (empty for the first-seen item).
type EchoMember struct {
	Item       string    `json:"item"`
	Group      string    `json:"group"`
	Via        string    `json:"via,omitempty"`
	Relation   string    `json:"relation,omitempty"`
	Similarity float64   `json:"similarity,omitempty"`
	Joined     time.Time `json:"joined"`
}

// EchoBatch is what one detector batch found. Merged maps an absorbed group's id to the id
// of the group that finally holds its members; Groups and Members are upserted after the
// merges are applied. A member with an empty Via keeps the Via it had.
type EchoBatch struct {
	Pairs   []EchoPair
	Merged  map[string]string
	Groups  []EchoGroup
	Members []EchoMember
}

// EchoQuery selects echo groups. Zero fields do not filter.
type EchoQuery struct {
	MinSize int
	Lang    string    // groups with a member in this language
	Since   time.Time // last seen at or after
	Until   time.Time // first seen before
	Sort    string    // "size" (default), "recent" (last seen), "growth" (last day), "first" (first seen)
	Limit   int       // 0 means 100
	Offset  int
}

// Raw is one stored raw record of an item.
type Raw struct {
	Origin string
	Format string
	Seen   time.Time
	Data   []byte // the record as JSON
}

// ItemQuery selects items. Zero fields do not filter.
type ItemQuery struct {
	Text     string // full-text query (FTS syntax: words, "phrases", OR, prefix*)
	IDs      []string
	Platform string
	Lang     string
	Outlet   string
	Account  string
	Since    time.Time // published at or after
	Until    time.Time // published before
	Limit    int       // 0: no limit for ScanItems, 100 for Items
	Offset   int
	Oldest   bool // order oldest first
	WithRaw  bool // include Raw
}

// StatsQuery shapes Stats.
type StatsQuery struct {
	Top int // entries per breakdown (outlets, accounts); 0 means 20
}

// Count is a key with a number of items.
type Count struct {
	Key   string `json:"key"`
	Count int64  `json:"count"`
}

// Stats are counts over all items.
type Stats struct {
	Items     int64     `json:"items"`
	Raws      int64     `json:"raw_records"`
	Sources   int64     `json:"sources"`
	First     time.Time `json:"first_published,omitzero"`
	Last      time.Time `json:"last_published,omitzero"`
	Platforms []Count   `json:"platforms"`
	Languages []Count   `json:"languages"`
	Outlets   []Count   `json:"outlets"`
	Accounts  []Count   `json:"accounts"`
	Days      []Count   `json:"days"`
}

// Run is the summary of one ingest run.
type Run struct {
	ID        int64     `json:"id"`
	Started   time.Time `json:"started"`
	Finished  time.Time `json:"finished"`
	Inputs    []string  `json:"inputs"`
	Read      int64     `json:"read"`
	Added     int64     `json:"stored"`
	Merged    int64     `json:"merged"`
	Unchanged int64     `json:"unchanged"`
	Rejected  int64     `json:"rejected"`
	Rejects   string    `json:"rejects_file,omitempty"`
	Error     string    `json:"error,omitempty"`
}
