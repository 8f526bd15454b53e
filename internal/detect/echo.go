package detect

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"fimi/internal/echo"
	"fimi/internal/echo/cjk"
	"fimi/internal/fimi"
	"fimi/internal/store"
	"fimi/internal/text/lexicon"
)

// EchoCursor is the cursor name of echo detection.
const EchoCursor = "echoes"

// EchoLexicon adapts the FreeDict lexicon (lexicon.Default: $FIMI_DICT_DIR or
// /usr/share/dictd) for the echo detector, with Chinese built from the Japanese dictionary
// and Unihan (cjk.Default: $FIMI_UNIHAN_DIR or /usr/share/unicode, Debian package
// unicode-data) when Unihan is installed; chinese reports whether it is. A missing
// dictionary directory gives an empty lexicon, with which translations are found only
// through names, numbers, URLs, hashtags and cognates.
func EchoLexicon() (lex echo.Lexicon, chinese bool, err error) {
	lx, err := lexicon.Default()
	if err != nil {
		return echo.Lexicon{}, false, fmt.Errorf("echo lexicon: %w", err)
	}
	words := func(lang string) []string {
		return slices.DeleteFunc(lx.Foreign(lang), func(w string) bool { return strings.ContainsAny(w, " -") })
	}
	uh, err := cjk.Default()
	if err != nil && !errors.Is(err, cjk.ErrNotInstalled) {
		return echo.Lexicon{}, false, fmt.Errorf("echo lexicon: %w", err)
	}
	var zhOnce sync.Once
	var zh *cjk.Chinese
	chineseLex := func() *cjk.Chinese {
		zhOnce.Do(func() {
			zh = uh.Chinese(words("ja"), func(w string) []string { return lx.ToEnglish("ja", w) })
		})
		return zh
	}
	return echo.Lexicon{
		Words: func(lang string) []string {
			if lang == "zh" {
				if uh == nil {
					return nil
				}
				return chineseLex().Words()
			}
			return words(lang)
		},
		ToEnglish: func(lang, word string) []string {
			if lang == "zh" {
				if uh == nil {
					return nil
				}
				return chineseLex().ToEnglish(word)
			}
			if t := lx.ToEnglish(lang, word); len(t) > 0 {
				return t
			}
			return nil
		},
		Version: func(lang string) string {
			if lang == "zh" {
				return "" // built from Unihan and the Japanese dictionary: not cached
			}
			return lx.Version(lang)
		},
	}, uh != nil, nil
}

// DefaultEchoOptions returns the detector's defaults with the installed FreeDict dictionaries
// (none is fine: copies and rewordings do not need them, and translations are still found
// through names, numbers and links), their glossaries cached beside the lexicon's tables.
func DefaultEchoOptions() echo.Options {
	o := echo.DefaultOptions()
	if lex, _, err := EchoLexicon(); err == nil {
		o.Lexicon = lex
	}
	if d := lexicon.CacheDir(); d != "" {
		o.GlossaryCache = filepath.Join(d, "echo")
	}
	return o
}

// Echo finds echoes among stored items as they land and stores pairs and groups. It is a
// follow.Detector.
type Echo struct {
	st     store.Store
	d      *echo.Detector
	log    *slog.Logger
	latest time.Time // newest item time added
	cold   bool      // restore recent groups and items before the next batch
}

// NewEcho makes an echo detector over st. When the store has been followed before, the
// first batch it processes first restores the groups seen within the detector's horizon and
// re-adds the stored items of that horizon, so that new items are compared with recent ones
// and join their groups under the same ids.
func NewEcho(ctx context.Context, st store.Store, opt echo.Options, log *slog.Logger) (*Echo, error) {
	d, err := echo.New(opt)
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	e := &Echo{st: st, d: d, log: log}
	cur, err := st.Cursor(ctx, EchoCursor)
	e.cold = cur > 0 // warmed on the first batch: a run with nothing new pays nothing
	return e, err
}

// Detector returns the pure detector.
func (e *Echo) Detector() *echo.Detector { return e.d }

// Name implements follow.Detector.
func (e *Echo) Name() string { return EchoCursor }

