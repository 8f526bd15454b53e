package detect

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fimi/internal/echo"
	"fimi/internal/fimi"
	"fimi/internal/follow"
	"fimi/internal/store"
	"fimi/internal/store/sqlite"
)

var t0 = time.Date(2024, 5, 30, 10, 0, 0, 0, time.UTC)

// Texts of the echo tests: T and U are two unrelated stories.
const (
	textT = "Ukrainian officials said on Thursday that fourteen launchers supplied by Washington struck an ammunition depot near Belgorod, destroying hundreds of tonnes of shells stored there."
	textU = "The city council of Leeds approved a new budget for public libraries and swimming pools on Tuesday evening after a long debate among councillors about parking fees downtown."
)

func echoStore(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "e.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func putTexts(t *testing.T, st store.Store, texts map[string]string, at map[string]time.Duration, order ...string) {
	t.Helper()
	var ps []store.Put
	for _, id := range order {
		it := fimi.Item{ID: id, Platform: "web", NativeID: id, Account: "acc-" + id, Text: texts[id], Lang: "en",
			Published: t0.Add(at[id]), Hash: id, Raw: []byte(`{}`)}
		ps = append(ps, store.Put{Item: it, Origin: "test"})
	}
	if _, err := st.PutItems(context.Background(), ps); err != nil {
		t.Fatal(err)
	}
}

// runEcho catches an echo detector up with the store, as fimi ingest does in each process.
func runEcho(t *testing.T, st store.Store) *Echo {
	t.Helper()
	det, err := NewEcho(context.Background(), st, echo.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := follow.CatchUp(context.Background(), st, det, 0); err != nil {
		t.Fatal(err)
	}
	return det
}

func members(t *testing.T, st store.Store, group string) []string {
	t.Helper()
	g, ms, err := st.EchoGroup(context.Background(), group)
	if err != nil {
		t.Fatalf("group %s: %v", group, err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.Item)
	}
	slices.Sort(out)
	if g.Size != len(ms) {
		t.Errorf("group %s: size %d but %d member rows %v", g.ID, g.Size, len(ms), out)
	}
	return out
}

// TestEchoMergeWithUngroupedItemAndRestart: an item that joins a group while also echoing an
// earlier item that had no group brings that item in as a member; after a restart the
// group keeps its id and members and grows.
func TestEchoMergeWithUngroupedItemAndRestart(t *testing.T) {
	st := echoStore(t)
	texts := map[string]string{
		"a": textT,
		"b": textU,
		"c": textU + " Read more on our channel.",
		"d": textT + " " + textU,
		"e": "BREAKING: " + textT,
	}
	at := map[string]time.Duration{"a": 0, "b": time.Hour, "c": 2 * time.Hour, "d": 3 * time.Hour, "e": 4 * time.Hour}
	putTexts(t, st, texts, at, "a", "b", "c")
	runEcho(t, st)
	putTexts(t, st, texts, at, "d")
	runEcho(t, st)
	ctx := context.Background()
	gs, err := st.EchoGroups(ctx, store.EchoQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 1 {
		t.Fatalf("groups %+v, want one", gs)
	}
	id := gs[0].ID
	if got := members(t, st, id); !slices.Equal(got, []string{"a", "b", "c", "d"}) {
		t.Fatalf("members %v, want a b c d", got)
	}
	// A new process: the group is restored and grows under the same id.
	putTexts(t, st, texts, at, "e")
	runEcho(t, st)
	if got := members(t, st, id); !slices.Equal(got, []string{"a", "b", "c", "d", "e"}) {
		t.Errorf("after restart: members %v, want a..e", got)
	}
	if n, _ := st.CountEchoGroups(ctx, store.EchoQuery{}); n != 1 {
		t.Errorf("%d groups after restart, want 1", n)
	}
	if m, err := st.EchoMemberOf(ctx, "e"); err != nil || m.Relation != "copy" || m.Group != id {
		t.Errorf("e joined as %+v, %v", m, err)
	}
}

// TestEchoBatchLongerThanHorizon: a group whose items expire later in the same batch is
// stored all the same.
func TestEchoBatchLongerThanHorizon(t *testing.T) {
	st := echoStore(t)
	texts := map[string]string{"a": textT, "b": "BREAKING: " + textT}
	at := map[string]time.Duration{"a": 0, "b": time.Minute}
	order := []string{"a", "b"}
	for i := range 30 { // other items over 15 days
		id := fmt.Sprintf("z%02d", i)
		texts[id] = fmt.Sprintf("Item %d of the weather service: rain expected in district %d with winds of %d km/h and temperatures near %d degrees tomorrow.", i, i*7, 10+i, i%20)
		at[id] = time.Duration(i+1) * 12 * time.Hour
		order = append(order, id)
	}
	putTexts(t, st, texts, at, order...)
	runEcho(t, st)
	m, err := st.EchoMemberOf(context.Background(), "a")
	if err != nil {
		t.Fatalf("a is in no stored group: %v", err)
	}
	if got := members(t, st, m.Group); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("members %v", got)
	}
}

// TestEchoDocCapsFutureTimes: an item dated in the future is placed at its ingestion time.
func TestEchoDocCapsFutureTimes(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	it := fimi.Item{ID: "x", Text: "t", Published: now.Add(1000 * time.Hour), Ingested: now}
	if d := Doc(&it); !d.Published.Equal(now) {
		t.Errorf("future item at %v, want %v", d.Published, now)
	}
	it.Published = now.Add(-time.Hour)
	if d := Doc(&it); !d.Published.Equal(it.Published) {
		t.Errorf("past item moved to %v", d.Published)
	}
}
