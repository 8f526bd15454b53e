// Package storetest is the conformance suite every store.Store implementation runs.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"fimi/internal/fimi"
	"fimi/internal/store"
)

// Opener returns a fresh, empty store for one test; the suite closes it.
type Opener func(t *testing.T) store.Store

var t0 = time.Date(2024, 5, 30, 12, 0, 0, 0, time.UTC)

func item(platform, native, text string, at time.Time) fimi.Item {
	it := fimi.Item{
		Platform: platform, NativeID: native, Account: "acc-" + native, Text: text, Published: at,
		Hash: fimi.ContentHash(text), Lang: "en",
	}
	it.ID = fimi.ItemID(platform, native, "")
	it.Raw, _ = json.Marshal(map[string]string{"id": native, "text": text})
	return it
}

// Run runs the whole suite.
func Run(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t)
		it := item("twitter", "1", "US officers aim HIMARS at Belgorod", t0)
		it.URLs = []string{"https://example.com/a"}
		it.Hashtags = []string{"kharkiv"}
		it.Mentions = []string{"rt_com"}
		it.SharesID = fimi.ItemID("twitter", "0", "")
		it.Views = 42
		it.Title = "t"
		it.Outlet = "example.com"
		it.URL = "https://example.com/a"
		out, err := s.PutItems(ctx, []store.Put{{Item: it, Origin: "a.jsonl:1", Format: "jsonl"}})
		if err != nil || !reflect.DeepEqual(out, []store.Outcome{store.Added}) {
			t.Fatalf("PutItems = %v, %v", out, err)
		}
		got, err := s.Item(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Ingested.IsZero() {
			t.Error("Ingested not set")
		}
		got.Ingested = time.Time{}
		if !reflect.DeepEqual(got, it) {
			t.Errorf("Item = %+v\nwant %+v", got, it)
		}
		if _, err := s.Item(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing item err = %v", err)
		}
		raws, err := s.ItemRaws(ctx, it.ID)
		if err != nil || len(raws) != 1 || string(raws[0].Data) != string(it.Raw) || raws[0].Origin != "a.jsonl:1" {
			t.Errorf("ItemRaws = %+v, %v", raws, err)
		}
	})
	t.Run("IdempotentAndMerge", func(t *testing.T) {
		s := open(t)
		a := item("web", "", "short summary", t0)
		a.URL = "https://example.com/story"
		a.ID = fimi.ItemID("web", "", a.URL)
		a.Title = "Story"
		if _, err := s.PutItems(ctx, []store.Put{{Item: a, Origin: "feed.xml:3"}}); err != nil {
			t.Fatal(err)
		}
		out, err := s.PutItems(ctx, []store.Put{{Item: a, Origin: "feed.xml:3"}})
		if err != nil || out[0] != store.Unchanged {
			t.Fatalf("re-put = %v, %v; want unchanged", out, err)
		}
		b := a
		b.Text = "the full text of the story, which is much longer than the summary"
		b.Hash = fimi.ContentHash(b.Text)
		b.Author = "Jane"
		b.Raw = json.RawMessage(`{"html":"<p>page</p>"}`)
		out, err = s.PutItems(ctx, []store.Put{{Item: b, Origin: "page.html"}})
		if err != nil || out[0] != store.Merged {
			t.Fatalf("merge = %v, %v; want merged", out, err)
		}
		got, _ := s.Item(ctx, a.ID)
		if got.Text != b.Text || got.Author != "Jane" || got.Title != "Story" || string(got.Raw) != string(a.Raw) {
			t.Errorf("merged item = %+v", got)
		}
		raws, _ := s.ItemRaws(ctx, a.ID)
		if len(raws) != 2 {
			t.Fatalf("raws = %d, want 2", len(raws))
		}
		out, _ = s.PutItems(ctx, []store.Put{{Item: b, Origin: "page.html"}, {Item: a, Origin: "feed.xml:3"}})
		if out[0] != store.Unchanged || out[1] != store.Unchanged {
			t.Errorf("re-put both = %v, want unchanged", out)
		}
		if n, _ := s.CountItems(ctx); n != 1 {
			t.Errorf("count = %d, want 1", n)
		}
		// The full-text index follows the merged text.
		hits, err := s.Items(ctx, store.ItemQuery{Text: "longer"})
		if err != nil || len(hits) != 1 {
			t.Errorf("search merged text = %d hits, %v", len(hits), err)
		}
		hits, _ = s.Items(ctx, store.ItemQuery{Text: "summary"})
		if len(hits) != 1 { // "summary" also occurs in the new text
			t.Errorf("search = %d hits", len(hits))
		}
	})
	t.Run("DuplicatesWithinBatch", func(t *testing.T) {
		s := open(t)
		a := item("telegram", "c/1", "one", t0)
		b := a
		b.URLs = []string{"https://x.org/"}
		b.Raw = json.RawMessage(`{"other":1}`)
		out, err := s.PutItems(ctx, []store.Put{{Item: a}, {Item: a}, {Item: b}})
		if err != nil || !reflect.DeepEqual(out, []store.Outcome{store.Added, store.Unchanged, store.Merged}) {
			t.Fatalf("PutItems = %v, %v", out, err)
		}
		got, _ := s.Item(ctx, a.ID)
		if !reflect.DeepEqual(got.URLs, b.URLs) {
			t.Errorf("URLs = %v", got.URLs)
		}
		raws, _ := s.ItemRaws(ctx, a.ID)
		if len(raws) != 2 {
			t.Errorf("raws = %d, want 2", len(raws))
		}
	})
	t.Run("QueryAndStats", func(t *testing.T) {
		s := open(t)
		var batch []store.Put
		for i := 0; i < 300; i++ {
			p := "twitter"
			lang := "en"
			text := fmt.Sprintf("post number %d about weather", i)
			if i%3 == 0 {
				p, lang, text = "telegram", "ru", fmt.Sprintf("пост номер %d про Харьков", i)
			}
			it := item(p, fmt.Sprint(i), text, t0.Add(time.Duration(i)*time.Hour))
			it.Lang = lang
			it.Account = fmt.Sprintf("acc%d", i%7)
			if i%10 == 0 {
				it.Outlet = "rt.com"
			}
			batch = append(batch, store.Put{Item: it})
		}
		if _, err := s.PutItems(ctx, batch[:150]); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PutItems(ctx, batch[150:]); err != nil {
			t.Fatal(err)
		}
		if err := s.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		st, err := s.Stats(ctx, store.StatsQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if st.Items != 300 || st.Platforms[0] != (store.Count{Key: "twitter", Count: 200}) || st.Languages[1] != (store.Count{Key: "ru", Count: 100}) {
			t.Errorf("stats = %+v", st)
		}
		if len(st.Days) != 13 || st.Days[0].Key != "2024-05-30" || !st.First.Equal(t0) {
			t.Errorf("days = %v first %v", st.Days, st.First)
		}
		if len(st.Outlets) < 2 || st.Outlets[1] != (store.Count{Key: "rt.com", Count: 30}) {
			t.Errorf("outlets = %v", st.Outlets)
		}
		hits, err := s.Items(ctx, store.ItemQuery{Text: "харьков", Limit: 1000})
		if err != nil || len(hits) != 100 {
			t.Errorf("search харьков = %d, %v", len(hits), err)
		}
		hits, _ = s.Items(ctx, store.ItemQuery{Text: "weather", Lang: "en", Account: "acc1", Limit: 1000})
		for _, h := range hits {
			if h.Account != "acc1" || h.Lang != "en" {
				t.Fatalf("filter leak: %+v", h)
			}
		}
		if len(hits) == 0 {
			t.Error("no filtered hits")
		}
		// A query that is not FTS syntax still works as plain words.
		if _, err := s.Items(ctx, store.ItemQuery{Text: `"unbalanced (quote AND`}); err != nil {
			t.Errorf("bad syntax query: %v", err)
		}
		win, _ := s.Items(ctx, store.ItemQuery{Since: t0.Add(10 * time.Hour), Until: t0.Add(20 * time.Hour), Limit: 100})
		if len(win) != 10 || !win[0].Published.Equal(t0.Add(19*time.Hour)) {
			t.Errorf("time window = %d items", len(win))
		}
		var prev time.Time
		n := 0
		err = s.ScanItems(ctx, store.ItemQuery{Platform: "telegram"}, func(it fimi.Item) error {
			if it.Published.Before(prev) {
				return errors.New("not ascending")
			}
			prev = it.Published
			n++
			return nil
		})
		if err != nil || n != 100 {
			t.Errorf("scan = %d, %v", n, err)
		}
		srcs, err := s.Sources(ctx, fimi.SourceOutlet, 0)
		if err != nil || len(srcs) != 1 || srcs[0].Name != "rt.com" || srcs[0].Items != 30 {
			t.Errorf("outlet sources = %+v, %v", srcs, err)
		}
		accs, _ := s.Sources(ctx, "", 0)
		var total int64
		for _, a := range accs {
			if a.Kind != fimi.SourceOutlet {
				total += a.Items
			}
		}
		if total != 300 {
			t.Errorf("account/channel sources count %d items, want 300", total)
		}
	})
	t.Run("ValidatorsAndRuns", func(t *testing.T) {
		s := open(t)
		if e, l, err := s.Validators(ctx, "https://x.org/feed"); err != nil || e != "" || l != "" {
			t.Errorf("empty validators = %q %q %v", e, l, err)
		}
		if err := s.SetValidators(ctx, "https://x.org/feed", `"abc"`, "Wed, 29 May 2024 10:00:00 GMT"); err != nil {
			t.Fatal(err)
		}
		if e, l, _ := s.Validators(ctx, "https://x.org/feed"); e != `"abc"` || l == "" {
			t.Errorf("validators = %q %q", e, l)
		}
		r := store.Run{Started: t0, Finished: t0.Add(time.Second), Inputs: []string{"a", "b"}, Read: 10, Added: 7, Merged: 1, Unchanged: 1, Rejected: 1, Rejects: "x.rejects"}
		if err := s.RecordRun(ctx, r); err != nil {
			t.Fatal(err)
		}
		runs, err := s.Runs(ctx, 5)
		if err != nil || len(runs) != 1 || runs[0].Added != 7 || !reflect.DeepEqual(runs[0].Inputs, r.Inputs) {
			t.Errorf("runs = %+v, %v", runs, err)
		}
	})
	t.Run("SequenceAndCursors", func(t *testing.T) {
		s := open(t)
		a := item("twitter", "1", "first text", t0)
		b := item("twitter", "2", "second text", t0)
		if _, err := s.PutItems(ctx, []store.Put{{Item: a}, {Item: b}}); err != nil {
			t.Fatal(err)
		}
		got, err := s.ItemsSince(ctx, 0, 10)
		if err != nil || len(got) != 2 || got[0].Item.ID != a.ID || got[1].Seq <= got[0].Seq {
			t.Fatalf("ItemsSince = %+v, %v", got, err)
		}
		last := got[1].Seq
		// Unchanged and field-only merges do not move an item along the sequence ...
		a2 := a
		a2.Author = "someone"
		s.PutItems(ctx, []store.Put{{Item: a}, {Item: a2}})
		if got, _ := s.ItemsSince(ctx, last, 10); len(got) != 0 {
			t.Errorf("after a field merge: %+v", got)
		}
		// ... a merge that brings a longer text does.
		a3 := a
		a3.Text = "first text, now much longer than before"
		s.PutItems(ctx, []store.Put{{Item: a3}})
		got, _ = s.ItemsSince(ctx, last, 10)
		if len(got) != 1 || got[0].Item.ID != a.ID || got[0].Item.Text != a3.Text {
			t.Errorf("after a text merge: %+v", got)
		}
		if c, err := s.Cursor(ctx, "claims"); err != nil || c != 0 {
			t.Errorf("new cursor = %d, %v", c, err)
		}
		if err := s.SetCursor(ctx, "claims", 7); err != nil {
			t.Fatal(err)
		}
		if c, _ := s.Cursor(ctx, "claims"); c != 7 {
			t.Errorf("cursor = %d", c)
		}
	})
	t.Run("ClaimsAndMatches", func(t *testing.T) {
		s := open(t)
		claims := []fimi.Claim{
			{ID: "c1", Text: "US officers aim HIMARS strikes on Belgorod", Title: "No, they do not", Verdict: "false",
				Languages: []string{"en", "ru"}, Published: t0, Tags: []string{"narrative:us-aim"}, Source: "jsonl", Raw: json.RawMessage(`{"id":"c1"}`)},
			{ID: "c2", Text: "NATO troops fight in Kharkiv", Verdict: "false"},
		}
		out, err := s.PutClaims(ctx, claims)
		if err != nil || !reflect.DeepEqual(out, []store.Outcome{store.Added, store.Added}) {
			t.Fatalf("PutClaims = %v, %v", out, err)
		}
		changed := claims[1]
		changed.Title = "NATO troops are not fighting in Kharkiv"
		out, _ = s.PutClaims(ctx, []fimi.Claim{claims[0], changed})
		if !reflect.DeepEqual(out, []store.Outcome{store.Unchanged, store.Merged}) {
			t.Errorf("re-put claims = %v", out)
		}
		c, err := s.Claim(ctx, "c1")
		if err != nil || !reflect.DeepEqual(c, claims[0]) {
			t.Errorf("Claim = %+v, %v", c, err)
		}
		if _, err := s.Claim(ctx, "zz"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing claim err = %v", err)
		}
		hits, err := s.Claims(ctx, store.ClaimQuery{Text: "kharkiv"})
		if err != nil || len(hits) != 1 || hits[0].Title != changed.Title {
			t.Errorf("search claims = %+v, %v", hits, err)
		}
		if n, _ := s.CountClaims(ctx); n != 2 {
			t.Errorf("count claims = %d", n)
		}
		var ids []string
		s.ScanClaims(ctx, func(c fimi.Claim) error { ids = append(ids, c.ID); return nil })
		if !reflect.DeepEqual(ids, []string{"c1", "c2"}) {
			t.Errorf("scan claims = %v", ids)
		}
		it1 := item("twitter", "1", "HIMARS strikes on Belgorod aimed by US officers", t0)
		it2 := item("telegram", "2", "Войска НАТО в Харькове", t0.Add(time.Hour))
		it2.Lang = "ru"
		s.PutItems(ctx, []store.Put{{Item: it1}, {Item: it2}})
		ms := []fimi.Match{
			{ItemID: it1.ID, ClaimID: "c1", Rank: 1, Score: 0.93, Decision: fimi.DecisionConfirmed, Evidence: json.RawMessage(`{"terms":["himars"]}`)},
			{ItemID: it1.ID, ClaimID: "c2", Rank: 2, Score: 0.2},
			{ItemID: it2.ID, ClaimID: "c2", Rank: 1, Score: 0.7, Decision: fimi.DecisionSuggested},
		}
		if err := s.PutMatches(ctx, []string{it1.ID, it2.ID}, ms, "claims", 2); err != nil {
			t.Fatal(err)
		}
		if c, _ := s.Cursor(ctx, "claims"); c != 2 {
			t.Errorf("cursor after PutMatches = %d", c)
		}
		all, err := s.Matches(ctx, store.MatchQuery{})
		if err != nil || len(all) != 3 || all[0].ItemID != it2.ID || all[1].Rank != 1 || all[1].Item.Text != it1.Text {
			t.Fatalf("matches = %+v, %v", all, err)
		}
		if string(all[1].Evidence) != `{"terms":["himars"]}` {
			t.Errorf("evidence = %s", all[1].Evidence)
		}
		conf, _ := s.Matches(ctx, store.MatchQuery{Decision: fimi.DecisionConfirmed})
		byClaim, _ := s.Matches(ctx, store.MatchQuery{ClaimID: "c2"})
		ru, _ := s.Matches(ctx, store.MatchQuery{Lang: "ru"})
		early, _ := s.Matches(ctx, store.MatchQuery{Until: t0.Add(time.Minute)})
		if len(conf) != 1 || len(byClaim) != 2 || len(ru) != 1 || len(early) != 2 {
			t.Errorf("filters: confirmed %d, by claim %d, ru %d, early %d", len(conf), len(byClaim), len(ru), len(early))
		}
		if n, items, err := s.CountMatches(ctx, store.MatchQuery{}); n != 3 || items != 2 || err != nil {
			t.Errorf("CountMatches = %d, %d, %v", n, items, err)
		}
		if n, items, _ := s.CountMatches(ctx, store.MatchQuery{Decision: fimi.DecisionSuggested}); n != 1 || items != 1 {
			t.Errorf("CountMatches suggested = %d, %d", n, items)
		}
		// Re-matching an item replaces its matches.
		if err := s.PutMatches(ctx, []string{it1.ID}, nil, "", 0); err != nil {
			t.Fatal(err)
		}
		if left, _ := s.Matches(ctx, store.MatchQuery{}); len(left) != 1 {
			t.Errorf("after replace: %d matches", len(left))
		}
	})
	t.Run("CoordRuns", func(t *testing.T) {
		s := open(t)
		if _, err := s.CoordRun(ctx, 0, ""); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("no runs: err = %v", err)
		}
		var last int64
		for i := 0; i < store.KeepCoordRuns+2; i++ {
			r := store.CoordRun{By: "account", Options: json.RawMessage(`{"window":60}`), Stats: json.RawMessage(fmt.Sprintf(`{"run":%d}`, i)), Modularity: 0.5,
				Networks: []store.CoordDoc{{Key: "n1", Members: 3, Score: 0.9, Data: json.RawMessage(`{"id":"n1"}`)}, {Key: "n2", Members: 5, Score: 0.4, Data: json.RawMessage(`{"id":"n2"}`)}},
				Actors: []store.CoordDoc{{Key: "a", Network: "n1", Score: 0.9, Data: json.RawMessage(`{}`)}, {Key: "b", Network: "n1", Score: 0.8, Data: json.RawMessage(`{}`)},
					{Key: "x", Score: 0.1, Data: json.RawMessage(`{}`)}},
				Edges: []store.CoordEdge{{A: "a", B: "b", Kind: "co-link", Weight: 4, Network: "n1", Data: json.RawMessage(`{}`)}, {A: "a", B: "x", Kind: "co-link", Weight: 2, Data: json.RawMessage(`{}`)}},
			}
			id, err := s.PutCoordRun(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			if id <= last {
				t.Fatalf("run ids not increasing: %d after %d", id, last)
			}
			last = id
		}
		runs, err := s.CoordRuns(ctx)
		if err != nil || len(runs) != store.KeepCoordRuns || runs[0].ID != last {
			t.Fatalf("runs = %d (%v), want %d newest first", len(runs), err, store.KeepCoordRuns)
		}
		r, err := s.CoordRun(ctx, 0, "")
		if err != nil || r.ID != last || len(r.Networks) != 2 || r.Networks[0].Key != "n2" || string(r.Stats) != fmt.Sprintf(`{"run":%d}`, store.KeepCoordRuns+1) {
			t.Errorf("latest run = %+v, %v", r, err)
		}
		n, err := s.CoordRun(ctx, last, "n1")
		if err != nil || len(n.Networks) != 1 || len(n.Actors) != 2 || len(n.Edges) != 1 || n.Edges[0].Weight != 4 {
			t.Errorf("network n1 = %+v, %v", n, err)
		}
		if _, err := s.CoordRun(ctx, last, "n9"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing network err = %v", err)
		}
	})
	t.Run("Echoes", func(t *testing.T) {
		s := open(t)
		at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
		grp := func(id, first string, size int, langs ...string) store.EchoGroup {
			return store.EchoGroup{ID: id, First: first, FirstSeen: at(0), LastSeen: at(size), Size: size, Outlets: size, Accounts: 1,
				Languages: langs, LastDay: size, Data: json.RawMessage(`{"id":"` + id + `"}`)}
		}
		// Two groups: g-a {a, b} and g-c {c, d}.
		b1 := store.EchoBatch{
			Pairs:  []store.EchoPair{{A: "a", B: "b", Relation: "copy", Similarity: 0.97}, {A: "c", B: "d", Relation: "translation", Similarity: 0.6}},
			Groups: []store.EchoGroup{grp("g-a", "a", 2, "en"), grp("g-c", "c", 2, "de", "ru")},
			Members: []store.EchoMember{{Item: "a", Group: "g-a", Joined: at(0)}, {Item: "b", Group: "g-a", Via: "a", Relation: "copy", Similarity: 0.97, Joined: at(1)},
				{Item: "c", Group: "g-c", Joined: at(0)}, {Item: "d", Group: "g-c", Via: "c", Relation: "translation", Similarity: 0.6, Joined: at(2)}},
		}
		if err := s.PutEchoes(ctx, b1, "echo", 7); err != nil {
			t.Fatal(err)
		}
		if cur, _ := s.Cursor(ctx, "echo"); cur != 7 {
			t.Errorf("cursor = %d, want 7", cur)
		}
		if err := s.PutEchoes(ctx, b1, "", 0); err != nil { // idempotent
			t.Fatal(err)
		}
		if ps, err := s.EchoPairs(ctx, "b"); err != nil || len(ps) != 1 || ps[0].A != "a" || ps[0].Relation != "copy" {
			t.Errorf("EchoPairs(b) = %+v, %v", ps, err)
		}
		if n, _ := s.CountEchoGroups(ctx, store.EchoQuery{}); n != 2 {
			t.Errorf("%d groups, want 2", n)
		}
		if gs, _ := s.EchoGroups(ctx, store.EchoQuery{Lang: "ru"}); len(gs) != 1 || gs[0].ID != "g-c" || !reflect.DeepEqual(gs[0].Languages, []string{"de", "ru"}) {
			t.Errorf("groups in ru = %+v", gs)
		}
		// e bridges them: g-a absorbs g-c.
		b2 := store.EchoBatch{
			Pairs:   []store.EchoPair{{A: "b", B: "e", Relation: "rewording", Similarity: 0.5}, {A: "d", B: "e", Relation: "translation", Similarity: 0.5}},
			Merged:  map[string]string{"g-c": "g-a"},
			Groups:  []store.EchoGroup{grp("g-a", "a", 5, "de", "en", "ru")},
			Members: []store.EchoMember{{Item: "e", Group: "g-a", Via: "b", Relation: "rewording", Similarity: 0.5, Joined: at(3)}, {Item: "d", Group: "g-a", Joined: at(2)}},
		}
		if err := s.PutEchoes(ctx, b2, "echo", 9); err != nil {
			t.Fatal(err)
		}
		g, ms, err := s.EchoGroup(ctx, "g-c") // the absorbed id resolves
		if err != nil || g.ID != "g-a" || g.Size != 5 || len(ms) != 5 {
			t.Fatalf("EchoGroup(g-c) = %+v, %d members, %v", g, len(ms), err)
		}
		want := []string{"a", "c", "b", "d", "e"}
		for i, m := range ms {
			if m.Item != want[i] || m.Group != "g-a" {
				t.Errorf("member %d = %+v, want %s in g-a", i, m, want[i])
			}
			if m.Item == "d" && (m.Via != "c" || m.Relation != "translation") {
				t.Errorf("d lost how it joined: %+v", m)
			}
		}
		if n, _ := s.CountEchoGroups(ctx, store.EchoQuery{}); n != 1 {
			t.Errorf("%d groups after merge, want 1", n)
		}
		if gs, _ := s.EchoGroups(ctx, store.EchoQuery{MinSize: 6}); len(gs) != 0 {
			t.Errorf("min size 6: %+v", gs)
		}
		if _, err := s.EchoGroups(ctx, store.EchoQuery{Sort: "bogus"}); err == nil {
			t.Error("bad sort accepted")
		}
		if _, _, err := s.EchoGroup(ctx, "g-zzz"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing group err = %v", err)
		}
		if m, err := s.EchoMemberOf(ctx, "d"); err != nil || m.Group != "g-a" || m.Via != "c" {
			t.Errorf("EchoMemberOf(d) = %+v, %v", m, err)
		}
		if _, err := s.EchoMemberOf(ctx, "zz"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("EchoMemberOf(zz) err = %v", err)
		}
		n := 0
		if err := s.ScanEchoMembers(ctx, func(store.EchoMember) error { n++; return nil }); err != nil || n != 5 {
			t.Errorf("ScanEchoMembers: %d, %v", n, err)
		}
		if err := s.ResetEchoes(ctx, "echo"); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.CountEchoGroups(ctx, store.EchoQuery{}); n != 0 {
			t.Errorf("%d groups after reset", n)
		}
		if ps, _ := s.EchoPairs(ctx, "b"); len(ps) != 0 {
			t.Errorf("pairs after reset: %v", ps)
		}
		if _, _, err := s.EchoGroup(ctx, "g-c"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("alias survived reset: %v", err)
		}
		if cur, _ := s.Cursor(ctx, "echo"); cur != 0 {
			t.Errorf("cursor after reset = %d", cur)
		}
	})
}