// warm seeds the groups of the horizon and re-adds its items.
func (e *Echo) warm(ctx context.Context) error {
	start := time.Now()
	newest, err := e.st.Items(ctx, store.ItemQuery{Limit: 1})
	if err != nil || len(newest) == 0 {
		return err
	}
	var since time.Time
	if h := e.d.Options().Horizon; h > 0 {
		since = newest[0].Published.Add(-h)
	}
	seeds := map[string]*echo.Group{}
	for off := 0; ; off += 500 {
		gs, err := e.st.EchoGroups(ctx, store.EchoQuery{Since: since, Sort: "recent", Limit: 500, Offset: off})
		if err != nil {
			return err
		}
		for _, g := range gs {
			s := &echo.Group{}
			if err := json.Unmarshal(g.Data, s); err != nil {
				return fmt.Errorf("echo group %s: %w", g.ID, err)
			}
			s.Members, s.Times = nil, nil
			seeds[g.ID] = s
		}
		if len(gs) < 500 {
			break
		}
	}
	// The members of all those groups in one pass, in order of joining within each group.
	type joined struct {
		item string
		t    time.Time
	}
	byGroup := map[string][]joined{}
	if err := e.st.ScanEchoMembers(ctx, func(m store.EchoMember) error {
		if _, ok := seeds[m.Group]; ok {
			byGroup[m.Group] = append(byGroup[m.Group], joined{m.Item, m.Joined})
		}
		return nil
	}); err != nil {
		return err
	}
	list := make([]echo.Group, 0, len(seeds))
	for id, s := range seeds {
		ms := byGroup[id]
		slices.SortStableFunc(ms, func(a, b joined) int { return a.t.Compare(b.t) })
		for _, m := range ms {
			s.Members = append(s.Members, m.item)
			s.Times = append(s.Times, m.t)
		}
		list = append(list, *s)
	}
	e.d.Seed(list)
	var batch []fimi.Item
	n := 0
	flush := func() error {
		n += len(batch)
		err := e.add(ctx, batch, "", 0)
		batch = batch[:0]
		return err
	}
	err = e.st.ScanItems(ctx, store.ItemQuery{Since: since}, func(it fimi.Item) error {
		it.Raw = nil
		batch = append(batch, it)
		if len(batch) == 2000 {
			return flush()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = flush()
	}
	e.log.Info("echo detector warmed", "groups", len(list), "items", n, "since", since, "took", time.Since(start).Round(time.Millisecond))
	return err
}

// Process implements follow.Detector: it prepares the items on all CPUs, adds them in
// sequence order and stores the pairs and groups with the cursor in one transaction.
func (e *Echo) Process(ctx context.Context, items []store.SeqItem) error {
	if e.cold {
		e.cold = false
		if err := e.warm(ctx); err != nil {
			return fmt.Errorf("echo warm-up: %w", err)
		}
	}
	its := make([]fimi.Item, len(items))
	for i, s := range items {
		its[i] = s.Item
	}
	return e.add(ctx, its, EchoCursor, items[len(items)-1].Seq)
}

// Doc is how an item is given to the echo detector. A publication time in the future (a
// feed with a wrong clock) is replaced by the ingestion time, so that one bad item cannot
// move the detector's clock ahead and stop expiry.
func Doc(it *fimi.Item) echo.Doc {
	body := it.Text
	if it.Title != "" && !strings.HasPrefix(it.Text, it.Title) {
		body = it.Title + "\n\n" + it.Text
	}
	t := it.Published
	if now := time.Now(); t.After(now.Add(time.Hour)) {
		t = it.Ingested
		if t.IsZero() || t.After(now) {
			t = now
		}
	}
	return echo.Doc{ID: it.ID, Text: body, Lang: it.Lang, Published: t, Account: ActorName(it), Outlet: it.Outlet}
}

// lookupChunk bounds the ids of one store lookup (SQLite's limit on bound variables).
const lookupChunk = 500

func (e *Echo) add(ctx context.Context, items []fimi.Item, cursor string, seq int64) error {
	// An item older than the horizon behind the newest one seen would be taken as the newest
	// (the detector's clock does not go back) and compared with the wrong neighbours: such late
	// arrivals and edits of expired items are left out.
	horizon := e.d.Options().Horizon
	docs := make([]echo.Doc, 0, len(items))
	for i := range items {
		d := Doc(&items[i])
		if horizon > 0 && d.Published.Before(e.latest.Add(-horizon)) {
			continue
		}
		if d.Published.After(e.latest) {
			e.latest = d.Published
		}
		docs = append(docs, d)
	}
	prepared := make([]echo.Prepared, len(docs))
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(1, len(docs)/64))
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				prepared[i] = e.d.Prepare(docs[i])
			}
		})
	}
	wg.Wait()
	published := make(map[string]time.Time, len(docs))
	for _, d := range docs {
		published[d.ID] = d.Published
	}

	var b store.EchoBatch
	merged := map[string]string{}          // absorbed group → absorbing group
	touched := map[string]bool{}           // groups changed since the last snapshot
	groups := map[string]store.EchoGroup{} // latest snapshot of each changed group
	members := map[string]store.EchoMember{}
	var mark time.Time // time of the first item since the last snapshot
	snapshot := func() {
		for id := range touched {
			if g, ok := e.d.Group(id); ok {
				groups[id] = groupDoc(g)
			}
		}
		clear(touched)
	}
	member := func(id string, p *echo.Pair) {
		m, ok := members[id]
		if !ok {
			m = store.EchoMember{Item: id, Joined: published[id]}
		}
		if g := e.d.GroupOf(id); g != "" {
			m.Group = g
		}
		if p != nil && (m.Via == "" || p.Similarity > m.Similarity) {
			m.Via, m.Relation, m.Similarity = p.A, p.Relation.String(), p.Similarity
		}
		members[id] = m
	}
	for i := range prepared {
		// A group touched at time t cannot expire before the clock passes t + horizon:
		// snapshots taken every half horizon see every group before it may go.
		if t := docs[i].Published; horizon > 0 && !mark.IsZero() && t.After(mark.Add(horizon/2)) {
			snapshot()
			mark = time.Time{}
		}
		if mark.IsZero() {
			mark = docs[i].Published
		}
		pairs, events := e.d.AddPrepared(prepared[i])
		now := time.Now().UTC()
		for _, p := range pairs {
			ev, _ := json.Marshal(p.Evidence)
			b.Pairs = append(b.Pairs, store.EchoPair{A: p.A, B: p.B, Relation: p.Relation.String(), Similarity: p.Similarity, Evidence: ev, Found: now})
			member(p.A, nil)
			member(p.B, &p)
		}
		for _, ev := range events {
			if ev.Kind == echo.GroupMerged && ev.Merged != ev.Group {
				merged[ev.Merged] = ev.Group
				delete(touched, ev.Merged)
				delete(groups, ev.Merged)
			}
			touched[ev.Group] = true
		}
	}
	snapshot()
	// Resolve chains of merges within the batch to the group that holds the members now.
	final := func(id string) string {
		for range len(merged) + 1 {
			next, ok := merged[id]
			if !ok || next == id {
				break
			}
			id = next
		}
		return id
	}
	if len(merged) > 0 {
		b.Merged = map[string]string{}
		for old := range merged {
			if f := final(old); f != old {
				b.Merged[old] = f
			}
		}
	}
	for _, g := range groups {
		if final(g.ID) == g.ID {
			b.Groups = append(b.Groups, g)
		}
	}
	var unknown []string
	for id, m := range members {
		if m.Group == "" {
			delete(members, id) // expired before it joined a group that lasted
			continue
		}
		m.Group = final(m.Group)
		members[id] = m
		if _, ok := published[id]; !ok {
			unknown = append(unknown, id)
		}
	}
	for len(unknown) > 0 {
		n := min(len(unknown), lookupChunk)
		found, err := e.st.Items(ctx, store.ItemQuery{IDs: unknown[:n], Limit: n})
		if err != nil {
			return fmt.Errorf("echo members: %w", err)
		}
		for _, it := range found {
			m := members[it.ID]
			m.Joined = it.Published
			members[it.ID] = m
		}
		unknown = unknown[n:]
	}
	for _, m := range members {
		b.Members = append(b.Members, m)
	}
	if cursor == "" && len(b.Pairs) == 0 && len(b.Groups) == 0 {
		return nil
	}
	return e.st.PutEchoes(ctx, b, cursor, seq)
}

// groupDoc turns a detector's group snapshot into a stored group (its document without the
// member list, which the store keeps as rows).
func groupDoc(g echo.Group) store.EchoGroup {
	sg := store.EchoGroup{ID: g.ID, First: g.First, FirstSeen: g.FirstSeen, LastSeen: g.LastSeen, Size: g.Size,
		Outlets: len(g.Outlets), Accounts: len(g.Accounts), Languages: g.Languages, LastDay: g.LastDay}
	g.Members = nil
	sg.Data, _ = json.Marshal(g)
	return sg
}

// EchoTextKey returns a co-text key function for coordination over the stored echo groups:
// items of one group share its id. It returns nil when there are no groups.
func EchoTextKey(ctx context.Context, st store.Store) (func(itemID string) string, error) {
	groupOf := map[string]string{}
	if err := st.ScanEchoMembers(ctx, func(m store.EchoMember) error {
		groupOf[m.Item] = m.Group
		return nil
	}); err != nil {
		return nil, err
	}
	if len(groupOf) == 0 {
		return nil, nil
	}
	return func(id string) string { return groupOf[id] }, nil
}
