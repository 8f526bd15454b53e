package echo

import (
	"slices"
	"time"
)

// EventKind says what an Add did to a group.
type EventKind uint8

// Group events.
const (
	GroupCreated EventKind = iota + 1 // a new group of the item and the earlier item(s) it echoes
	GroupGrown                        // the item joined an existing group
	GroupMerged                       // the item bridged two groups; Merged was absorbed into Group
)

var eventNames = [...]string{"", "created", "grown", "merged"}

// String returns "created", "grown" or "merged".
func (k EventKind) String() string {
	if int(k) < len(eventNames) {
		return eventNames[k]
	}
	return "unknown"
}

// MarshalText writes the String form, for JSON.
func (k EventKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Event tells the caller how a group changed, so that it can persist groups.
type Event struct {
	Kind   EventKind `json:"kind"`
	Group  string    `json:"group"`            // id of the group the item is in after the Add
	Merged string    `json:"merged,omitempty"` // GroupMerged: id of the absorbed (younger) group, which no longer exists
	Item   string    `json:"item"`             // the item added
	Size   int       `json:"size"`             // members of Group after the Add
}

// Group is a snapshot of an echo group: items linked by verified pairs, transitively.
type Group struct {
	ID        string    `json:"id"`    // "g-" + id of the first-seen item; stable, survives merges as the older group's id
	First     string    `json:"first"` // first-seen item id
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	Size      int       `json:"size"`    // members ever, expired ones included
	Members   []string  `json:"members"` // item ids in order of joining
	// Times are the members' publication times, in Members order: snapshots leave them out;
	// Seed uses them when given (else every member is taken as first seen at FirstSeen).
	Times     []time.Time `json:"-"`
	Outlets   []string    `json:"outlets"`  // distinct, sorted
	Accounts  []string    `json:"accounts"` // distinct, sorted
	Languages []string    `json:"languages"`
	// Relations counts the members by the relation of the pair that brought them in.
	Relations map[string]int `json:"relations"`
	// SpreadPerHour is Size-1 over the hours between FirstSeen and LastSeen (at least one
	// hour): how fast the echo spread.
	SpreadPerHour float64 `json:"spread_per_hour"`
	// LastDay counts the members published in the 24 hours up to LastSeen: recent growth.
	LastDay int `json:"last_day"`
}

// group is the detector's record of a group.
type group struct {
	id        string
	first     string
	firstSeen int64
	lastSeen  int64
	members   []string
	times     []int64
	outlets   map[string]int
	accounts  map[string]int
	langs     map[string]int
	relations [4]int
	live      int // members still indexed
}

func (g *group) memoryBytes() int64 {
	return int64(len(g.members))*(16+8+24) + int64(len(g.outlets)+len(g.accounts)+len(g.langs))*48 + 200
}

func newGroup(first *item) *group {
	g := &group{id: "g-" + first.id, first: first.id, firstSeen: first.t, lastSeen: first.t,
		outlets: map[string]int{}, accounts: map[string]int{}, langs: map[string]int{}}
	return g
}

func (g *group) add(d *Detector, it *item, rel Relation) {
	g.members = append(g.members, it.id)
	g.times = append(g.times, it.t)
	if it.t > g.lastSeen {
		g.lastSeen = it.t
	}
	if it.t < g.firstSeen {
		g.firstSeen, g.first = it.t, it.id
	}
	if it.outlet != 0 {
		g.outlets[d.strs[it.outlet]]++
	}
	if it.account != 0 {
		g.accounts[d.strs[it.account]]++
	}
	if it.feat.lang != 0 {
		g.langs[d.strs[it.feat.lang]]++
	}
	g.relations[rel]++
	g.live++
	it.grp = g
}

// older reports whether g was seen before h (ties by id).
func (g *group) older(h *group) bool {
	if g.firstSeen != h.firstSeen {
		return g.firstSeen < h.firstSeen
	}
	return g.id < h.id
}

// absorb moves h's members into g (h is then dropped).
func (d *Detector) absorb(g, h *group) {
	for i, id := range h.members {
		if ref, ok := d.byID.get(id, &d.items); ok {
			if it := d.items.at(ref); it.grp == h {
				it.grp = g
			}
		}
		if s, ok := d.seedOf[id]; ok && s == h {
			d.seedOf[id] = g
		}
		g.members = append(g.members, id)
		g.times = append(g.times, h.times[i])
	}
	for k, v := range h.outlets {
		g.outlets[k] += v
	}
	for k, v := range h.accounts {
		g.accounts[k] += v
	}
	for k, v := range h.langs {
		g.langs[k] += v
	}
	for i, v := range h.relations {
		g.relations[i] += v
	}
	g.live += h.live
	g.firstSeen = min(g.firstSeen, h.firstSeen)
	g.lastSeen = max(g.lastSeen, h.lastSeen)
	delete(d.groups, h.id)
}

// link puts the new item it into the groups of the items it pairs with, creating and
// merging groups, and returns the events.
func (d *Detector) link(it *item, pairs []Pair, with []*item) []Event {
	if s, ok := d.seedOf[it.id]; ok {
		// A member of a seeded group coming back after a restart: rejoin silently.
		delete(d.seedOf, it.id)
		it.seeded = true
		it.grp = s
		s.live++
		if it.t > s.lastSeen {
			s.lastSeen = it.t
		}
	}
	var events []Event
	for i, other := range with {
		rel := pairs[i].Relation
		og := other.grp
		if og == nil && d.groups["g-"+other.id] != nil {
			// A group named after this item exists (restored by Seed while the item was
			// not re-added as its member): the item rejoins it rather than replacing it.
			og = d.groups["g-"+other.id]
			og.add(d, other, None)
		} else if og == nil {
			og = newGroup(other)
			og.add(d, other, None)
			d.groups[og.id] = og
			if it.grp == nil {
				og.add(d, it, rel)
				events = append(events, Event{Kind: GroupCreated, Group: og.id, Item: it.id})
				continue
			}
			// An ungrouped earlier item meets the new item's group: it is a group of its
			// own merged below, so that the older first-seen item names the result.
		}
		switch {
		case it.grp == nil:
			og.add(d, it, rel)
			events = append(events, Event{Kind: GroupGrown, Group: og.id, Item: it.id})
		case it.grp != og && rel != Copy && len(og.members) > 1 && len(it.grp.members) > 1 && !d.opt.MergeAll:
			// Two groups of several members each are merged only through a copy: rewordings
			// and translations of posts that share a topic and a sentence would otherwise
			// chain whole conversations into one group. The pair is still reported.
		case it.grp != og:
			keep, drop := og, it.grp
			if drop.older(keep) {
				keep, drop = drop, keep
			}
			d.absorb(keep, drop)
			events = append(events, Event{Kind: GroupMerged, Group: keep.id, Merged: drop.id, Item: it.id})
			for j := range events {
				if events[j].Group == drop.id {
					events[j].Group = keep.id
				}
			}
		}
	}
	for i := range events {
		if g, ok := d.groups[events[i].Group]; ok {
			events[i].Size = len(g.members)
		} else if it.grp != nil {
			events[i].Group, events[i].Size = it.grp.id, len(it.grp.members)
		}
	}
	return events
}

// dropSeeded removes the pairs between a re-added member of the seeded group seed and items
// that were re-added before it into the same group (their groups before linking are before):
// they were reported before the restart.
func (d *Detector) dropSeeded(seed *group, pairs []Pair, with []*item, before []*group) []Pair {
	if seed == nil {
		return pairs
	}
	out := pairs[:0]
	for i, p := range pairs {
		if with[i].seeded && before[i] == seed {
			continue
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Seed restores groups saved before a restart, before their items are re-added: each group
// keeps its id, first-seen item, members and counts; members re-added with Add rejoin it
// without events, and pairs among re-added members of one seeded group are not reported
// again. New items and new pairs are reported as usual; a seeded group that a new item
// bridges with another merges under the older id. Seeding an id that exists replaces it.
func (d *Detector) Seed(groups []Group) {
	for _, s := range groups {
		if len(s.Members) == 0 {
			continue
		}
		g := &group{id: s.ID, first: s.First, firstSeen: s.FirstSeen.UnixNano(), lastSeen: s.LastSeen.UnixNano(),
			outlets: map[string]int{}, accounts: map[string]int{}, langs: map[string]int{}}
		if g.id == "" {
			g.id = "g-" + s.Members[0]
		}
		if g.first == "" {
			g.first = s.Members[0]
		}
		g.members = slices.Clone(s.Members)
		g.times = make([]int64, len(g.members))
		for i := range g.times {
			g.times[i] = g.firstSeen
			if len(s.Times) == len(s.Members) && !s.Times[i].IsZero() {
				g.times[i] = s.Times[i].UnixNano()
			}
		}
		for _, o := range s.Outlets {
			g.outlets[o]++
		}
		for _, a := range s.Accounts {
			g.accounts[a]++
		}
		for _, l := range s.Languages {
			g.langs[l]++
		}
		for name, n := range s.Relations {
			for r, rn := range relationNames {
				if rn == name {
					g.relations[r] += n
				}
			}
		}
		d.groups[g.id] = g
		for _, m := range g.members {
			d.seedOf[m] = g
		}
	}
}

// Groups returns snapshots of the groups held (with live members or seeded), oldest first.
func (d *Detector) Groups() []Group {
	out := make([]Group, 0, len(d.groups))
	for _, g := range d.groups {
		out = append(out, g.snapshot())
	}
	slices.SortFunc(out, func(a, b Group) int {
		if c := a.FirstSeen.Compare(b.FirstSeen); c != 0 {
			return c
		}
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return out
}

// Group returns a snapshot of the group with the given id.
func (d *Detector) Group(id string) (Group, bool) {
	g, ok := d.groups[id]
	if !ok {
		return Group{}, false
	}
	return g.snapshot(), true
}

// GroupOf returns the id of the group of a live or seeded item, or "".
func (d *Detector) GroupOf(itemID string) string {
	if ref, ok := d.byID.get(itemID, &d.items); ok {
		if g := d.items.at(ref).grp; g != nil {
			return g.id
		}
	}
	if g, ok := d.seedOf[itemID]; ok {
		return g.id
	}
	return ""
}

func keys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (g *group) snapshot() Group {
	s := Group{ID: g.id, First: g.first, FirstSeen: time.Unix(0, g.firstSeen).UTC(), LastSeen: time.Unix(0, g.lastSeen).UTC(),
		Size: len(g.members), Members: slices.Clone(g.members), Outlets: keys(g.outlets), Accounts: keys(g.accounts),
		Languages: keys(g.langs), Relations: map[string]int{}}
	for r, n := range g.relations {
		if n > 0 && r != int(None) {
			s.Relations[relationNames[r]] = n
		}
	}
	hours := max(float64(g.lastSeen-g.firstSeen)/float64(time.Hour), 1)
	s.SpreadPerHour = float64(s.Size-1) / hours
	for _, t := range g.times {
		if t > g.lastSeen-int64(24*time.Hour) {
			s.LastDay++
		}
	}
	return s
}
