package echo

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)

func newTestDetector(t *testing.T) *Detector {
	t.Helper()
	d, err := New(Options{MinWords: 4, Detect: func(string) string { return "en" }})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const (
	textA = "Western weapons shipped to Ukraine are resold on the black market in Poland and Romania, smugglers say"
	textB = "The parliament in Lisbon approved a new budget for public hospitals and rural schools after a long debate"
	// bridge copies the first half of A and the second half of B.
	bridge = "Western weapons shipped to Ukraine are resold on the black market in Poland and Romania, smugglers say. The parliament in Lisbon approved a new budget for public hospitals and rural schools after a long debate"
)

func add(t *testing.T, d *Detector, id, text string, minute int) ([]Pair, []Event) {
	t.Helper()
	return d.Add(Doc{ID: id, Text: text, Published: t0.Add(time.Duration(minute) * time.Minute), Account: "acc-" + id, Outlet: "out" + id[:1]})
}

func TestGroupsCreateGrowMerge(t *testing.T) {
	d := newTestDetector(t)
	add(t, d, "a1", textA, 0)
	pairs, ev := add(t, d, "a2", textA+" 🔥", 1)
	if len(pairs) != 1 || pairs[0].A != "a1" || pairs[0].B != "a2" || pairs[0].Relation != Copy {
		t.Fatalf("copy pair: %+v", pairs)
	}
	if len(ev) != 1 || ev[0].Kind != GroupCreated || ev[0].Group != "g-a1" || ev[0].Size != 2 {
		t.Fatalf("created: %+v", ev)
	}
	add(t, d, "b1", textB, 2)
	_, ev = add(t, d, "b2", "BREAKING: "+textB, 3)
	if len(ev) != 1 || ev[0].Kind != GroupCreated || ev[0].Group != "g-b1" {
		t.Fatalf("second group: %+v", ev)
	}
	_, ev = add(t, d, "a3", textA+"!!", 4)
	if len(ev) != 1 || ev[0].Kind != GroupGrown || ev[0].Group != "g-a1" || ev[0].Size != 3 {
		t.Fatalf("grown: %+v", ev)
	}
	// The bridge contains both texts: it merges the groups under the older id.
	pairs, ev = add(t, d, "x1", bridge, 5)
	if len(pairs) < 2 {
		t.Fatalf("bridge pairs: %+v", pairs)
	}
	var merged *Event
	for i := range ev {
		if ev[i].Kind == GroupMerged {
			merged = &ev[i]
		}
	}
	if merged == nil || merged.Group != "g-a1" || merged.Merged != "g-b1" || merged.Size != 6 {
		t.Fatalf("merge events: %+v", ev)
	}
	for _, id := range []string{"a1", "a2", "a3", "b1", "b2", "x1"} {
		if g := d.GroupOf(id); g != "g-a1" {
			t.Fatalf("%s in group %q", id, g)
		}
	}
	if _, ok := d.Group("g-b1"); ok {
		t.Fatal("absorbed group still listed")
	}
	g, ok := d.Group("g-a1")
	if !ok || g.First != "a1" || g.Size != 6 || !g.FirstSeen.Equal(t0) || !g.LastSeen.Equal(t0.Add(5*time.Minute)) {
		t.Fatalf("group: %+v", g)
	}
	if len(g.Accounts) != 6 || len(g.Outlets) != 3 || g.Languages[0] != "en" || g.SpreadPerHour != 5 {
		t.Fatalf("group facts: %+v", g)
	}
	if gs := d.Groups(); len(gs) != 1 {
		t.Fatalf("%d groups", len(gs))
	}
}

func TestAddIgnoresDuplicatesAndShortItems(t *testing.T) {
	d := newTestDetector(t)
	add(t, d, "a1", textA, 0)
	if p, e := add(t, d, "a1", textA, 1); p != nil || e != nil {
		t.Fatal("same id added twice")
	}
	if p, _ := add(t, d, "s1", "too short", 2); p != nil || d.Indexed("s1") {
		t.Fatal("short item indexed")
	}
}

func TestExpireDropsItemsAndGroups(t *testing.T) {
	d := newTestDetector(t)
	add(t, d, "a1", textA, 0)
	add(t, d, "a2", textA+" !", 1)
	d.Expire(t0.Add(time.Hour))
	if d.Indexed("a1") || len(d.Groups()) != 0 || d.MemoryStats().Items != 0 {
		t.Fatalf("not expired: %+v", d.MemoryStats())
	}
	if p, _ := add(t, d, "a3", textA, 120); len(p) != 0 {
		t.Fatalf("paired with expired items: %+v", p)
	}
	// The horizon expires at Add.
	d2, _ := New(Options{MinWords: 4, Horizon: time.Hour, Detect: func(string) string { return "en" }})
	add(t, d2, "a1", textA, 0)
	if p, _ := add(t, d2, "a2", textA, 61); len(p) != 0 {
		t.Fatal("horizon not applied")
	}
}

// TestSeedAfterRestart rebuilds a detector from saved groups: re-adding the members gives no
// new pairs or events among them, a new copy joins the seeded group.
func TestSeedAfterRestart(t *testing.T) {
	d := newTestDetector(t)
	for i := range 3 {
		add(t, d, fmt.Sprintf("a%d", i), textA+fmt.Sprint(" #", "x"[:i%1]), i)
	}
	saved := d.Groups()
	if len(saved) != 1 || saved[0].Size != 3 {
		t.Fatalf("saved: %+v", saved)
	}
	r := newTestDetector(t)
	r.Seed(saved)
	for i := range 3 {
		p, e := add(t, r, fmt.Sprintf("a%d", i), textA+fmt.Sprint(" #", "x"[:i%1]), i)
		if len(p) != 0 || len(e) != 0 {
			t.Fatalf("re-adding a%d: pairs %+v events %+v", i, p, e)
		}
	}
	p, e := add(t, r, "a9", textA+" 🙏", 10)
	if len(p) != 3 || len(e) != 1 || e[0].Kind != GroupGrown || e[0].Group != saved[0].ID || e[0].Size != 4 {
		t.Fatalf("new member after restart: %+v %+v", p, e)
	}
}

// TestSeedKeepsTimesAndIDs: a seeded group keeps its members' times (its growth over the last
// day stays right after a restart), and an item that re-appears without having been seeded as
// a member joins the group named after it instead of replacing it.
func TestSeedKeepsTimesAndIDs(t *testing.T) {
	d := newTestDetector(t)
	day := 24 * 60
	for i, m := range []int{0, 2 * day, 3 * day} {
		add(t, d, fmt.Sprintf("a%d", i), textA+strings.Repeat(" !", i), m)
	}
	saved := d.Groups()
	if len(saved) != 1 || saved[0].LastDay != 1 {
		t.Fatalf("saved: %+v", saved)
	}
	for _, m := range []int{0, 2 * day, 3 * day} {
		saved[0].Times = append(saved[0].Times, t0.Add(time.Duration(m)*time.Minute))
	}
	r := newTestDetector(t)
	r.Seed(saved)
	for i, m := range []int{0, 2 * day, 3 * day} {
		add(t, r, fmt.Sprintf("a%d", i), textA+strings.Repeat(" !", i), m)
	}
	add(t, r, "a3", textA+" 🙏", 3*day+10)
	g, ok := r.Group(saved[0].ID)
	if !ok || g.Size != 4 || g.LastDay != 2 {
		t.Errorf("after restart and one new member: %+v (want size 4, 2 in the last day)", g)
	}
	// A seeded group whose first item is not listed as a member: the item comes back and a
	// new echo of it joins the seeded group, under the same id.
	s := newTestDetector(t)
	s.Seed([]Group{{ID: "g-b0", First: "b0", FirstSeen: t0, LastSeen: t0, Members: []string{"b1"}}})
	add(t, s, "b0", textB, 0)
	_, ev := add(t, s, "b2", textB+" 🔥", 5)
	if len(ev) == 0 || ev[len(ev)-1].Group != "g-b0" {
		t.Fatalf("events %+v", ev)
	}
	if g, ok := s.Group("g-b0"); !ok || !slices.Contains(g.Members, "b1") || !slices.Contains(g.Members, "b2") {
		t.Errorf("group g-b0 = %+v, %v", g, ok)
	}
}

func TestMemoryStats(t *testing.T) {
	d := newTestDetector(t)
	for i := range 500 {
		add(t, d, fmt.Sprintf("i%d", i), fmt.Sprintf("%s number %d", textB, i*7919), i)
	}
	s := d.MemoryStats()
	if s.Items != 500 || s.BytesPerItem <= 0 || s.BytesPerItem > 20000 {
		t.Fatalf("%+v", s)
	}
}

// TestMergeOnlyThroughCopies: an item that copies one group's text and rewords another's joins
// the first and does not merge the two; with MergeAll it does.
func TestMergeOnlyThroughCopies(t *testing.T) {
	for _, mergeAll := range []bool{false, true} {
		d, err := New(Options{MinWords: 4, Detect: func(string) string { return "en" }, MergeAll: mergeAll})
		if err != nil {
			t.Fatal(err)
		}
		add(t, d, "a1", textA, 0)
		add(t, d, "a2", textA+" 🔥", 1)
		add(t, d, "b1", textB, 2)
		add(t, d, "b2", textB+" 🔥", 3)
		if d.GroupOf("a1") == d.GroupOf("b1") || d.GroupOf("a1") == "" {
			t.Fatalf("setup: groups %q %q", d.GroupOf("a1"), d.GroupOf("b1"))
		}
		at := func(id string) *item {
			ref, ok := d.byID.get(id, &d.items)
			if !ok {
				t.Fatalf("%s not indexed", id)
			}
			return d.items.at(ref)
		}
		x := &item{id: "x", t: t0.Add(5 * time.Minute).UnixNano()}
		ev := d.link(x, []Pair{{A: "a1", B: "x", Relation: Copy}, {A: "b1", B: "x", Relation: Rewording}}, []*item{at("a1"), at("b1")})
		merged := d.GroupOf("a1") == d.GroupOf("b1")
		if merged != mergeAll || x.grp == nil || x.grp.id != "g-a1" {
			t.Errorf("MergeAll %v: merged %v, x in %v, events %+v", mergeAll, merged, x.grp, ev)
		}
		// A copy does merge.
		y := &item{id: "y", t: t0.Add(6 * time.Minute).UnixNano()}
		d.link(y, []Pair{{A: "a2", B: "y", Relation: Copy}, {A: "b2", B: "y", Relation: Copy}}, []*item{at("a2"), at("b2")})
		if d.GroupOf("a1") != d.GroupOf("b1") {
			t.Errorf("MergeAll %v: a copy of both did not merge the groups", mergeAll)
		}
	}
}
